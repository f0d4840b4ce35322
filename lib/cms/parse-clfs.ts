/**
 * CLFS public use file (PUF_CLFS_CY2026_Q2V1.csv) → one row per code + modifier + `FileReport`. Pure.
 * The preamble (title, AMA notice and PHE note with unquoted commas, a blank line) is skipped by
 * looking for the header line that starts with `YEAR,HCPCS`, never by counting lines.
 */
import type { ClfsRow } from '../dataset/types';
import { CLFS_COLUMNS } from './columns';
import { CmsFileError, RowReport, cellAt, isBlankRow, mapColumns, parseNumber, readCsvRows } from './csv';
import type { ParseResult } from './parse-gpci';

const CODE = /^[0-9A-Z]{5}$/;
const HEADER_START = /^\s*"?YEAR"?\s*,\s*"?HCPCS"?\s*(,|$)/i;

/**
 * Parse a CLFS CSV. `RATE` is zero-padded dollars ("00009.34"); with indicator L and a zero rate the
 * row has no national amount (`rate: null`), not $0. With `cptDescriptors: false` the descriptors of
 * codes starting with a digit (CPT, PLA: AMA copyright) are blanked; Level II descriptors stay.
 * Rejected rows: "bad code", "non-numeric rate", "duplicate" (same code + modifier).
 * @throws CmsFileError on an empty file, no `YEAR,HCPCS` header, unknown/missing columns, or no rows.
 */
export function parseClfs(text: string, options: { fileName?: string; cptDescriptors?: boolean } = {}): ParseResult<ClfsRow> {
  const file = options.fileName ?? 'CLFS file';
  const keepCpt = options.cptDescriptors ?? true;
  const rows = readCsvRows(text, file);
  const h = rows.slice(0, 40).findIndex((r) => HEADER_START.test(r.join(',')));
  if (h < 0) throw new CmsFileError(file, 'no header found (expected a line starting with YEAR,HCPCS)');
  const col = mapColumns(rows[h]!, CLFS_COLUMNS, file);
  const report = new RowReport('clfs', file);
  const records: ClfsRow[] = [];
  const seen = new Set<string>();
  let local = 0;
  for (const row of rows.slice(h + 1)) {
    if (isBlankRow(row)) continue;
    report.rowsRead++;
    const code = cellAt(row, col.code).toUpperCase();
    if (!CODE.test(code)) {
      report.reject('bad code');
      continue;
    }
    const modifier = cellAt(row, col.modifier).toUpperCase();
    const indicator = cellAt(row, col.indicator).toUpperCase();
    const amount = parseNumber(cellAt(row, col.rate));
    if (!Number.isFinite(amount)) {
      report.reject('non-numeric rate');
      continue;
    }
    const key = `${code}|${modifier}`;
    if (seen.has(key)) {
      report.reject('duplicate');
      continue;
    }
    seen.add(key);
    const rate = indicator === 'L' && amount === 0 ? null : amount;
    if (rate === null) local++;
    const blank = !keepCpt && /^\d/.test(code);
    const extended = cellAt(row, col.extendedDescription);
    records.push({
      code,
      modifier,
      indicator,
      rate,
      effectiveDate: cellAt(row, col.effectiveDate),
      shortDescription: blank ? '' : cellAt(row, col.shortDescription),
      longDescription: blank ? '' : extended || cellAt(row, col.longDescription),
    });
    report.accepted++;
  }
  if (records.length === 0) throw new CmsFileError(file, 'no rows after the header');
  if (local) report.notes.push(`${local} rows are contractor-priced (indicator L, no national amount)`);
  if (!keepCpt) report.notes.push('CPT and PLA descriptors left out');
  records.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : a.modifier < b.modifier ? -1 : a.modifier > b.modifier ? 1 : 0));
  return { records, report: report.toJSON() };
}
