/**
 * What a card shows beyond the fee: the code's wRVU standing in its section (statistics computed
 * once per release, kept in IndexedDB), the change against the previous release the store keeps,
 * and its PC/TC relations. The per-release data is cached in memory by release id, so a hover
 * costs a binary search and a map lookup. Background-only.
 */
import type { Locality, PfsRow } from '../dataset/types';
import { releaseRank } from '../db/release';
import type { ArchivedRelease, RvuLensDB } from '../db/schema';
import { priceRow } from '../fees/price';
import { centsToDollars } from '../fees/money';
import { compareCode, comparisonText, type SectionStats } from '../stats/compute';
import { yearOverYear } from '../stats/yoy';
import type { CodeCard } from '../card';

export interface PreviousRelease {
  id: string;
  label: string;
  rows: Map<string, PfsRow>;
  localities: Map<string, Locality>;
  archived: ArchivedRelease;
}

export interface CardExtras {
  stats: SectionStats | null;
  previous: PreviousRelease | null;
}

let cache: { active: string; extras: CardExtras } | null = null;

/** Statistics of the active release and the newest archived release older than it (cached). */
export async function loadExtras(db: RvuLensDB, activeId: string): Promise<CardExtras> {
  if (cache?.active === activeId) return cache.extras;
  const [statsRec, archived] = await Promise.all([db.stats.get(activeId), db.archive.toArray()]);
  const older = archived.filter((a) => releaseRank(a.id) < releaseRank(activeId)).sort((a, b) => releaseRank(b.id) - releaseRank(a.id))[0];
  const extras: CardExtras = {
    stats: statsRec?.stats ?? null,
    previous: older
      ? {
          id: older.id,
          label: String(older.release.year || older.id),
          rows: new Map(older.pfs.map((r) => [`${r.code}|${r.modifier}`, r])),
          localities: new Map(older.localities.map((l) => [l.id, l])),
          archived: older,
        }
      : null,
  };
  cache = { active: activeId, extras };
  return extras;
}

/** Forget cached extras (after a release swap). */
export function resetExtras(): void {
  cache = null;
}

type Extras = Pick<CodeCard, 'comparison' | 'yoy'>;

/** The comparison and year-over-year lines of one priced PFS card. */
export function cardExtras(card: Pick<CodeCard, 'code' | 'rowModifier' | 'workRvu' | 'baseAllowed' | 'preferredSetting' | 'track' | 'locality'>, extras: CardExtras): Extras {
  const cmp = extras.stats && card.rowModifier === '' ? compareCode(extras.stats, card.code, card.workRvu) : null;
  let yoy: CodeCard['yoy'] = null;
  const prev = extras.previous;
  if (prev) {
    const row = prev.rows.get(`${card.code}|${card.rowModifier}`);
    let prevAllowed: number | null = null;
    if (row) {
      const loc = card.locality.id ? (prev.localities.get(card.locality.id) ?? null) : null;
      const p = priceRow(row, loc, { cf: prev.archived.conversionFactors, track: card.track });
      prevAllowed = centsToDollars(p[card.preferredSetting].cents);
    }
    const y = yearOverYear(
      { workRvu: card.workRvu, allowed: card.baseAllowed[card.preferredSetting] },
      row ? { workRvu: row.workRvu, allowed: prevAllowed } : null,
      prev.label,
    );
    yoy = { text: y.text, workRvuChangePct: y.workRvuChangePct, allowedChangePct: y.allowedChangePct, previous: prev.id };
  }
  return {
    comparison: cmp ? { text: comparisonText(cmp), percentile: cmp.percentile, ratioToMedian: cmp.ratioToMedian, section: cmp.section.label } : null,
    yoy,
  };
}
