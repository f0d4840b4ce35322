/**
 * Read queries over the active release. Each takes the database as its first parameter so tests
 * pass a fresh fake-indexeddb instance. Background-only.
 */
import type { Locality, LocalityId } from '../dataset/types';
import { codeKey, type CodeRecord, type OppsCapRecord, type RvuLensDB } from './schema';

/** Every row (global, 26, TC, 53 …) of each requested code, grouped by code. Unknown codes are absent. */
export async function getCodeRows(db: RvuLensDB, codes: readonly string[]): Promise<Map<string, CodeRecord[]>> {
  const out = new Map<string, CodeRecord[]>();
  if (codes.length === 0) return out;
  const rows = await db.codes.where('code').anyOf([...new Set(codes)]).toArray();
  for (const r of rows) {
    const list = out.get(r.code);
    if (list) list.push(r);
    else out.set(r.code, [r]);
  }
  for (const list of out.values()) list.sort((a, b) => a.modifier.localeCompare(b.modifier));
  return out;
}

/**
 * Every code any loaded schedule knows (PFS rows, HCPCS Level II, CLFS, DMEPOS: exactly the codes
 * `buildCards` answers with a card), upper case, de-duplicated. Reads index keys only, never rows.
 */
export async function allKnownCodes(db: RvuLensDB): Promise<Set<string>> {
  const lists = await Promise.all([
    db.codes.orderBy('code').uniqueKeys(),
    db.hcpcs.toCollection().primaryKeys(),
    db.clfs.orderBy('code').uniqueKeys(),
    db.dmepos.orderBy('code').uniqueKeys(),
  ]);
  const out = new Set<string>();
  for (const list of lists) for (const k of list) out.add(String(k).toUpperCase());
  return out;
}

export async function getLocality(db: RvuLensDB, id: string | null): Promise<Locality | null> {
  if (!id) return null;
  return (await db.localities.get(id as LocalityId)) ?? null;
}

export async function listLocalities(db: RvuLensDB): Promise<Locality[]> {
  const all = await db.localities.toArray();
  return all.sort((a, b) => a.stateName.localeCompare(b.stateName) || a.state.localeCompare(b.state) || a.name.localeCompare(b.name));
}

/** OPPS cap records for the given code+modifier keys. */
export async function getCaps(db: RvuLensDB, keys: readonly { code: string; modifier: string }[]): Promise<Map<string, OppsCapRecord>> {
  const recs = await db.oppsCap.bulkGet(keys.map((k) => codeKey(k.code, k.modifier)));
  const out = new Map<string, OppsCapRecord>();
  for (const r of recs) if (r) out.set(r.key, r);
  return out;
}

/** All rows, for building the search index (popup) and section statistics. */
export function allCodeRows(db: RvuLensDB): Promise<CodeRecord[]> {
  return db.codes.toArray();
}

/** The HCPCS, CLFS and DMEPOS rows of the given codes, grouped by code. */
export async function getOtherScheduleRows(db: RvuLensDB, codes: readonly string[]) {
  const unique = [...new Set(codes)];
  const [hcpcs, clfs, dmepos] = await Promise.all([
    db.hcpcs.bulkGet(unique),
    db.clfs.where('code').anyOf(unique).toArray(),
    db.dmepos.where('code').anyOf(unique).toArray(),
  ]);
  const group = <T extends { code: string }>(rows: T[]) => {
    const m = new Map<string, T[]>();
    for (const r of rows) m.set(r.code, [...(m.get(r.code) ?? []), r]);
    return m;
  };
  return {
    hcpcs: new Map(hcpcs.filter((h) => h !== undefined).map((h) => [h.code, h])),
    clfs: group(clfs),
    dmepos: group(dmepos),
  };
}
