/**
 * `Dataset` ⇄ compact, deterministic JSON text (the bundled `/dataset.json`). Tables are stored as
 * `{ columns, rows }` with one row per line (booleans as 0/1); keys in a fixed order. `decodeDataset`
 * checks the schema version and every row's shape and throws a clear error on a mismatch. Pure.
 */
import { z } from 'zod';
import {
  DATASET_SCHEMA_VERSION,
  DMEPOS_STATES,
  type ClfsRow,
  type Dataset,
  type DmeposRow,
  type HcpcsModifier,
  type HcpcsRow,
  type Locality,
  type OppsCapRow,
  type PfsRow,
} from './types';

type Kind = 'string' | 'number' | 'boolean' | 'string?' | 'number?';

/** Column order of each table in the file; also the decoder's shape check. */
const PFS_KINDS: Record<keyof PfsRow, Kind> = {
  code: 'string',
  modifier: 'string',
  description: 'string',
  status: 'string',
  notUsedForMedicare: 'boolean',
  workRvu: 'number',
  peNonFacility: 'number',
  nonFacilityNa: 'boolean',
  peFacility: 'number',
  facilityNa: 'boolean',
  mpRvu: 'number',
  totalNonFacility: 'number',
  totalFacility: 'number',
  pctc: 'string',
  globalDays: 'string',
  preOp: 'number',
  intraOp: 'number',
  postOp: 'number',
  multProc: 'string',
  bilatSurg: 'string',
  asstSurg: 'string',
  coSurg: 'string',
  teamSurg: 'string',
  pricInd: 'string?',
  endoBase: 'string',
  conversionFactor: 'number',
  physSupervision: 'string',
  calcFlag: 'string',
  imagingFamily: 'string',
  oppsPeNonFacility: 'number',
  oppsPeFacility: 'number',
  oppsMp: 'number',
};

const LOCALITY_KINDS: Record<keyof Locality, Kind> = {
  id: 'string',
  mac: 'string',
  locality: 'string',
  state: 'string',
  name: 'string',
  stateName: 'string',
  feeScheduleArea: 'string',
  counties: 'string',
  workGpci: 'number',
  peGpci: 'number',
  mpGpci: 'number',
  anesCfNonQp: 'number?',
  anesCfQp: 'number?',
};

const OPPS_KINDS: Record<keyof OppsCapRow, Kind> = {
  code: 'string',
  modifier: 'string',
  localityId: 'string',
  facility: 'number',
  nonFacility: 'number',
};

const HCPCS_KINDS: Record<keyof HcpcsRow, Kind> = {
  code: 'string',
  longDescription: 'string',
  shortDescription: 'string',
  addDate: 'string',
  effectiveDate: 'string',
  termDate: 'string?',
  coverage: 'string',
  betos: 'string',
  actionCode: 'string',
};

const HCPCS_MODIFIER_KINDS: Record<keyof HcpcsModifier, Kind> = { code: 'string', longDescription: 'string' };

const CLFS_KINDS: Record<keyof ClfsRow, Kind> = {
  code: 'string',
  modifier: 'string',
  indicator: 'string',
  rate: 'number?',
  effectiveDate: 'string',
  shortDescription: 'string',
  longDescription: 'string',
};

/** DMEPOS scalar columns; `amounts` is stored after them as one flat [NR, R, NR, R, …] array in `states` order. */
type DmeposScalar = Exclude<keyof DmeposRow, 'amounts'>;
const DMEPOS_KINDS: Record<DmeposScalar, Kind> = {
  code: 'string',
  modifier: 'string',
  modifier2: 'string',
  jurisdiction: 'string',
  category: 'string',
  ceiling: 'number',
  floor: 'number',
  description: 'string',
};

const releaseSchema = z.object({
  id: z.string(),
  year: z.number().int(),
  quarterName: z.string(),
  released: z.string(),
  title: z.string(),
});
const cfSchema = z.object({
  nonQp: z.number(),
  qp: z.number(),
  anesNonQp: z.number().nullable(),
  anesQp: z.number().nullable(),
});
const sourceSchema = z.object({ role: z.string(), file: z.string(), bytes: z.number().int(), sha256: z.string() });
const reportSchema = z.object({
  role: z.string(),
  file: z.string(),
  rowsRead: z.number().int(),
  accepted: z.number().int(),
  rejected: z.record(z.string(), z.number().int()),
  notes: z.array(z.string()).optional(),
});
const tableSchema = z.object({ columns: z.array(z.string()), rows: z.array(z.array(z.unknown())) });
const fileSchema = z.object({
  schemaVersion: z.number(),
  release: releaseSchema,
  conversionFactors: cfSchema,
  cptDescriptors: z.boolean(),
  sources: z.array(sourceSchema),
  report: z.array(reportSchema),
  pfs: tableSchema,
  localities: tableSchema,
  oppsCap: tableSchema,
  hcpcs: tableSchema,
  hcpcsModifiers: tableSchema,
  clfs: tableSchema,
  dmepos: tableSchema.extend({ states: z.array(z.string()) }),
});

