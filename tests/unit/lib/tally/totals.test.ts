// tallyTotals: wRVU × units and allowed × units per item and in total, exact; unpriced / missing.
import { describe, expect, it } from 'vitest';
import { tallyTotals } from '../../../../lib/tally/totals';
import type { ItemPrice, TallyItem } from '../../../../lib/tally/types';

const it0 = (id: string, code: string, units = 1): TallyItem => ({ id, code, modifiers: [], units, addedAt: '2026-01-01T00:00:00.000Z' });
const prices: Record<string, ItemPrice> = {
  '99213': { workRvu: 1.3, allowed: 95.19, description: 'Office visit' },
  '97110': { workRvu: 0.45, allowed: 29.05 },
  '27447': { workRvu: 19.11, allowed: null, reason: 'not paid in this setting (NA)' },
  X: { workRvu: 0.07, allowed: 0.1 },
};
const priceOf = (i: TallyItem) => prices[i.code] ?? null;

describe('tallyTotals', () => {
  it.each([
    [[it0('a', '99213')], { items: 1, units: 1, workRvu: 1.3, allowed: 95.19, unpriced: 0, missing: 0 }],
    [[it0('a', '99213', 2), it0('b', '97110', 3)], { items: 2, units: 5, workRvu: 2.6 + 1.35, allowed: (9519 * 2 + 2905 * 3) / 100, unpriced: 0, missing: 0 }],
    [[it0('a', '27447'), it0('b', '99213'), it0('c', 'NOPE', 4)], { items: 3, units: 6, workRvu: 20.41, allowed: 95.19, unpriced: 1, missing: 1 }],
    [[], { items: 0, units: 0, workRvu: 0, allowed: 0, unpriced: 0, missing: 0 }],
    [Array.from({ length: 1000 }, (_, i) => it0(String(i), 'X', 3)), { items: 1000, units: 3000, workRvu: 210, allowed: 300, unpriced: 0, missing: 0 }],
  ])('case %#', (items, totals) => {
    expect(tallyTotals(items, priceOf).totals).toEqual(totals);
  });

  it('rows', () => {
    const t = tallyTotals([it0('a', '99213', 2), it0('b', '27447'), it0('c', 'NOPE')], priceOf);
    expect(t.rows[0]).toMatchObject({ description: 'Office visit', workRvu: 1.3, workRvuTotal: 2.6, allowed: 95.19, allowedTotal: 190.38, reason: null });
    expect(t.rows[1]).toMatchObject({ workRvuTotal: 19.11, allowed: null, allowedTotal: null, reason: 'not paid in this setting (NA)' });
    expect(t.rows[2]).toMatchObject({ workRvu: null, reason: 'not in the fee schedule' });
  });

  it("shows another schedule's amount on a line the PFS does not price, × units in cents, outside the totals", () => {
    const prices2: Record<string, ItemPrice> = { ...prices, '80053': { workRvu: 0, allowed: null, reason: 'statutory exclusion' } };
    const other = (i: TallyItem) =>
      i.code === '80053' ? { schedule: 'CLFS' as const, amount: 10.56, label: 'national limitation amount' } : i.code === 'E0114' ? { schedule: 'DMEPOS' as const, amount: 4.35, label: 'WA non-rural' } : i.code === '99213' ? { schedule: 'CLFS' as const, amount: 1, label: 'x' } : null;
    const t = tallyTotals([it0('a', '80053', 3), it0('b', 'E0114', 2), it0('c', '99213'), it0('d', '27447')], (i) => prices2[i.code] ?? null, other);
    expect(t.rows[0]!.other).toEqual({ schedule: 'CLFS', amount: 10.56, label: 'national limitation amount', total: 31.68 });
    // Not in the PFS at all (no price from priceOf), yet paid under the DMEPOS.
    expect(t.rows[1]).toMatchObject({ workRvu: null, reason: 'not in the fee schedule', other: { schedule: 'DMEPOS', total: 8.7 } });
    // A PFS price wins; no other schedule for a code none pays.
    expect(t.rows[2]!.other).toBeNull();
    expect(t.rows[3]!.other).toBeNull();
    expect(t.totals).toEqual({ items: 4, units: 7, workRvu: 20.41, allowed: 95.19, unpriced: 2, missing: 1 });
    // Without otherOf, no line has one.
    expect(tallyTotals([it0('a', '80053')], (i) => prices2[i.code] ?? null).rows[0]!.other).toBeNull();
  });
});
