/**
 * "Codes on this page" (issue 6): group the codes the scanner marked in a tab by code + modifiers,
 * with counts, units, wRVU and allowed amount per code and in total. Pure: the caller supplies the
 * marks and one card figure per key (priced once, for ONE unit, at the user's locality and setting).
 *
 * Arithmetic: wRVU in integer hundredths and money in integer cents, so totals are exact sums.
 * Per-unit × units: a row's allowed total is (one-unit allowed, in cents) × units. This equals the
 * lookup command's one-unit figure times units; a lookup with units in the request (`97110x3`)
 * rounds once after multiplying and can differ from it by a cent per line (modifier rules such as
 * -51 or -50 are applied by the card, not here).
 */
import type { OtherSchedule } from '../schedules/describe';
import { toCsv, toTsv, type CsvColumn } from './csv';

/** One code occurrence the scanner marked on the page. */
export interface PageMark {
  code: string;
  modifiers: readonly string[];
  /** Units the page gives for this occurrence; null = not given (counts as 1). */
  units: number | null;
}

/** What the summary needs of a code's card: one unit's figures (dollars, null = no price). */
export interface SummaryCard {
  workRvu: number;
  allowed: number | null;
  description: string;
  /**
   * For a code the PFS does not price (allowed null): the schedule that does and its amount for
   * one unit (a lab test's CLFS national limitation amount, a DMEPOS fee for the locality's
   * state). Shown beside the line, left out of the total (the PFS allowed amounts).
   */
  other?: OtherSchedule | null;
}

/** One line of the summary: a code + modifiers. */
export interface SummaryRow {
  /** {@link summaryKey} of the line ("99213-25"). */
  key: string;
  code: string;
  modifiers: string[];
  description: string;
  /** Occurrences on the page. */
  count: number;
  /** Sum of units (an occurrence without units counts 1). */
  units: number;
  /** Per unit; null when there is no card for the key. */
  workRvu: number | null;
  workRvuTotal: number | null;
  /** Per unit in dollars; null when not priced (or no card). */
  allowed: number | null;
  allowedTotal: number | null;
  /** When the PFS does not price the line: the schedule that does, its amount per unit and × units (not in the totals). */
  other: (OtherSchedule & { total: number }) | null;
}

/** Totals of the summary. */
export interface SummaryTotals {
  /** Lines (distinct code + modifiers). */
  codes: number;
  count: number;
  units: number;
  workRvu: number;
  /** Sum over priced lines. */
  allowed: number;
  /** Lines without a price (allowed null), left out of `allowed`. */
  unpriced: number;
  /** Lines without a card at all, left out of both sums. */
  missing: number;
}

export interface PageSummary {
  rows: SummaryRow[];
  totals: SummaryTotals;
}

/** Normalised modifiers: trimmed, upper case, de-duplicated, in page order (as priceCode does). */
export const normalizeModifiers = (mods: readonly string[]): string[] => [
  ...new Set(mods.map((m) => m.trim().toUpperCase()).filter(Boolean)),
];

/** The key of a code + modifiers: "99213", "99213-25-GC" (CodePrice code + "-" + modifier). */
export function summaryKey(code: string, modifiers: readonly string[]): string {
  const mods = normalizeModifiers(modifiers);
  const c = code.trim().toUpperCase();
  return mods.length > 0 ? `${c}-${mods.join('-')}` : c;
}

const toUnits = (u: number | null): number => (u !== null && Number.isInteger(u) && u >= 1 ? u : 1);
const cents = (x: number): number => Math.round(x * 100);

/**
 * Summarise the page: one row per code + modifiers in order of first appearance, and totals.
 * `cards` is keyed by {@link summaryKey}. Units that are not whole numbers ≥ 1 count as 1.
 */
export function summarizePage(marks: readonly PageMark[], cards: ReadonlyMap<string, SummaryCard>): PageSummary {
  const groups = new Map<string, { code: string; modifiers: string[]; count: number; units: number }>();
  for (const m of marks) {
    const key = summaryKey(m.code, m.modifiers);
    const g = groups.get(key);
    if (g) {
      g.count += 1;
      g.units += toUnits(m.units);
    } else groups.set(key, { code: m.code.trim().toUpperCase(), modifiers: normalizeModifiers(m.modifiers), count: 1, units: toUnits(m.units) });
  }
  const totals: SummaryTotals = { codes: groups.size, count: 0, units: 0, workRvu: 0, allowed: 0, unpriced: 0, missing: 0 };
  let wSum = 0;
  let cSum = 0;
  const rows: SummaryRow[] = [];
  for (const [key, g] of groups) {
    const card = cards.get(key);
    totals.count += g.count;
    totals.units += g.units;
    if (!card) totals.missing += 1;
    else if (card.allowed === null) totals.unpriced += 1;
    const wTotal = card ? cents(card.workRvu) * g.units : null;
    const aTotal = card && card.allowed !== null ? cents(card.allowed) * g.units : null;
    if (wTotal !== null) wSum += wTotal;
    if (aTotal !== null) cSum += aTotal;
    rows.push({
      key,
      code: g.code,
      modifiers: g.modifiers,
      description: card?.description ?? '',
      count: g.count,
      units: g.units,
      workRvu: card ? card.workRvu : null,
      workRvuTotal: wTotal === null ? null : wTotal / 100,
      allowed: card ? card.allowed : null,
      allowedTotal: aTotal === null ? null : aTotal / 100,
      other: card && card.allowed === null && card.other ? { ...card.other, total: (cents(card.other.amount) * g.units) / 100 } : null,
    });
  }
  totals.workRvu = wSum / 100;
  totals.allowed = cSum / 100;
  return { rows, totals };
}

/** Columns of the page summary table (CSV and "copy as table"). */
export const SUMMARY_COLUMNS: readonly CsvColumn<SummaryRow>[] = [
  { header: 'Code', value: (r) => r.code },
  { header: 'Modifiers', value: (r) => r.modifiers.join(' ') },
  { header: 'Description', value: (r) => r.description },
  { header: 'Count', value: (r) => r.count, format: 'int' },
  { header: 'Units', value: (r) => r.units, format: 'int' },
  { header: 'wRVU per unit', value: (r) => r.workRvu, format: 'rvu' },
  { header: 'wRVU total', value: (r) => r.workRvuTotal, format: 'rvu' },
  { header: 'Allowed per unit (USD)', value: (r) => r.allowed, format: 'money' },
  { header: 'Allowed total (USD)', value: (r) => r.allowedTotal, format: 'money' },
];

/** The summary's rows plus a closing "Total" row (code "Total", modifiers/description empty). */
function withTotal(s: PageSummary): SummaryRow[] {
  const t = s.totals;
  return [
    ...s.rows,
    { key: 'Total', code: 'Total', modifiers: [], description: '', count: t.count, units: t.units, workRvu: null, workRvuTotal: t.workRvu, allowed: null, allowedTotal: t.allowed, other: null },
  ];
}

/** The page summary as a CSV file's text (header, rows, a Total row unless `total: false`; BOM unless `bom: false`). */
export function pageSummaryCsv(s: PageSummary, options: { total?: boolean; bom?: boolean } = {}): string {
  return toCsv(options.total === false ? s.rows : withTotal(s), SUMMARY_COLUMNS, { bom: options.bom ?? true });
}

/** The page summary as TSV for the clipboard ("copy as table"), with a Total row unless `total: false`. */
export function pageSummaryTsv(s: PageSummary, options: { total?: boolean } = {}): string {
  return toTsv(options.total === false ? s.rows : withTotal(s), SUMMARY_COLUMNS);
}
