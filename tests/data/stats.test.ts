/**
 * Issue 6 against the real release (data/generated/public/dataset.json):
 * - section percentile / median / max for 99213, 27447, 93000, 88305 (and every section's count and
 *   max) equal an independent computation written here (string-range sections, sort + count);
 * - every curated PC/TC entry exists with the right PCTC values, and every PCTC-4 code of the file
 *   is in the table;
 * - the page summary's totals equal the sum of the lookup command's one-unit figures × units
 *   (`tsx data/pipeline/lookup.ts --json` as a subprocess).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeDataset } from '../../lib/dataset/codec';
import type { Dataset, PfsRow } from '../../lib/dataset/types';
import { createFeeSource, isPriceError, priceCode } from '../../lib/fees/price-code';
import { compareCode, computeSectionStats } from '../../lib/stats/compute';
import { GLOBAL_TEST_COMPONENTS, relatedCodes } from '../../lib/stats/related';
import { summarizePage, summaryKey, type SummaryCard } from '../../lib/summary/page';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DATASET = `${ROOT}data/generated/public/dataset.json`;
const HAVE = existsSync(DATASET);

/** Independent section membership: zero-padded string ranges (no numbers, no lib code). */
const inRange = (c: string, lo: string, hi: string) => /^\d{5}$/.test(c) && c >= lo && c <= hi;
const SECTIONS: Record<string, (c: string) => boolean> = {
  em: (c) => inRange(c, '99202', '99499'),
  surgery: (c) => inRange(c, '10004', '69990'),
  medicine: (c) => inRange(c, '90281', '99199') || inRange(c, '99500', '99607'),
  pathlab: (c) => inRange(c, '80047', '89398') || /^\d{4}[UM]$/.test(c),
  radiology: (c) => inRange(c, '70010', '79999'),
  cat3: (c) => /^\d{4}T$/.test(c),
};