const json = (v: unknown): string => JSON.stringify(v);

function encodeTable<T extends object>(name: string, kinds: Record<keyof T, Kind>, rows: readonly T[]): string {
  const cols = Object.keys(kinds) as (keyof T & string)[];
  const lines = rows.map((r) => json(cols.map((c) => (kinds[c] === 'boolean' ? (r[c] ? 1 : 0) : r[c]))));
  return `${json(name)}:{"columns":${json(cols)},"rows":[${lines.length ? `\n${lines.join(',\n')}\n` : ''}]}`;
}

/** States of the DMEPOS table: the CMS order first, then any other state seen, sorted. */
function dmeposStates(rows: readonly DmeposRow[]): string[] {
  const seen = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r.amounts)) seen.add(k);
  const known: readonly string[] = DMEPOS_STATES;
  return [...known.filter((s) => seen.has(s)), ...[...seen].filter((s) => !known.includes(s)).sort()];
}

function encodeDmepos(rows: readonly DmeposRow[]): string {
  const cols = Object.keys(DMEPOS_KINDS) as DmeposScalar[];
  const states = dmeposStates(rows);
  const lines = rows.map((r) => {
    const amounts = states.flatMap((s) => r.amounts[s] ?? [null, null]);
    return json([...cols.map((c) => r[c]), amounts]);
  });
  return `"dmepos":{"columns":${json([...cols, 'amounts'])},"states":${json(states)},"rows":[${lines.length ? `\n${lines.join(',\n')}\n` : ''}]}`;
}

/**
 * Serialise a dataset: same input → same bytes. Meta keys in contract order, report `rejected`
 * keys sorted, one table row per line.
 */
export function encodeDataset(ds: Dataset): string {
  const release = { id: ds.release.id, year: ds.release.year, quarterName: ds.release.quarterName, released: ds.release.released, title: ds.release.title };
  const cf = ds.conversionFactors;
  const sources = ds.sources.map((s) => json({ role: s.role, file: s.file, bytes: s.bytes, sha256: s.sha256 }));
  const report = ds.report.map((r) => {
    const rejected = Object.fromEntries(Object.keys(r.rejected).sort().map((k) => [k, r.rejected[k]]));
    const base = { role: r.role, file: r.file, rowsRead: r.rowsRead, accepted: r.accepted, rejected };
    return json(r.notes && r.notes.length ? { ...base, notes: r.notes } : base);
  });
  return [
    `{"schemaVersion":${json(ds.schemaVersion)},`,
    `"release":${json(release)},`,
    `"conversionFactors":${json({ nonQp: cf.nonQp, qp: cf.qp, anesNonQp: cf.anesNonQp, anesQp: cf.anesQp })},`,
    `"cptDescriptors":${json(ds.cptDescriptors)},`,
    `"sources":[\n${sources.join(',\n')}\n],`,
    `"report":[\n${report.join(',\n')}\n],`,
    `${encodeTable('pfs', PFS_KINDS, ds.pfs)},`,
    `${encodeTable('localities', LOCALITY_KINDS, ds.localities)},`,
    `${encodeTable('oppsCap', OPPS_KINDS, ds.oppsCap)},`,
    `${encodeTable('hcpcs', HCPCS_KINDS, ds.hcpcs)},`,
    `${encodeTable('hcpcsModifiers', HCPCS_MODIFIER_KINDS, ds.hcpcsModifiers)},`,
    `${encodeTable('clfs', CLFS_KINDS, ds.clfs)},`,
    `${encodeDmepos(ds.dmepos)}`,
    '}',
    '',
  ].join('\n');
}

