/**
 * Tally CSV export (issue 6), through the shared writer lib/summary/csv.ts: a header row, one row
 * per item in log order, a closing Total row; numbers plain (2 decimals, no "$"); formula-safe text.
 * With a multiple-procedure result per encounter, a column "Allowed after multiple-procedure rule".
 */
import { toCsv, toTsv, type CsvColumn } from '../summary/csv';
import type { MppResult } from './multiple';
import type { TallyRow, TallyTotals } from './totals';

/** One CSV line: an item, or the Total line (item null). */
interface Line {
  row: TallyRow | null;
  mpp: number | null;
  totals: TallyTotals['totals'] | null;
  mppTotal: number | null;
}

function columns(withMpp: boolean, release: string | null): CsvColumn<Line>[] {
  const cols: CsvColumn<Line>[] = [
    { header: 'Date added', value: (l) => (l.row ? l.row.item.addedAt : 'Total') },
    { header: 'Code', value: (l) => l.row?.item.code ?? '' },
    { header: 'Modifiers', value: (l) => l.row?.item.modifiers.join(' ') ?? '' },
    { header: 'Description', value: (l) => l.row?.description ?? '' },
    { header: 'Units', value: (l) => (l.row ? l.row.item.units : (l.totals?.units ?? null)), format: 'int' },
    { header: 'wRVU per unit', value: (l) => l.row?.workRvu ?? null, format: 'rvu' },
    { header: 'wRVU total', value: (l) => (l.row ? l.row.workRvuTotal : (l.totals?.workRvu ?? null)), format: 'rvu' },
    { header: 'Allowed per unit (USD)', value: (l) => l.row?.allowed ?? null, format: 'money' },
    { header: 'Allowed total (USD)', value: (l) => (l.row ? l.row.allowedTotal : (l.totals?.allowed ?? null)), format: 'money' },
  ];
  if (withMpp) cols.push({ header: 'Allowed after multiple-procedure rule (USD)', value: (l) => (l.row ? l.mpp : l.mppTotal), format: 'money' });
  cols.push({ header: 'Encounter', value: (l) => l.row?.item.encounter ?? '' });
  cols.push({ header: 'Note', value: (l) => l.row?.item.note ?? '' });
  if (release) cols.push({ header: 'Release', value: () => release });
  return cols;
}

/** Options of {@link tallyCsv}. */
export interface TallyExportOptions {
  /** Results of applyMultipleProcedureRule per encounter; adds the "after the rule" column. */
  mpp?: readonly MppResult[];
  /** Release id the figures come from ("RVU26C"), as a column. */
  release?: string | null;
  /** Prepend the UTF-8 BOM so Excel opens the file as UTF-8 (default true). */
  bom?: boolean;
}

function lines(t: TallyTotals, options: TallyExportOptions): { lines: Line[]; cols: CsvColumn<Line>[] } {
  const after = new Map<string, number | null>();
  for (const r of options.mpp ?? []) for (const it of r.items) after.set(it.item.id, it.allowed);
  const withMpp = (options.mpp?.length ?? 0) > 0;
  // Items outside any encounter keep their plain total in the "after the rule" column.
  const mppOf = (row: TallyRow): number | null => (after.has(row.item.id) ? (after.get(row.item.id) ?? null) : row.allowedTotal);
  let mppCents = 0;
  for (const row of t.rows) {
    const v = mppOf(row);
    if (v !== null) mppCents += Math.round(v * 100);
  }
  const out: Line[] = t.rows.map((row) => ({ row, mpp: mppOf(row), totals: null, mppTotal: null }));
  out.push({ row: null, mpp: null, totals: t.totals, mppTotal: mppCents / 100 });
  return { lines: out, cols: columns(withMpp, options.release ?? null) };
}

/** The tally as a CSV file's text. */
export function tallyCsv(t: TallyTotals, options: TallyExportOptions = {}): string {
  const { lines: l, cols } = lines(t, options);
  return toCsv(l, cols, { bom: options.bom ?? true });
}

/** The tally as TSV for the clipboard. */
export function tallyTsv(t: TallyTotals, options: Omit<TallyExportOptions, 'bom'> = {}): string {
  const { lines: l, cols } = lines(t, options);
  return toTsv(l, cols);
}