describe.skipIf(!HAVE)('issue 6 on the real dataset', () => {
  const ds: Dataset = HAVE ? decodeDataset(readFileSync(DATASET, 'utf8')) : (null as unknown as Dataset);
  const stats = HAVE ? computeSectionStats(ds.pfs, { release: ds.release.id }) : null!;
  const globals = HAVE ? ds.pfs.filter((r) => r.modifier === '') : [];

  function reference(sectionId: string, w: number) {
    const values = globals.filter((r) => SECTIONS[sectionId]!(r.code) && r.workRvu > 0).map((r) => r.workRvu);
    values.sort((a, b) => a - b);
    const n = values.length;
    const median = n % 2 === 1 ? values[(n - 1) / 2]! : (values[n / 2 - 1]! + values[n / 2]!) / 2;
    let atOrBelow = 0;
    for (const v of values) if (v <= w + 1e-9) atOrBelow++;
    const top = globals.filter((r) => SECTIONS[sectionId]!(r.code) && r.workRvu === values[n - 1]).map((r) => r.code).sort()[0];
    return { n, median, percentile: (100 * atOrBelow) / n, max: values[n - 1]!, top };
  }

  it.each([
    ['99213', 'em'],
    ['27447', 'surgery'],
    ['93000', 'medicine'],
    ['88305', 'pathlab'],
  ])('%s: percentile, median ratio, section max match the independent computation', (code, sectionId) => {
    const w = globals.find((r) => r.code === code)!.workRvu;
    const c = compareCode(stats, code, w)!;
    const ref = reference(sectionId, w);
    expect(c.section.id).toBe(sectionId);
    expect(c.count).toBe(ref.n);
    expect(c.percentile).toBeCloseTo(ref.percentile, 9);
    expect(c.median).toBeCloseTo(ref.median, 9);
    expect(c.ratioToMedian).toBeCloseTo(w / ref.median, 9);
    expect(c.sectionMax).toBe(ref.max);
    expect(c.sectionMaxCode).toBe(ref.top);
  });

  it('every section with an independent definition has the same count and max', () => {
    for (const id of Object.keys(SECTIONS)) {
      const ref = reference(id, 0);
      expect(stats.sections[id], id).toMatchObject({ count: ref.n, max: ref.max, maxCode: ref.top });
    }
    // Anesthesia codes are paid in base units: no wRVU, no statistics.
    expect(stats.sections.anesthesia).toBeUndefined();
  });

  it('stored form is compact', () => {
    expect(JSON.stringify(stats).length).toBeLessThan(60_000);
  });

  it('curated PC/TC table: codes exist with PCTC 4 / 3 / 2, professional wRVUs add up to the global', () => {
    const by = new Map<string, PfsRow>(globals.map((r) => [r.code, r]));
    for (const [g, parts] of Object.entries(GLOBAL_TEST_COMPONENTS)) {
      expect(by.get(g)?.pctc, g).toBe('4');
      for (const t of parts.technical) expect(by.get(t)?.pctc, `${g} TC ${t}`).toBe('3');
      for (const p of parts.professional) expect(by.get(p)?.pctc, `${g} PC ${p}`).toBe('2');
      const pcWork = parts.professional.reduce((s, p) => s + Math.round(by.get(p)!.workRvu * 100), 0);
      expect(pcWork, g).toBe(Math.round(by.get(g)!.workRvu * 100));
      for (const t of parts.technical) expect(by.get(t)!.workRvu, t).toBe(0);
    }
    const pctc4 = globals.filter((r) => r.pctc === '4').map((r) => r.code).sort();
    expect(pctc4).toEqual(Object.keys(GLOBAL_TEST_COMPONENTS).sort());
    expect(relatedCodes('93000', ds.pfs).text).toBe('93000 = 93005 (technical) + 93010 (professional)');
    expect(relatedCodes('88305', ds.pfs)).toMatchObject({ technical: ['88305-TC'], professional: ['88305-26'] });
  });

  it('page summary totals = sum of the lookup command figures × units', () => {
    const LOC = '13202-01';
    const marks = [
      { code: '99213', modifiers: [], units: null },
      { code: '99213', modifiers: [], units: 2 },
      { code: '27447', modifiers: [], units: null }, // NA non-facility: unpriced
      { code: '88305', modifiers: ['26'], units: 3 },
      { code: '93000', modifiers: [], units: null },
      { code: '97110', modifiers: [], units: 3 },
      { code: '20610', modifiers: ['RT'], units: 1 },
      { code: '99214', modifiers: ['25'], units: null },
    ];
    const source = createFeeSource(ds);
    const cards = new Map<string, SummaryCard>();
    for (const m of marks) {
      const p = priceCode(source, { code: m.code, modifiers: m.modifiers, units: 1, localityId: LOC });
      if (isPriceError(p)) throw new Error(p.error);
      cards.set(summaryKey(m.code, m.modifiers), { workRvu: p.workRvu, allowed: p.allowed.nonFacility, description: p.description });
    }
    const s = summarizePage(marks, cards);

    const args = s.rows.map((r) => r.key);
    const withUnits = s.rows.map((r) => `${r.key}x${r.units}`);
    const out = execFileSync(`${ROOT}node_modules/.bin/tsx`, ['data/pipeline/lookup.ts', '--json', '--locality', LOC, ...args, ...withUnits], { cwd: ROOT, encoding: 'utf8' });
    const cli = JSON.parse(out) as Array<{ code: string; workRvu: number; allowed: { nonFacility: number | null } }>;
    expect(cli).toHaveLength(2 * s.rows.length);
    let wH = 0;
    let c = 0;
    s.rows.forEach((r, i) => {
      const one = cli[i]!;
      expect(one.code).toBe(r.code);
      wH += Math.round(one.workRvu * 100) * r.units;
      if (one.allowed.nonFacility !== null) c += Math.round(one.allowed.nonFacility * 100) * r.units;
      expect(r.allowedTotal === null ? null : Math.round(r.allowedTotal * 100)).toBe(
        one.allowed.nonFacility === null ? null : Math.round(one.allowed.nonFacility * 100) * r.units,
      );
      // A lookup with the units in the request rounds once after multiplying: at most 1 cent off per line.
      const multi = cli[s.rows.length + i]!.allowed.nonFacility;
      if (multi !== null && r.allowedTotal !== null) expect(Math.abs(Math.round(multi * 100) - Math.round(r.allowedTotal * 100))).toBeLessThanOrEqual(1);
    });
    expect(Math.round(s.totals.workRvu * 100)).toBe(wH);
    expect(Math.round(s.totals.allowed * 100)).toBe(c);
    expect(s.totals).toMatchObject({ codes: 7, count: 8, units: 13, unpriced: 1, missing: 0 });
  });
});
