/**
 * Swapping the active release in and out of IndexedDB. `replaceRelease` clears and refills every
 * data table inside ONE read-write transaction: if anything throws (quota, a bad record), Dexie
 * aborts the transaction and the previous release stays intact.
 */
import type { Dataset } from '../dataset/types';
import { computeSectionStats } from '../stats/compute';
import { MAX_ARCHIVED, codeKey, type CodeRecord, type DatasetMeta, type OppsCapRecord, type RvuLensDB } from './schema';
import { encodeCodeSet } from '../codes/code-set';
import { allKnownCodes } from './queries';

export interface ReplaceOptions {
  origin: DatasetMeta['origin'];
  seededBy: string;
  /** Called with a fraction 0..1 while writing (for progress bars). */
  onProgress?: (fraction: number) => void;
  now?: () => Date;
}

/** Build the records for a dataset, outside any transaction (pure). */
export function toRecords(ds: Dataset): { codes: CodeRecord[]; oppsCap: OppsCapRecord[] } {
  const codes = ds.pfs.map((r) => ({ ...r, key: codeKey(r.code, r.modifier) }));
  const caps = new Map<string, OppsCapRecord>();
  for (const c of ds.oppsCap) {
    const key = codeKey(c.code, c.modifier);
    let rec = caps.get(key);
    if (!rec) {
      rec = { key, caps: {} };
      caps.set(key, rec);
    }
    rec.caps[c.localityId] = [c.facility, c.nonFacility];
  }
  return { codes, oppsCap: [...caps.values()] };
}

export function metaFor(ds: Dataset, opts: ReplaceOptions): DatasetMeta {
  return {
    key: 'dataset',
    release: ds.release,
    conversionFactors: ds.conversionFactors,
    cptDescriptors: ds.cptDescriptors,
    schemaVersion: ds.schemaVersion,
    counts: {
      pfs: ds.pfs.length,
      codes: new Set(ds.pfs.map((r) => r.code)).size,
      localities: ds.localities.length,
      oppsCap: ds.oppsCap.length,
      hcpcs: ds.hcpcs.length,
      clfs: ds.clfs.length,
      dmepos: ds.dmepos.length,
    },
    origin: opts.origin,
    seededBy: opts.seededBy,
    loadedAt: (opts.now?.() ?? new Date()).toISOString(),
    sources: ds.sources,
    report: ds.report,
  };
}

const QUARTER_ORDER = 'A_BCD'; // RVUyyA, RVUyyAR (A + R), B, C, D

/** Order of CMS release ids: "RVU26C" > "RVU26AR" > "RVU26A" > "RVU25D". Unknown ids sort first. */
export function releaseRank(id: string): number {
  const m = /^RVU(\d{2})([A-D])(R?)$/.exec(id);
  if (!m) return -1;
  const q = QUARTER_ORDER.indexOf(m[2] ?? 'A') + (m[3] ? 1 : 0);
  return Number(m[1]) * 10 + q;
}

const CHUNK = 2000;

/** Every code a release prices or describes (what the scanner may mark). */
function* datasetCodes(ds: Dataset): Generator<string> {
  for (const list of [ds.pfs, ds.hcpcs, ds.clfs, ds.dmepos]) for (const r of list) yield r.code;
}

/**
 * The active release's code set (encoded, lib/codes/code-set): stored with the release, or built
 * from the tables' index keys and stored on first use (a release seeded before it was stored).
 */
export async function activeCodeSet(db: RvuLensDB): Promise<string> {
  const meta = await db.meta.get('dataset');
  if (!meta) throw new Error('No release is loaded.');
  const rec = await db.stats.get(meta.release.id);
  if (rec?.codeSet) return rec.codeSet;
  const codeSet = encodeCodeSet(await allKnownCodes(db));
  if (rec) await db.stats.put({ ...rec, codeSet });
  return codeSet;
}

/** Replace the active release with `ds` atomically. Resolves to the new meta record. */
export async function replaceRelease(db: RvuLensDB, ds: Dataset, opts: ReplaceOptions): Promise<DatasetMeta> {
  if (ds.pfs.length === 0) throw new Error('The release has no fee schedule rows; nothing was changed.');
  if (ds.localities.length === 0) throw new Error('The release has no localities; nothing was changed.');
  const { codes, oppsCap } = toRecords(ds);
  const meta = metaFor(ds, opts);
  const total = codes.length + oppsCap.length + ds.localities.length;
  let done = 0;
  const tables = [db.codes, db.localities, db.oppsCap, db.hcpcs, db.hcpcsModifiers, db.clfs, db.dmepos];
  const stats = computeSectionStats(ds.pfs, { release: ds.release.id });
  const codeSet = encodeCodeSet(datasetCodes(ds));
  await db.transaction('rw', [...tables, db.meta, db.archive, db.stats], async () => {
    // Keep the outgoing release (another id) for year-over-year figures and the tally's year.
    const outgoing = await db.meta.get('dataset');
    if (outgoing && outgoing.release.id !== ds.release.id) {
      const [pfs, localities] = await Promise.all([db.codes.toArray(), db.localities.toArray()]);
      await db.archive.put({
        id: outgoing.release.id,
        release: outgoing.release,
        conversionFactors: outgoing.conversionFactors,
        pfs: pfs.map(({ key: _key, ...row }) => row),
        localities,
        archivedAt: (opts.now?.() ?? new Date()).toISOString(),
      });
    }
    await db.archive.delete(ds.release.id);
    const kept = (await db.archive.toArray()).sort((a, b) => releaseRank(b.id) - releaseRank(a.id));
    await db.archive.bulkDelete(kept.slice(MAX_ARCHIVED).map((a) => a.id));
    await db.stats.clear();
    await db.stats.put({ release: ds.release.id, stats, codeSet });
    await Promise.all(tables.map((t) => t.clear()));
    for (let i = 0; i < codes.length; i += CHUNK) {
      await db.codes.bulkAdd(codes.slice(i, i + CHUNK));
      done += Math.min(CHUNK, codes.length - i);
      opts.onProgress?.(done / total);
    }
    await db.localities.bulkAdd(ds.localities);
    await db.oppsCap.bulkAdd(oppsCap);
    await db.hcpcs.bulkAdd(ds.hcpcs);
    await db.hcpcsModifiers.bulkAdd(ds.hcpcsModifiers);
    await db.clfs.bulkAdd(ds.clfs.map((r) => ({ ...r, key: `${r.code}|${r.modifier}` })));
    await db.dmepos.bulkAdd(ds.dmepos.map((r) => ({ ...r, key: `${r.code}|${r.modifier}|${r.modifier2}` })));
    await db.meta.put(meta);
  });
  opts.onProgress?.(1);
  return meta;
}

export function getMeta(db: RvuLensDB): Promise<DatasetMeta | undefined> {
  return db.meta.get('dataset');
}
