// priceCode: one code + modifiers + units in a locality (or national) -> the full, serialisable
// result the lookup CLI prints and the extension shows. Independent of storage: it reads plain
// rows/locality/cap through a synchronous FeeSource (build one with createFeeSource).

import type { ConversionFactors, Locality, LocalityId, OppsCapRow, PfsRow, ReleaseInfo } from '../dataset/types';
import { applyModifiers } from './modifiers';
import { centsToDollars } from './money';
import { priceRow, type CfTrack, type OppsInfo, type Setting } from './price';
import { statusInfo } from './status';

/** What priceCode reads. Everything synchronous; the caller fetches the rows first (Dexie or JSON). */
export interface FeeSource {
  /** All rows of a code (global, 26, TC, 53); [] when the code is not in the file. */
  rows(code: string): readonly PfsRow[];
  /** A locality by id, or undefined. */
  locality(id: LocalityId): Locality | undefined;
  /** The OPPS cap row of (code, modifier, locality), or undefined. */
  cap(code: string, modifier: string, localityId: LocalityId): OppsCapRow | undefined;
  conversionFactors: ConversionFactors;
  release?: ReleaseInfo | null;
}

/** Plain data for {@link createFeeSource}: a whole Dataset fits, and so do rows prefetched for one code. */
export interface FeeSourceData {
  pfs: readonly PfsRow[];
  localities: readonly Locality[];
  oppsCap: readonly OppsCapRow[];
  conversionFactors: ConversionFactors;
  release?: ReleaseInfo | null;
}

/** Index plain arrays (e.g. a decoded Dataset, or the rows of one code from the store) for priceCode. */
export function createFeeSource(data: FeeSourceData): FeeSource {
  const rows = new Map<string, PfsRow[]>();
  for (const r of data.pfs) {
    const list = rows.get(r.code);
    if (list) list.push(r);
    else rows.set(r.code, [r]);
  }
  const locs = new Map<string, Locality>(data.localities.map((l) => [l.id, l]));
  const caps = new Map<string, OppsCapRow>(data.oppsCap.map((c) => [`${c.code}|${c.modifier}|${c.localityId}`, c]));
  return {
    rows: (code) => rows.get(code.toUpperCase()) ?? [],
    locality: (id) => locs.get(id),
    cap: (code, modifier, localityId) => caps.get(`${code}|${modifier}|${localityId}`),
    conversionFactors: data.conversionFactors,
    release: data.release ?? null,
  };
}

/** A priceCode request. */
export interface PriceCodeRequest {
  code: string;
  modifiers?: readonly string[];
  units?: number;
  /** null / undefined = national (GPCIs of 1, no OPPS cap). */
  localityId?: LocalityId | null;
  /** Optional: the setting the caller cares about (both are always computed). */
  setting?: Setting | null;
  /** Conversion-factor track; default 'nonQp'. */
  track?: CfTrack;
  /** Multiple-procedure rank (1 = highest fee); see ModifierRequest.rank. */
  rank?: number;
}

/** Two settings of one value. */
export interface BySetting<T> {
  nonFacility: T;
  facility: T;
}

/** The full result for one code (JSON-serialisable: no bigint). Money in dollars and cents. */
export interface CodePrice {
  code: string;
  /** Requested modifiers joined with "-" ("26", "25-GC"), or null. */
  modifier: string | null;
  modifiers: string[];
  /** Modifier of the PFS row priced ("" global, "26", "TC", "53"). */
  rowModifier: string;
  units: number;
  description: string;
  status: string;
  /** "A active", "B bundled", ... */
  statusLabel: string;
  statusText: string;
  notUsedForMedicare: boolean;
  workRvu: number;
  peRvu: BySetting<number>;
  mpRvu: number;
  totalRvu: BySetting<number>;
  /** Whether an NA indicator is set per setting. */
  na: BySetting<boolean>;
  globalDays: string;
  pctc: string;
  /** Allowed amount in dollars after modifiers and units; null where there is no price. */
  allowed: BySetting<number | null>;
  /** Same in integer cents. */
  cents: BySetting<number | null>;
  /** Why a setting has no price (null when priced). */
  reasons: BySetting<string | null>;
  /** Base allowed amount of the priced row in cents, before modifiers/units. */
  baseCents: BySetting<number | null>;
  /** One line per modifier rule; [] when none. */
  adjustments: string[];
  /** Notes on the status, NOT USED FOR MEDICARE PAYMENT, the OPPS cap ... */
  notes: string[];
  opps: Omit<OppsInfo, 'capCents'> & { cap: BySetting<number | null> | null; applied: BySetting<boolean> };
  locality: { id: LocalityId | null; name: string; state: string | null };
  track: CfTrack;
  conversionFactor: number;
  /** Release id ("RVU26C") or null. */
  release: string | null;
  setting: Setting | null;
}

