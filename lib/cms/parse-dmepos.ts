/**
 * DMEPOS fee schedule CSV (DMEPOS25_APR.csv) → one row per code + modifiers, with per-state
 * non-rural / rural amounts, + `FileReport`. Pure. The 6-line title preamble is skipped by finding
 * the `HCPCS,Mod,Mod2,JURIS,CATG,…` header; state columns are read from the header (`XX (NR)`, `XX (R)`),
 * so a new or reordered state column needs no code change.
 */
import type { DmeposRow } from '../dataset/types';
import { DMEPOS_COLUMNS, DMEPOS_STATE_COLUMN } from './columns';
import { CmsFileError, RowReport, cellAt, findHeaderRow, isBlankRow, mapColumns, normalizeHeader, parseNumber, readCsvRows } from './csv';
import type { ParseResult } from './parse-gpci';

const CODE = /^[A-Z]\d{4}$/;
const MOD = /^([A-Z0-9]{2})?$/;

export interface DmeposParseResult extends ParseResult<DmeposRow> {
  /** States in the file's column order. */
  states: string[];
}

/**
 * Parse a DMEPOS CSV. Amounts are kept exactly as printed: a rural 0.00 means "use the NR amount"
 * (resolved by lib/schedules, not here). A blank amount cell counts as 0.
 * Rejected rows: "truncated row", "bad code", "bad modifier", "non-numeric value", "duplicate" (same code + Mod + Mod2).
 * @throws CmsFileError on an empty file, no header, an unknown column, a missing required column, a state
 *   with only one of its NR/R columns, no state columns, or no rows.
 */
export function parseDmepos(text: string, options: { fileName?: string } = {}): DmeposParseResult {
  const file = options.fileName ?? 'DMEPOS file';
  const rows = readCsvRows(text, file);
  const h = findHeaderRow(rows, DMEPOS_COLUMNS, ['code', 'modifier2', 'jurisdiction', 'category']);
  if (h < 0) throw new CmsFileError(file, 'no header found (expected a line with HCPCS, Mod, Mod2, JURIS and CATG columns)');
  const header = rows[h]!;
  const stateCols = new Map<string, { nr?: number; r?: number }>();
  const fixedNames = header.map((cell, i) => {
    const m = DMEPOS_STATE_COLUMN.exec(normalizeHeader(cell));
    if (!m) return cell;
    const entry = stateCols.get(m[1]!) ?? {};
    const slot = m[2] === 'NR' ? 'nr' : 'r';
    if (entry[slot] !== undefined) throw new CmsFileError(file, `column "${cell.trim()}" appears twice`);
    entry[slot] = i;
    stateCols.set(m[1]!, entry);
    return '';
  });
  const col = mapColumns(fixedNames, DMEPOS_COLUMNS, file);
  if (stateCols.size === 0) throw new CmsFileError(file, 'missing state amount columns ("AL (NR)", "AL (R)", …)');
  const states: string[] = [];
  const stateIdx: [string, number, number][] = [];
  for (const [st, c] of stateCols) {
    if (c.nr === undefined || c.r === undefined) throw new CmsFileError(file, `state ${st} lacks its ${c.nr === undefined ? 'NR' : 'R'} column`);
    states.push(st);
    stateIdx.push([st, c.nr, c.r]);
  }
  const report = new RowReport('dmepos', file);
  const records: DmeposRow[] = [];
  const seen = new Set<string>();
  const num = (row: string[], i: number | undefined): number => {
    const s = cellAt(row, i);
    return s === '' ? 0 : parseNumber(s);
  };
  for (const row of rows.slice(h + 1)) {
    if (isBlankRow(row)) continue;
    report.rowsRead++;
    if (row.length < header.length) {
      report.reject('truncated row');
      continue;
    }
    const code = cellAt(row, col.code).toUpperCase();
    if (!CODE.test(code)) {
      report.reject('bad code');
      continue;
    }
    const modifier = cellAt(row, col.modifier).toUpperCase();
    const modifier2 = cellAt(row, col.modifier2).toUpperCase();
    if (!MOD.test(modifier) || !MOD.test(modifier2)) {
      report.reject('bad modifier');
      continue;
    }
    const ceiling = num(row, col.ceiling);
    const floor = num(row, col.floor);
    const amounts: Record<string, [number, number]> = {};
    let ok = Number.isFinite(ceiling) && Number.isFinite(floor) ;
    for (const [st, nr, r] of stateIdx) {
      const a: [number, number] = [num(row, nr), num(row, r)];
      if (!Number.isFinite(a[0]) || !Number.isFinite(a[1])) ok = false;
      amounts[st] = a;
    }
    if (!ok) {
      report.reject('non-numeric value');
      continue;
    }
    const key = `${code}|${modifier}|${modifier2}`;
    if (seen.has(key)) {
      report.reject('duplicate');
      continue;
    }
    seen.add(key);
    records.push({
      code,
      modifier,
      modifier2,
      jurisdiction: cellAt(row, col.jurisdiction).toUpperCase(),
      category: cellAt(row, col.category).toUpperCase(),
      ceiling,
      floor,
      description: cellAt(row, col.description),
      amounts,
    });
    report.accepted++;
  }
  if (records.length === 0) throw new CmsFileError(file, 'no rows after the header');
  const c = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  records.sort((a, b) => c(a.code, b.code) || c(a.modifier, b.modifier) || c(a.modifier2, b.modifier2));
  return { records, states, report: report.toJSON() };
}
