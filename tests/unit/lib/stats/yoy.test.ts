// yearOverYear / percentChange: rounding to 0.1% half away from zero, zero and absent values, text;
// checked against an independent BigInt computation on random values.
import { describe, expect, it } from 'vitest';
import { percentChange, yearOverYear } from '../../../../lib/stats/yoy';

describe('percentChange', () => {
  it.each([
    [100, 100, 0], [200, 195, -2.5], [1000, 1012, 1.2], [1000, 1000.5 * 2 - 1000, 0.1],
    [2000, 2049, 2.5], [2000, 1951, -2.5], // exactly ±2.45 → ±2.5 (half away from zero)
    [2000, 2001, 0.1], [2000, 1999, -0.1], [20000, 20001, 0], [20000, 19999, 0],
    [0, 0, 0], [0, 5, null], [130, 0, -100], [130, 260, 100],
  ])('%s → %s = %s', (prev, cur, want) => {
    expect(percentChange(prev, cur)).toBe(want);
  });

  it('rejects non-integers', () => {
    expect(() => percentChange(1.5, 2)).toThrow(RangeError);
  });

  it('matches an independent BigInt rounding', () => {
    let seed = 7;
    const rnd = (m: number) => (seed = (seed * 48271) % 2147483647) % m;
    for (let i = 0; i < 2000; i++) {
      const prev = 1 + rnd(200000);
      const cur = rnd(400000);
      // tenths of a percent, rounded half away from zero: sign(d) * floor((|d|*2000 + prev) / (2*prev))
      const d = BigInt(cur - prev);
      const abs = d < 0n ? -d : d;
      const t = (abs * 2000n + BigInt(prev)) / (2n * BigInt(prev));
      const want = Number(d < 0n ? -t : t) / 10;
      expect(percentChange(prev, cur)).toBe(want === 0 ? 0 : want);
    }
  });
});

describe('yearOverYear', () => {
  it.each([
    [{ workRvu: 1.95, allowed: 96.35 }, { workRvu: 2, allowed: 95.19 }, -2.5, 1.2, 'wRVU −2.5% vs 2025 · allowed +1.2%'],
    [{ workRvu: 1.3, allowed: 95.19 }, { workRvu: 1.3, allowed: 95.19 }, 0, 0, 'wRVU unchanged vs 2025 · allowed unchanged'],
    [{ workRvu: 1.3, allowed: 95.2 }, { workRvu: 1.3, allowed: 95.19 }, 0, 0, 'wRVU unchanged vs 2025 · allowed +0.0%'],
    [{ workRvu: 1.3, allowed: null }, { workRvu: 1.2, allowed: 90 }, 8.3, null, 'wRVU +8.3% vs 2025'],
    [{ workRvu: 0.5, allowed: 10 }, { workRvu: 0, allowed: 0 }, null, null, 'wRVU was 0 in 2025 · allowed was $0.00 in 2025'],
    [{ workRvu: 0, allowed: 10 }, { workRvu: 0, allowed: 10 }, 0, 0, 'wRVU unchanged vs 2025 · allowed unchanged'],
  ])('%o vs %o', (cur, prev, w, a, text) => {
    expect(yearOverYear(cur, prev, '2025')).toEqual({ workRvuChangePct: w, allowedChangePct: a, text });
  });

  it('absent in the previous release', () => {
    expect(yearOverYear({ workRvu: 1, allowed: 1 }, null, 'RVU25D')).toEqual({ workRvuChangePct: null, allowedChangePct: null, text: 'not in RVU25D' });
  });
});
