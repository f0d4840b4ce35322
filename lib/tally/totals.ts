/**
 * Sums of the tally (issue 6): per item wRVU × units and allowed × units, and totals. Pure.
 * `priceOf` returns ONE unit's figures (e.g. priceCode with units 1, see createTallyPricing);
 * wRVU is summed in integer hundredths and money in integer cents, so totals are exact.
 */
import type { OtherSchedule } from '../schedules/describe';
import type { ItemPrice, TallyItem } from './types';

/** One item with its figures. */
export interface TallyRow {
  item: TallyItem;
  description: string;
  /** Per unit; null when the code could not be priced at all (not in the file). */
  workRvu: number | null;
  workRvuTotal: number | null;
  /** Per unit in dollars; null = no price. */
  allowed: number | null;
  allowedTotal: number | null;
  /** Why there is no price, when there is none. */
  reason: string | null;
  /** When the PFS does not price the item: the schedule that does, per unit and × units (not in the totals). */
  other: (OtherSchedule & { total: number }) | null;
}

export interface TallyTotals {
  rows: TallyRow[];
  totals: {
    items: number;
    units: number;
    workRvu: number;
    /** Sum over priced items. */
    allowed: number;
    /** Items without a price (left out of `allowed`). */
    unpriced: number;
    /** Items that could not be looked up at all (left out of both sums). */
    missing: number;
  };
}

const h = (x: number): number => Math.round(x * 100);

/**
 * Per-item figures and totals. `otherOf`: for an item without a PFS price, the CLFS or DMEPOS
 * amount of one unit, shown on its line and left out of the totals (see otherScheduleOf).
 */
export function tallyTotals(items: readonly TallyItem[], priceOf: (item: TallyItem) => ItemPrice | null, otherOf: (item: TallyItem) => OtherSchedule | null = () => null): TallyTotals {
  let w = 0;
  let c = 0;
  let units = 0;
  let unpriced = 0;
  let missing = 0;
  const other = (item: TallyItem): TallyRow['other'] => {
    const o = otherOf(item);
    return o ? { ...o, total: (h(o.amount) * item.units) / 100 } : null;
  };
  const rows = items.map((item): TallyRow => {
    units += item.units;
    const p = priceOf(item);
    if (!p) {
      missing += 1;
      return { item, description: '', workRvu: null, workRvuTotal: null, allowed: null, allowedTotal: null, reason: 'not in the fee schedule', other: other(item) };
    }
    const wt = h(p.workRvu) * item.units;
    w += wt;
    let at: number | null = null;
    if (p.allowed === null) unpriced += 1;
    else {
      at = h(p.allowed) * item.units;
      c += at;
    }
    return {
      item,
      description: p.description ?? '',
      workRvu: p.workRvu,
      workRvuTotal: wt / 100,
      allowed: p.allowed,
      allowedTotal: at === null ? null : at / 100,
      reason: p.allowed === null ? (p.reason ?? 'not priced') : null,
      other: p.allowed === null ? other(item) : null,
    };
  });
  return { rows, totals: { items: items.length, units, workRvu: w / 100, allowed: c / 100, unpriced, missing } };
}
