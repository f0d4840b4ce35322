/**
 * `Dataset` ⇄ compact, deterministic JSON text (the bundled `/dataset.json`). Tables are stored as
 * `{ columns, rows }` with one row per line (booleans as 0/1); keys in a fixed order. `decodeDataset`
 * checks the schema version and every row's shape and throws a clear error on a mismatch. Pure.
 */
import { z } from 'zod';
import { DATASET_SCHEMA_VERSION, type Dataset, type Locality, type OppsCapRow, type PfsRow } from './types';

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
});

const json = (v: unknown): string => JSON.stringify(v);

function encodeTable<T extends object>(name: string, kinds: Record<keyof T, Kind>, rows: readonly T[]): string {
  const cols = Object.keys(kinds) as (keyof T & string)[];
  const lines = rows.map((r) => json(cols.map((c) => (kinds[c] === 'boolean' ? (r[c] ? 1 : 0) : r[c]))));
  return `${json(name)}:{"columns":${json(cols)},"rows":[${lines.length ? `\n${lines.join(',\n')}\n` : ''}]}`;
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
    `${encodeTable('oppsCap', OPPS_KINDS, ds.oppsCap)}`,
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
    sources: d.sources,
    report: d.report.map((r) => (r.notes ? { ...r, notes: r.notes } : { role: r.role, file: r.file, rowsRead: r.rowsRead, accepted: r.accepted, rejected: r.rejected })),
  };
}
