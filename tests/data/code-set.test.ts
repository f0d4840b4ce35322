// The code set the scanner confirms candidates with (`codeSet` message: allKnownCodes → encoded bit
// set) must know exactly the codes a hover answers with a card (`buildCards`): checked on the real
// release in fake-indexeddb, on real codes of every schedule and on random code-shaped strings
// (ZIP codes collide with CPT codes).
import { afterAll, describe, expect, it } from 'vitest';
import { buildDataset } from '../../lib/cms/build-dataset';
import { CodeSet, encodeCodeSet } from '../../lib/codes/code-set';
import { allKnownCodes } from '../../lib/db/queries';
import { activeCodeSet, replaceRelease } from '../../lib/db/release';
import { RvuLensDB } from '../../lib/db/schema';
import { buildCards } from '../../lib/pricing/cards';
import { readDefaultSources } from '../../data/pipeline/read-source';

const ds = buildDataset(readDefaultSources().files);
const db = new RvuLensDB('known-codes-' + Math.random());
afterAll(() => db.delete());
const settings = { locality: null, setting: 'nonFacility', cfTrack: 'nonQp', dmeposRural: false } as const;

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0), s / 2 ** 32);
}

describe('the code set', () => {
  it('agrees with buildCards on 2,000 codes from every schedule and random strings', { timeout: 120_000 }, async () => {
    await replaceRelease(db, ds, { origin: 'bundled', seededBy: 'test' });
    const rnd = prng(7);
    const pick = <T>(a: readonly T[]) => a[Math.floor(rnd() * a.length)]!;
    const sample = new Set<string>(['99213', '80053', '0037U', 'E0114', 'L1830', 'C1776', 'G0438', '00000', '99999', 'Z9999']);
    while (sample.size < 400) sample.add(pick(ds.pfs).code);
    while (sample.size < 600) sample.add(pick(ds.hcpcs).code);
    while (sample.size < 700) sample.add(pick(ds.clfs).code);
    while (sample.size < 800) sample.add(pick(ds.dmepos).code);
    while (sample.size < 2000) sample.add(String(Math.floor(rnd() * 100000)).padStart(5, '0'));
    const codes = [...sample];
    const viaCards: string[] = [];
    for (let i = 0; i < codes.length; i += 500) {
      const part = codes.slice(i, i + 500);
      const cards = await buildCards(db, part.map((code) => ({ code })), settings);
      cards.forEach((c, k) => {
        if (!('error' in c)) viaCards.push(part[k]!);
      });
    }
    const all = await allKnownCodes(db);
    const set = new CodeSet(encodeCodeSet(all));
    const known = codes.filter((c) => set.has(c));
    // Every code of the release has a shape the set holds, except codes the detector never finds.
    const unshaped = [...all].filter((c) => !set.has(c));
    expect(unshaped.every((c) => !/^(?:\d{5}|\d{4}[FTUM]|[A-Z]\d{4})$/.test(c))).toBe(true);
    expect(new Set(known)).toEqual(new Set(viaCards));
    // Real codes of each schedule are known; the random ZIP-like ones mostly are not.
    expect(known).toEqual(expect.arrayContaining(['99213', '80053', '0037U', 'E0114', 'L1830', 'C1776', 'G0438']));
    expect(known).not.toContain('Z9999');
    expect(known.length).toBeGreaterThan(790);
    expect(known.length).toBeLessThan(1500);
  });

  it('is stored with the release, and rebuilt from the tables (then stored) when missing', async () => {
    const fromTables = encodeCodeSet(await allKnownCodes(db));
    expect(await activeCodeSet(db)).toBe(fromTables);
    const rec = (await db.stats.toArray())[0]!;
    await db.stats.put({ release: rec.release, stats: rec.stats });
    expect(await activeCodeSet(db)).toBe(fromTables);
    expect((await db.stats.get(rec.release))?.codeSet).toBe(fromTables);
  });

  it('is case-insensitive and answers false for shapes it cannot hold', async () => {
    const set = new CodeSet(encodeCodeSet(await allKnownCodes(db)));
    expect(['g0438', '99213', 'G0438', '0037u'].map((c) => set.has(c))).toEqual([true, true, true, true]);
    expect(['12', '992131', '', '9921X', 'Z9999'].map((c) => set.has(c))).toEqual([false, false, false, false, false]);
  });
});