/** A code that could not be priced at all (unknown code or locality). */
export interface CodePriceError {
  code: string;
  modifier: string | null;
  error: string;
}

export type PriceCodeResult = CodePrice | CodePriceError;

/** Narrow a result to the error case. */
export const isPriceError = (r: PriceCodeResult): r is CodePriceError => 'error' in r;

/**
 * Price one code with modifiers and units in a locality (null = national). The background, the
 * popover and the lookup CLI all call this; it never throws for unknown codes or localities.
 */
export function priceCode(source: FeeSource, request: PriceCodeRequest): PriceCodeResult {
  const code = request.code.trim().toUpperCase();
  const modifiers = [...new Set((request.modifiers ?? []).map((m) => m.trim().toUpperCase()).filter(Boolean))];
  const modifier = modifiers.length > 0 ? modifiers.join('-') : null;
  const units = request.units ?? 1;
  const track = request.track ?? 'nonQp';
  if (!Number.isInteger(units) || units < 1) return { code, modifier, error: `units must be a whole number ≥ 1 (got ${units})` };

  const rows = source.rows(code);
  if (rows.length === 0) return { code, modifier, error: `${code} is not in the physician fee schedule file` };

  let locality: Locality | null = null;
  if (request.localityId) {
    locality = source.locality(request.localityId) ?? null;
    if (!locality) return { code, modifier, error: `unknown locality ${request.localityId}` };
  }

  const pricer = (row: PfsRow) =>
    priceRow(row, locality, {
      track,
      cf: source.conversionFactors,
      cap: locality ? (source.cap(row.code, row.modifier, locality.id) ?? null) : null,
    });

  const global = rows.find((r) => r.modifier === '') ?? rows[0];
  const endoBase = global?.multProc === '3' && global.endoBase ? source.rows(global.endoBase) : undefined;
  const adj = applyModifiers({
    rows,
    modifiers,
    units,
    ...(request.rank !== undefined ? { rank: request.rank } : {}),
    price: pricer,
    ...(endoBase ? { endoBaseRows: endoBase } : {}),
  });
  const row = adj.row ?? global;
  const base = adj.base ?? (row ? pricer(row) : null);
  if (!row || !base) return { code, modifier, error: `${code} is not in the physician fee schedule file` };

  const info = statusInfo(row.status);
  return {
    code,
    modifier,
    modifiers,
    rowModifier: row.modifier,
    units,
    description: row.description,
    status: info.code,
    statusLabel: base.statusLabel,
    statusText: info.long,
    notUsedForMedicare: row.notUsedForMedicare,
    workRvu: row.workRvu,
    peRvu: { nonFacility: row.peNonFacility, facility: row.peFacility },
    mpRvu: row.mpRvu,
    totalRvu: { nonFacility: row.totalNonFacility, facility: row.totalFacility },
    na: { nonFacility: row.nonFacilityNa, facility: row.facilityNa },
    globalDays: row.globalDays,
    pctc: row.pctc,
    allowed: { nonFacility: centsToDollars(adj.nonFacility.cents), facility: centsToDollars(adj.facility.cents) },
    cents: { nonFacility: adj.nonFacility.cents, facility: adj.facility.cents },
    reasons: { nonFacility: adj.nonFacility.reason, facility: adj.facility.reason },
    baseCents: { nonFacility: base.nonFacility.cents, facility: base.facility.cents },
    adjustments: adj.steps,
    notes: [...base.notes, ...(base.opps.note ? [base.opps.note] : [])],
    opps: {
      status: base.opps.status,
      note: base.opps.note,
      cap: base.opps.capCents
        ? { nonFacility: centsToDollars(base.opps.capCents.nonFacility), facility: centsToDollars(base.opps.capCents.facility) }
        : null,
      applied: { nonFacility: base.nonFacility.capApplied, facility: base.facility.capApplied },
    },
    locality: locality ? { id: locality.id, name: locality.name, state: locality.state } : { id: null, name: 'National', state: null },
    track,
    conversionFactor: base.conversionFactor,
    release: source.release?.id ?? null,
    setting: request.setting ?? null,
  };
}
