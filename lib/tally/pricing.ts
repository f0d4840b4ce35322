/**
 * Bind the tally to a release: a {@link TallyPricing} over a FeeSource (lib/fees priceCode, same
 * math as the lookup command), for one locality, setting and CF track. Pure and synchronous once
 * the FeeSource is built (createFeeSource over the chosen release's rows).
 */
import type { LocalityId, PfsRow } from '../dataset/types';
import type { CfTrack, Setting } from '../fees/price';
import { isPriceError, priceCode, type CodePrice, type FeeSource } from '../fees/price-code';
import type { ItemPrice, TallyItem } from './types';

/** An item's one-unit price at a multiple-procedure rank. */
export interface RankedPrice {
  /** Dollars; null = not priced (reason says why). */
  allowed: number | null;
  reason: string | null;
  /** The modifier step lines of lib/fees (applyModifiers). */
  steps: string[];
}

/** What the tally's sums and the multiple-procedure rule read. */
export interface TallyPricing {
  /** One unit as entered (modifiers as logged, -51 included): for {@link tallyTotals}. Null = not in the PFS. */
  unit(item: TallyItem): ItemPrice | null;
  /** One unit without -51 and without a rank: the fee the multiple-procedure rule ranks by. */
  base(item: TallyItem): ItemPrice | null;
  /** One unit at a multiple-procedure rank (priceCode `rank`; -51 kept when logged). */
  atRank(item: TallyItem, rank: number): RankedPrice;
}

/** Options of {@link createTallyPricing}. */
export interface TallyPricingOptions {
  /** null / undefined = national. */
  localityId?: LocalityId | null;
  setting: Setting;
  track?: CfTrack;
}

/** A {@link TallyPricing} over priceCode. */
export function createTallyPricing(source: FeeSource, options: TallyPricingOptions): TallyPricing {
  const { setting } = options;
  const run = (item: TallyItem, modifiers: readonly string[], rank?: number) =>
    priceCode(source, {
      code: item.code,
      modifiers,
      units: 1,
      localityId: options.localityId ?? null,
      track: options.track ?? 'nonQp',
      ...(rank !== undefined ? { rank } : {}),
    });
  const toItemPrice = (r: CodePrice): ItemPrice => {
    const row: PfsRow | undefined = source.rows(r.code).find((x) => x.modifier === r.rowModifier);
    return {
      workRvu: r.workRvu,
      allowed: r.allowed[setting],
      reason: r.reasons[setting],
      description: r.description,
      mppIndicator: row?.multProc ?? '',
      endoBase: row?.endoBase.trim() ?? '',
      imagingFamily: row?.imagingFamily ?? '',
    };
  };
  return {
    unit(item) {
      const r = run(item, item.modifiers);
      return isPriceError(r) ? null : toItemPrice(r);
    },
    base(item) {
      const r = run(item, item.modifiers.filter((m) => m.toUpperCase() !== '51'));
      return isPriceError(r) ? null : toItemPrice(r);
    },
    atRank(item, rank) {
      const r = run(item, item.modifiers, rank);
      if (isPriceError(r)) return { allowed: null, reason: r.error, steps: [] };
      return { allowed: r.allowed[setting], reason: r.reasons[setting], steps: r.adjustments };
    },
  };
}
