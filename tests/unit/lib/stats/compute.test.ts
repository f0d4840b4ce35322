// computeSectionStats / compareCode against a brute-force computation written differently
// (filter + count over plain arrays), on fixed cases and deterministic-random sections.
import { describe, expect, it } from 'vitest';
import type { PfsRow } from '../../../../lib/dataset/types';
import { comparisonText, compareCode, computeSectionStats, countAtOrBelow } from '../../../../lib/stats/compute';
import { row } from '../fees/helpers';

const r = (code: string, workRvu: number, p: Partial<PfsRow> = {}): PfsRow => row({ code, workRvu, ...p });

/** Independent reference: percentile by filter/count, median by sort on decimals. */
function reference(values: number[], w: number) {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const median = n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
  return { percentile: (values.filter((x) => x <= w + 1e-9).length / n) * 100, median, ratio: w / median, max: Math.max(...values) };
}

describe('computeSectionStats', () => {
  const rows = [
    r('99211', 0.18), r('99212', 0.7), r('99213', 1.3), r('99214', 1.92), r('99215', 2.8),
    r('99202', 0.93), r('99203', 1.6), r('99204', 2.6), r('99205', 3.5), r('99205', 9.9, { modifier: '53' }),
    r('99091', 0), // medicine, zero: excluded
    r('27447', 19.11), r('27130', 19.6), r('27486', 19.6), r('29881', 7.03),
    r('88305', 0.73), r('88305', 0.73, { modifier: '26' }), r('88305', 0, { modifier: 'TC' }),
    r('99385', 1.92, { status: 'N', notUsedForMedicare: true }), // E/M preventive: counted (published wRVU)
    r('00840', 0, { status: 'J' }),
  ];
  const stats = computeSectionStats(rows, { release: 'TEST' });

  it('groups global rows with wRVU > 0 by section', () => {
    expect(Object.keys(stats.sections)).toEqual(['em', 'pathlab', 'surgery']);
    expect(stats.release).toBe('TEST');
    const em = stats.sections.em!;
    expect(em.count).toBe(10);
    expect(em.max).toBe(3.5);
    expect(em.maxCode).toBe('99205');
    // sorted: .18 .7 .93 1.3 1.6 1.92 1.92 2.6 2.8 3.5 → median (1.6+1.92)/2
    expect(em.median).toBe(1.76);
    expect(em.v).toEqual([18, 70, 93, 130, 160, 192, 260, 280, 350]);
    expect(em.c).toEqual([1, 2, 3, 4, 5, 7, 8, 9, 10]);
  });

  it('max ties go to the lowest code; odd count median is the middle value', () => {
    const s = stats.sections.surgery!;
    expect([s.count, s.max, s.maxCode, s.median]).toEqual([4, 19.6, '27130', 19.355]);
    const one = computeSectionStats([r('27447', 19.11), r('27130', 19.6), r('29881', 7.03)]).sections.surgery!;
    expect(one.median).toBe(19.11);
  });

  it('is JSON-serialisable as is', () => {
    expect(JSON.parse(JSON.stringify(stats))).toEqual(stats);
  });

  it.each([
    ['99213', 1.3, 40, 1.3 / 1.76],
    ['99214', 1.92, 70, 1.92 / 1.76],
    ['99205', 3.5, 100, 3.5 / 1.76],
    ['99211', 0.18, 10, 0.18 / 1.76],
    ['99213', 1.31, 40, 1.31 / 1.76], // a wRVU not in the section (another release)
    ['99213', 100, 100, 100 / 1.76],
    ['99213', 0.01, 0, 0.01 / 1.76],
  ])('compareCode %s wRVU %s → %s%', (code, w, pct, ratio) => {
    const c = compareCode(stats, code, w)!;
    expect(c.percentile).toBeCloseTo(pct, 10);
    expect(c.ratioToMedian).toBeCloseTo(ratio, 10);
    expect(c).toMatchObject({ section: { id: 'em' }, count: 10, sectionMax: 3.5, sectionMaxCode: '99205', median: 1.76 });
  });

  it('compareCode: null for wRVU 0 and for sections without statistics', () => {
    expect(compareCode(stats, '99213', 0)).toBeNull();
    expect(compareCode(stats, '00840', 5)).toBeNull();
    expect(compareCode(stats, 'G0438', 1)).toBeNull();
  });

  it('countAtOrBelow on an empty section', () => {
    expect(countAtOrBelow({ v: [], c: [] }, 100)).toBe(0);
  });

  it('matches a brute-force reference on random sections', () => {
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let trial = 0; trial < 30; trial++) {
      const n = 1 + Math.floor(rnd() * 300);
      const values = Array.from({ length: n }, () => Math.round(rnd() * (trial % 3 === 0 ? 5 : 3000)) / 100 + 0.01);
      const rows2 = values.map((w, i) => r(String(10004 + i).padStart(5, '0'), w));
      const st = computeSectionStats(rows2);
      for (let k = 0; k < 20; k++) {
        const w = k < 10 ? values[Math.floor(rnd() * n)]! : Math.round(rnd() * 3100) / 100 + 0.01;
        const c = compareCode(st, '27447', w)!;
        const ref = reference(values, w);
        expect(c.percentile).toBeCloseTo(ref.percentile, 9);
        expect(c.median).toBeCloseTo(ref.median, 9);
        expect(c.ratioToMedian).toBeCloseTo(ref.ratio, 9);
        expect(c.sectionMax).toBeCloseTo(ref.max, 9);
      }
    }
  });

  it('comparisonText', () => {
    expect(comparisonText(compareCode(stats, '99213', 1.3)!)).toBe(
      '40th percentile of Evaluation & Management (10 codes) · 0.7× the median (1.76) · highest 99205 (3.50)',
    );
    expect(comparisonText(compareCode(stats, '99211', 0.18)!)).toMatch(/^10th percentile/);
    expect(comparisonText(compareCode(stats, '27447', 19.11)!)).toMatch(/^50th percentile of Surgery/);
  });
});
