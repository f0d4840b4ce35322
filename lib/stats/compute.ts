/**
 * Section statistics of work RVUs for "How this code compares" (issue 6). Computed once per
 * release (at build or import time) by {@link computeSectionStats}; stored as plain JSON; read per
 * hover by {@link compareCode} in O(log n) (binary search). Pure.
 *
 * Decisions:
 * - Population: each code's global row (modifier ""); a code without a global row is skipped.
 * - Every status counts, including rows marked NOT USED FOR MEDICARE PAYMENT: wRVU trackers count
 *   every published work RVU (domain notes), and the comparison is about work, not payment.
 * - Rows with work RVU 0 are left out: a zero is "no work RVU" (lab, supplies, drugs, technical
 *   components, anesthesia base units), not a low value; including them would pull every median to 0.
 *   Consequence: sections without any wRVU (e.g. Anesthesia, whose codes are paid in base units)
 *   have no statistics, and {@link compareCode} answers null for them and for a wRVU of 0.
 * - Percentile = 100 × (codes of the section with wRVU ≤ this wRVU) / (codes of the section):
 *   the highest code is 100, the lowest is 100/n, never 0. A wRVU from another release that is not
 *   in the section still gets a well-defined value.
 * - Median: the middle value of the sorted wRVUs, the mean of the two middle values for an even count.
 * - Values are kept in integer hundredths (CMS prints 2 decimals) so nothing drifts.
 */
import type { PfsRow } from '../dataset/types';
import { sectionOf, type Section } from './sections';

/** Bump when {@link SectionStats} changes shape (stored copies are then recomputed). */
export const SECTION_STATS_VERSION = 1;

/** Statistics of one section. JSON-serialisable and compact: wRVUs as run-length cumulative counts. */
export interface SectionStat {
  id: string;
  label: string;
  /** Codes with a wRVU > 0 in the section. */
  count: number;
  /** Median wRVU (RVU, may have a third decimal of 5 when the count is even). */
  median: number;
  /** Highest wRVU of the section and its code (the lowest code on ties). */
  max: number;
  maxCode: string;
  /** Distinct wRVUs, ascending, in hundredths (146 = 1.46). */
  v: number[];
  /** c[i] = codes with wRVU ≤ v[i] (so c[last] = count). */
  c: number[];
}

/** All sections of one release. */
export interface SectionStats {
  version: number;
  /** Release id the statistics were computed from ("RVU26C"), when given. */
  release: string | null;
  /** By section id (see lib/stats/sections.ts). */
  sections: Record<string, SectionStat>;
}

/** The answer for one hovered code. */
export interface CodeComparison {
  section: Section;
  workRvu: number;
  /** 0–100: percentage of the section's codes whose wRVU is ≤ this one (unrounded). */
  percentile: number;
  /** Codes of the section with wRVU ≤ this one. */
  atOrBelow: number;
  /** Codes in the section (with wRVU > 0). */
  count: number;
  median: number;
  /** workRvu / median (unrounded). */
  ratioToMedian: number;
  sectionMax: number;
  sectionMaxCode: string;
}

const hundredths = (x: number): number => Math.round(x * 100);

/**
 * Compute the statistics of every section from a release's PFS rows (all rows may be passed; only
 * global rows with wRVU > 0 count). Runs once per release: O(n log n).
 */
export function computeSectionStats(rows: readonly PfsRow[], options: { release?: string | null } = {}): SectionStats {
  const bySection = new Map<string, { section: Section; items: Array<{ code: string; w: number }> }>();
  const seen = new Set<string>();
  for (const r of rows) {
    if (r.modifier !== '' || seen.has(r.code)) continue;
    seen.add(r.code);
    const w = hundredths(r.workRvu);
    if (!(w > 0)) continue;
    const section = sectionOf(r.code);
    let bucket = bySection.get(section.id);
    if (!bucket) bySection.set(section.id, (bucket = { section, items: [] }));
    bucket.items.push({ code: r.code, w });
  }
  const sections: Record<string, SectionStat> = {};
  for (const id of [...bySection.keys()].sort()) {
    const { section, items } = bySection.get(id)!;
    items.sort((a, b) => a.w - b.w || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    const n = items.length;
    const v: number[] = [];
    const c: number[] = [];
    items.forEach((it, i) => {
      if (v.length > 0 && v[v.length - 1] === it.w) c[c.length - 1] = i + 1;
      else {
        v.push(it.w);
        c.push(i + 1);
      }
    });
    const mid = Math.floor(n / 2);
    const medianH = n % 2 === 1 ? items[mid]!.w : (items[mid - 1]!.w + items[mid]!.w) / 2;
    const maxW = items[n - 1]!.w;
    const maxCode = items.find((it) => it.w === maxW)!.code;
    sections[id] = { id, label: section.label, count: n, median: medianH / 100, max: maxW / 100, maxCode, v, c };
  }
  return { version: SECTION_STATS_VERSION, release: options.release ?? null, sections };
}

/** Codes of a section with wRVU ≤ w (hundredths): binary search, O(log distinct values). */
export function countAtOrBelow(stat: Pick<SectionStat, 'v' | 'c'>, w: number): number {
  let lo = 0;
  let hi = stat.v.length; // first index with v > w
  while (lo < hi) {
    const m = (lo + hi) >>> 1;
    if (stat.v[m]! <= w) lo = m + 1;
    else hi = m;
  }
  return lo === 0 ? 0 : stat.c[lo - 1]!;
}

/**
 * Compare one code's wRVU with its section: percentile, ratio to the median, the section's highest
 * wRVU. O(log n). Null when the wRVU is 0 (not ranked) or the section has no statistics.
 */
export function compareCode(stats: SectionStats, code: string, workRvu: number): CodeComparison | null {
  const section = sectionOf(code);
  const stat = stats.sections[section.id];
  const w = hundredths(workRvu);
  if (!stat || stat.count === 0 || !(w > 0)) return null;
  const atOrBelow = countAtOrBelow(stat, w);
  return {
    section: { id: stat.id, label: stat.label },
    workRvu,
    percentile: (100 * atOrBelow) / stat.count,
    atOrBelow,
    count: stat.count,
    median: stat.median,
    ratioToMedian: (2 * w) / Math.round(stat.median * 200), // both in half-hundredths: exact inputs
    sectionMax: stat.max,
    sectionMaxCode: stat.maxCode,
  };
}

/**
 * One line for the popover: "78th percentile of Surgery (5,012 codes) · 1.6× the median (9.35) ·
 * highest 27447 (19.11)". Percentile rounded down to a whole number (so 100 means the top code).
 */
export function comparisonText(c: CodeComparison): string {
  const p = Math.floor(c.percentile + 1e-9);
  const suffix = p % 100 >= 11 && p % 100 <= 13 ? 'th' : p % 10 === 1 ? 'st' : p % 10 === 2 ? 'nd' : p % 10 === 3 ? 'rd' : 'th';
  const ratio = c.ratioToMedian >= 10 ? c.ratioToMedian.toFixed(0) : c.ratioToMedian.toFixed(1);
  return `${p}${suffix} percentile of ${c.section.label} (${c.count.toLocaleString('en-US')} codes) · ${ratio}× the median (${c.median}) · highest ${c.sectionMaxCode} (${c.sectionMax.toFixed(2)})`;
}
