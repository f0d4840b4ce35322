/**
 * OPPSCAP (OPPS-capped prices per code+modifier+locality) text → `OppsCapRow[]` + `FileReport`. Pure.
 * Header `HCPCS,MOD,PROCSTAT,CARRIER,LOCALITY,FACILITY PRICE,NON-FACILTY PRICE` (CMS's typo accepted).
 */
import type { OppsCapRow } from '../dataset/types';
import { OPPSCAP_COLUMNS } from './columns';
import { CmsFileError, RowReport, cellAt, findHeaderRow, isBlankRow, isNoteRow, mapColumns, parseNumber, readCsvRows } from './csv';
import { localityIdOf, type ParseResult } from './parse-gpci';

/**
 * Parse an OPPSCAP file. Rows with a bad code, locality or price are rejected and counted; a repeated
 * code+modifier+locality is rejected as "duplicate".
 * @throws CmsFileError on an empty file, no header, an unknown or missing required column.
 */
export function parseOppsCap(text: string, options: { fileName?: string } = {}): ParseResult<OppsCapRow> {
  const file = options.fileName ?? 'OPPSCAP file';
  const rows = readCsvRows(text, file);
  const h = findHeaderRow(rows, OPPSCAP_COLUMNS, ['code', 'mac', 'facility']);
  if (h < 0) throw new CmsFileError(file, 'no header found (expected a line with HCPCS, CARRIER and FACILITY PRICE columns)');
  const col = mapColumns(rows[h]!, OPPSCAP_COLUMNS, file);
  const report = new RowReport('oppscap', file);
  const records: OppsCapRow[] = [];
  const seen = new Set<string>();
  for (const row of rows.slice(h + 1)) {
    if (isBlankRow(row) || isNoteRow(row)) continue;
    report.rowsRead++;
    const code = cellAt(row, col.code).toUpperCase();
    const modifier = cellAt(row, col.modifier).toUpperCase();
    if (!/^[0-9A-Z]{5}$/.test(code) || !/^([0-9A-Z]{2})?$/.test(modifier)) {
      report.reject('bad code');
      continue;
    }
    const ids = localityIdOf(cellAt(row, col.mac), cellAt(row, col.locality));
    if (!ids) {
      report.reject('bad locality id');
      continue;
    }
    const facility = parseNumber(cellAt(row, col.facility));
    const nonFacility = parseNumber(cellAt(row, col.nonFacility));
    if (!Number.isFinite(facility) || !Number.isFinite(nonFacility)) {
      report.reject('non-numeric value');
      continue;
    }
    const key = `${code}\t${modifier}\t${ids.id}`;
    if (seen.has(key)) {
      report.reject('duplicate');
      continue;
    }
    seen.add(key);
    records.push({ code, modifier, localityId: ids.id, facility, nonFacility });
    report.accepted++;
  }
  if (report.rowsRead === 0) throw new CmsFileError(file, 'no data rows after the header');
  return { records, report: report.toJSON() };
}
