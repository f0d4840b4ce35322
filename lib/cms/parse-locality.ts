/**
 * LOCCO (counties per locality) text → one record per locality id + `FileReport`. Pure. Copes with
 * the raw CMS layout (title, blank lines between rows, unpadded MAC/locality, trailing spaces, state
 * only on a state's first row) and the damaged 2026 copy (county list cut after the first county).
 */
import type { LocalityId } from '../dataset/types';
import { LOCCO_COLUMNS } from './columns';
import { CmsFileError, RowReport, cellAt, findHeaderRow, isBlankRow, isNoteRow, mapColumns, readCsvRows } from './csv';
import { localityIdOf, type ParseResult } from './parse-gpci';

export interface LocalityCountyRecord {
  id: LocalityId;
  mac: string;
  locality: string;
  /** State name, carried down from the state's first row ("NEW YORK"). */
  stateName: string;
  feeScheduleArea: string;
  counties: string;
  /**
   * The county list looks cut short: a stray leading quote left by broken CSV quoting
   * (`"""BRONX"` → `"BRONX`). The quote is removed from `counties`; callers may fill it from another LOCCO.
   */
  countiesTruncated: boolean;
}

/**
 * Parse a LOCCO file. A repeated locality id is rejected as "duplicate" (CMS lists Missouri's
 * 05302-99 twice: "serviced by two carriers"); rows with a bad MAC/locality are rejected.
 * @throws CmsFileError on an empty file, no header, an unknown or missing required column.
 */
export function parseLocality(text: string, options: { fileName?: string } = {}): ParseResult<LocalityCountyRecord> {
  const file = options.fileName ?? 'LOCCO file';
  const rows = readCsvRows(text, file);
  const h = findHeaderRow(rows, LOCCO_COLUMNS, ['mac', 'locality', 'counties']);
  if (h < 0) throw new CmsFileError(file, 'no header found (expected a line with Contractor, Locality Number and Counties columns)');
  const col = mapColumns(rows[h]!, LOCCO_COLUMNS, file);
  const report = new RowReport('locco', file);
  const records: LocalityCountyRecord[] = [];
  const seen = new Set<string>();
  let stateName = '';
  for (const row of rows.slice(h + 1)) {
    if (isBlankRow(row) || isNoteRow(row)) continue;
    report.rowsRead++;
    const ids = localityIdOf(cellAt(row, col.mac), cellAt(row, col.locality));
    if (!ids) {
      report.reject('bad locality id');
      continue;
    }
    const state = cellAt(row, col.stateName).toUpperCase();
    if (state !== '') stateName = state;
    if (seen.has(ids.id)) {
      report.reject('duplicate');
      continue;
    }
    seen.add(ids.id);
    const rawCounties = cellAt(row, col.counties).replace(/\s+/g, ' ');
    const countiesTruncated = rawCounties.startsWith('"');
    records.push({
      ...ids,
      stateName,
      feeScheduleArea: cellAt(row, col.feeScheduleArea).replace(/\s+/g, ' '),
      counties: rawCounties.replace(/^"+/, '').trim(),
      countiesTruncated,
    });
    report.accepted++;
  }
  if (records.length === 0) throw new CmsFileError(file, 'no locality rows after the header');
  return { records, report: report.toJSON() };
}