function decodeTable<T>(name: string, kinds: Record<string, Kind>, table: { columns: string[]; rows: unknown[][] }): T[] {
  const fields = Object.keys(kinds);
  const index = fields.map((f) => table.columns.indexOf(f));
  const missing = fields.filter((_, i) => index[i]! < 0);
  if (missing.length) throw new Error(`dataset: table "${name}" lacks column(s) ${missing.join(', ')}`);
  return table.rows.map((row, r) => {
    if (row.length !== table.columns.length) {
      throw new Error(`dataset: ${name} row ${r} has ${row.length} values, expected ${table.columns.length}`);
    }
    const out: Record<string, unknown> = {};
    fields.forEach((f, i) => {
      const v = row[index[i]!];
      const kind = kinds[f]!;
      const ok =
        kind === 'string' ? typeof v === 'string'
        : kind === 'number' ? typeof v === 'number' && Number.isFinite(v)
        : kind === 'boolean' ? v === 0 || v === 1
        : kind === 'string?' ? v === null || typeof v === 'string'
        : v === null || (typeof v === 'number' && Number.isFinite(v));
      if (!ok) throw new Error(`dataset: ${name} row ${r} field "${f}" is ${JSON.stringify(v)}, expected ${kind}`);
      out[f] = kind === 'boolean' ? v === 1 : v;
    });
    return out as T;
  });
}

function decodeDmepos(table: { columns: string[]; states: string[]; rows: unknown[][] }): DmeposRow[] {
  const amountsAt = table.columns.indexOf('amounts');
  if (amountsAt < 0) throw new Error('dataset: table "dmepos" lacks column(s) amounts');
  const scalars = decodeTable<Omit<DmeposRow, 'amounts'>>('dmepos', DMEPOS_KINDS, {
    columns: table.columns.map((c, i) => (i === amountsAt ? '' : c)),
    rows: table.rows,
  });
  const width = table.states.length * 2;
  return scalars.map((row, r) => {
    const flat = table.rows[r]![amountsAt];
    if (!Array.isArray(flat) || flat.length !== width) {
      throw new Error(`dataset: dmepos row ${r} field "amounts" should hold ${width} values (NR, R per state)`);
    }
    const amounts: Record<string, [number, number]> = {};
    table.states.forEach((s, i) => {
      const nr: unknown = flat[2 * i];
      const rural: unknown = flat[2 * i + 1];
      if (nr === null && rural === null) return;
      if (typeof nr !== 'number' || typeof rural !== 'number' || !Number.isFinite(nr) || !Number.isFinite(rural)) {
        throw new Error(`dataset: dmepos row ${r} amounts for ${s} are ${JSON.stringify([nr, rural])}, expected two numbers`);
      }
      amounts[s] = [nr, rural];
    });
    return { ...row, amounts };
  });
}

/**
 * Parse and validate a dataset written by `encodeDataset`.
 * @throws Error naming the problem: not JSON, another schema version, a missing field or column, a bad value.
 */
export function decodeDataset(text: string): Dataset {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new Error(`dataset: not valid JSON (${(e as Error).message})`);
  }
  const version = (raw as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (version === 1) {
    throw new Error(
      `dataset: schemaVersion 1 is an older format (no HCPCS, CLFS or DMEPOS tables); this build reads ${DATASET_SCHEMA_VERSION} (rebuild it with \`npm run data\`)`,
    );
  }
  if (version !== DATASET_SCHEMA_VERSION) {
    throw new Error(`dataset: schemaVersion ${JSON.stringify(version)} is not the supported ${DATASET_SCHEMA_VERSION} (rebuild it with \`npm run data\`)`);
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`dataset: bad shape at ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? 'invalid'}`);
  }
  const d = parsed.data;
  return {
    schemaVersion: d.schemaVersion,
    release: d.release,
    conversionFactors: d.conversionFactors,
    cptDescriptors: d.cptDescriptors,
    pfs: decodeTable<PfsRow>('pfs', PFS_KINDS, d.pfs),
    localities: decodeTable<Locality>('localities', LOCALITY_KINDS, d.localities),
    oppsCap: decodeTable<OppsCapRow>('oppsCap', OPPS_KINDS, d.oppsCap),
    hcpcs: decodeTable<HcpcsRow>('hcpcs', HCPCS_KINDS, d.hcpcs),
    hcpcsModifiers: decodeTable<HcpcsModifier>('hcpcsModifiers', HCPCS_MODIFIER_KINDS, d.hcpcsModifiers),
    clfs: decodeTable<ClfsRow>('clfs', CLFS_KINDS, d.clfs),
    dmepos: decodeDmepos(d.dmepos),
    sources: d.sources,
    report: d.report.map((r) => (r.notes ? { ...r, notes: r.notes } : { role: r.role, file: r.file, rowsRead: r.rowsRead, accepted: r.accepted, rejected: r.rejected })),
  };
}
