/**
 * The IndexedDB schema (Dexie), background-only. One active CMS release at a time; the swap to a
 * new release (seed or import) happens in one read-write transaction over every data table, so a
 * failure leaves the previous release exactly as it was.
 */
import Dexie, { type EntityTable } from 'dexie';
import type { SectionStats } from '../stats/compute';
import type { TallyState } from '../tally/reducer';
import type { ClfsRow, ConversionFactors, DmeposRow, FileReport, HcpcsModifier, HcpcsRow, Locality, PfsRow, ReleaseInfo, SourceFile } from '../dataset/types';

/** A PFS row as stored: the row plus its primary key. */
export interface CodeRecord extends PfsRow {
  /** `${code}|${modifier}` ("88305|26", "99213|"). */
  key: string;
}

/** All OPPS caps of one code+modifier: locality id → [facility, nonFacility] dollars. */
export interface OppsCapRecord {
  /** `${code}|${modifier}`. */
  key: string;
  caps: Record<string, [number, number]>;
}

/** A CLFS row as stored: key `${code}|${modifier}`. */
export interface ClfsRecord extends ClfsRow {
  key: string;
}

/** A DMEPOS row as stored: key `${code}|${modifier}|${modifier2}`. */
export interface DmeposRecord extends DmeposRow {
  key: string;
}

/** A release kept after a newer one replaced it (year over year, tally year). */
export interface ArchivedRelease {
  /** Release id ("RVU25D"). */
  id: string;
  release: ReleaseInfo;
  conversionFactors: ConversionFactors;
  pfs: PfsRow[];
  localities: Locality[];
  archivedAt: string;
}

/** Section statistics of a release (lib/stats), computed once when the release is loaded. */
export interface StatsRecord {
  release: string;
  stats: SectionStats;
  /**
   * Every code of the release as an encoded bit set (lib/codes/code-set), what each page's scanner
   * asks for once. Written with the release; computed from the tables if missing (older installs).
   */
  codeSet?: string;
}

/** The tally (procedure log): one record. */
export interface TallyRecord {
  key: 'tally';
  state: TallyState;
}

/** What is loaded: one record under key "dataset". */
export interface DatasetMeta {
  key: 'dataset';
  release: ReleaseInfo;
  conversionFactors: ConversionFactors;
  cptDescriptors: boolean;
  schemaVersion: number;
  counts: { pfs: number; codes: number; localities: number; oppsCap: number; hcpcs: number; clfs: number; dmepos: number };
  origin: 'bundled' | 'imported';
  /** Extension version that seeded it (bundled data only). */
  seededBy: string;
  loadedAt: string;
  sources: SourceFile[];
  report: FileReport[];
}

export class RvuLensDB extends Dexie {
  /** Primary key `key`; `code` indexed to fetch a code's global/26/TC/53 rows together. */
  codes!: EntityTable<CodeRecord, 'key'>;
  /** Primary key `id` ("13202-01"); `state` indexed for the grouped locality list. */
  localities!: EntityTable<Locality, 'id'>;
  /** Primary key `key` (code|modifier). */
  oppsCap!: EntityTable<OppsCapRecord, 'key'>;
  /** Primary key `key`; a handful of records. */
  meta!: EntityTable<DatasetMeta, 'key'>;
  /** HCPCS Level II procedure codes by code (public-domain long descriptions, termination dates). */
  hcpcs!: EntityTable<HcpcsRow, 'code'>;
  /** HCPCS Level II modifiers by code. */
  hcpcsModifiers!: EntityTable<HcpcsModifier, 'code'>;
  /** Lab fee schedule rows; `code` indexed (a code may have a QW row too). */
  clfs!: EntityTable<ClfsRecord, 'key'>;
  /** DMEPOS rows; `code` indexed (NU / RR / UE rows of one code). */
  dmepos!: EntityTable<DmeposRecord, 'key'>;
  /** Earlier releases by id (at most {@link MAX_ARCHIVED}). */
  archive!: EntityTable<ArchivedRelease, 'id'>;
  /** Section statistics by release id. */
  stats!: EntityTable<StatsRecord, 'release'>;
  /** The user's tally: survives restarts and data imports (never cleared by a release swap). */
  tally!: EntityTable<TallyRecord, 'key'>;

  constructor(name = 'rvu-lens') {
    super(name);
    this.version(1).stores({
      codes: '&key, code',
      localities: '&id, state',
      oppsCap: '&key',
      meta: '&key',
    });
    // v2: the other fee schedules (HCPCS Level II, CLFS, DMEPOS). Data tables are refilled by the
    // seed (dataset schema 2), so no record upgrade is needed here.
    this.version(2).stores({
      hcpcs: '&code',
      hcpcsModifiers: '&code',
      clfs: '&key, code',
      dmepos: '&key, code',
    });
    // v3: earlier releases, section statistics, the tally.
    this.version(3).stores({
      archive: '&id',
      stats: '&release',
      tally: '&key',
    });
  }
}

/** How many earlier releases the store keeps. */
export const MAX_ARCHIVED = 2;

export function codeKey(code: string, modifier: string): string {
  return `${code}|${modifier}`;
}
