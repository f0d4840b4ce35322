/**
 * HCPCS Level II file → procedure codes (RECID 3) + modifiers (RECID 7) + `FileReport`. Pure.
 *
 * Input: the CSV conversion of CMS's quarterly workbook (`HCPC2025_OCT_ANWEB_v4__CONVERTED_from_xlsx.csv`:
 * one header line, one row per code, the whole long description in one cell). The raw `.xlsx` is not
 * read here: convert it to CSV first (`detectCmsFile` says so for an .xlsx). The fixed-width .txt
 * (RECID 4/8 continuation lines) is not supported either.
 */
import type { HcpcsModifier, HcpcsRow } from '../dataset/types';
import { HCPCS_COLUMNS } from './columns';
import { CmsFileError, RowReport, cellAt, findHeaderRow, isBlankRow, mapColumns, readCsvRows } from './csv';
import type { ParseResult } from './parse-gpci';

export interface HcpcsParseResult extends ParseResult<HcpcsRow> {
  modifiers: HcpcsModifier[];
}

const CODE = /^[A-Z]\d{4}$/;
const MODIFIER = /^[A-Z0-9]{2}$/;
/** "20020701" → itself; "" stays ""; anything else → null (a bad date). */
const date = (cell: string): string | null => (cell === '' || /^\d{8}$/.test(cell) ? cell : null);

/**
 * Parse the HCPCS Level II CSV. Rows are rejected (and counted) for: an unknown RECID ("continuation
 * or unknown RECID"), a malformed code ("bad code"), a malformed date ("bad date"), or a repeated code
 * ("duplicate"). Codes and modifiers are trimmed (CMS right-aligns modifiers: "   A1").
 * @throws CmsFileError on an empty file, no header, an unknown or missing required column, or no code rows.
 */
export function parseHcpcs(text: string, options: { fileName?: string } = {}): HcpcsParseResult {
  const file = options.fileName ?? 'HCPCS file';
  const rows = readCsvRows(text, file);
  const h = findHeaderRow(rows, HCPCS_COLUMNS, ['code', 'recid', 'longDescription']);
  if (h < 0) throw new CmsFileError(file, 'no header found (expected a line with HCPC, RECID and LONG DESCRIPTION columns)');
  const col = mapColumns(rows[h]!, HCPCS_COLUMNS, file);
  const report = new RowReport('hcpcs', file);
  const records: HcpcsRow[] = [];
  const modifiers: HcpcsModifier[] = [];
  const seen = new Set<string>();
  const seenMod = new Set<string>();
  for (const row of rows.slice(h + 1)) {
    if (isBlankRow(row)) continue;
    report.rowsRead++;
    const recid = cellAt(row, col.recid);
    const code = cellAt(row, col.code).toUpperCase();
    const longDescription = cellAt(row, col.longDescription);
    if (recid === '7') {
      if (!MODIFIER.test(code)) {
        report.reject('bad code');
        continue;
      }
      if (seenMod.has(code)) {
        report.reject('duplicate');
        continue;
      }
      seenMod.add(code);
      modifiers.push({ code, longDescription });
      report.accepted++;
      continue;
    }
    if (recid !== '3') {
      report.reject('continuation or unknown RECID');
      continue;
    }
    if (!CODE.test(code)) {
      report.reject('bad code');
      continue;
    }
    const addDate = date(cellAt(row, col.addDate));
    const effectiveDate = date(cellAt(row, col.effectiveDate));
    const term = date(cellAt(row, col.termDate));
    if (addDate === null || effectiveDate === null || term === null) {
      report.reject('bad date');
      continue;
    }
    if (seen.has(code)) {
      report.reject('duplicate');
      continue;
    }
    seen.add(code);
    records.push({
      code,
      longDescription,
      shortDescription: cellAt(row, col.shortDescription),
      addDate,
      effectiveDate,
      termDate: term === '' ? null : term,
      coverage: cellAt(row, col.coverage),
      betos: cellAt(row, col.betos),
      actionCode: cellAt(row, col.actionCode),
    });
    report.accepted++;
  }
  if (records.length === 0) throw new CmsFileError(file, 'no procedure code rows (RECID 3) after the header');
  const terminated = records.filter((r) => r.termDate !== null).length;
  report.notes.push(`${records.length} procedure codes (${terminated} with a termination date), ${modifiers.length} modifiers`);
  const cmp = (a: { code: string }, b: { code: string }): number => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
  records.sort(cmp);
  modifiers.sort(cmp);
  return { records, modifiers, report: report.toJSON() };
}
