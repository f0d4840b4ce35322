/**
 * ANES (anesthesia conversion factors) text → per-locality CFs + the national CFs read from the
 * header text ("… of 20.3178"). Pure. One CF column (2025) or QP then non-QP columns (2026).
 */
import type { LocalityId } from '../dataset/types';
import { ANES_COLUMNS } from './columns';
import { CmsFileError, RowReport, cellAt, findHeaderRow, isBlankRow, isNoteRow, mapColumns, parseNumber, readCsvRows } from './csv';
import { localityIdOf, type ParseResult } from './parse-gpci';

export interface AnesRecord {
  id: LocalityId;
  mac: string;
  locality: string;
  name: string;
  anesCfNonQp: number;
  anesCfQp: number;
}

export interface AnesParseResult extends ParseResult<AnesRecord> {
  /** National anesthesia CFs from the header; null when the header does not print them. */
  national: { nonQp: number | null; qp: number | null };
}

const headerCf = (header: string | undefined): number | null => {
  const m = /\bof\s+(\d+(?:\.\d+)?)\s*$/i.exec((header ?? '').trim());
  return m ? Number(m[1]) : null;
};

/**
 * Parse an ANES file. A single CF column counts for both tracks.
 * @throws CmsFileError on an empty file, no header, unknown/missing columns, or no CF column at all.
 */
export function parseAnes(text: string, options: { fileName?: string } = {}): AnesParseResult {
  const file = options.fileName ?? 'ANES file';
  const rows = readCsvRows(text, file);
  const h = findHeaderRow(rows, ANES_COLUMNS, ['mac', 'locality', 'name']);
  if (h < 0) throw new CmsFileError(file, 'no header found (expected a line with Contractor, Locality and Locality Name columns)');
  const header = rows[h]!;
  const col = mapColumns(header, ANES_COLUMNS, file);
  const qpCol = col.cfQp ?? col.cfSingle;
  const nonQpCol = col.cfNonQp ?? col.cfSingle;
  if (qpCol === undefined || nonQpCol === undefined) {
    throw new CmsFileError(file, 'missing anesthesia CF column ("National Anes CF of …" or both QP and non-QP columns)');
  }
  const national = {
    nonQp: headerCf(header[nonQpCol]),
    qp: headerCf(header[qpCol]),
  };
  const report = new RowReport('anes', file);
  const records: AnesRecord[] = [];
  const seen = new Set<string>();
  for (const row of rows.slice(h + 1)) {
    if (isBlankRow(row) || isNoteRow(row)) continue;
    report.rowsRead++;
    const ids = localityIdOf(cellAt(row, col.mac), cellAt(row, col.locality));
    if (!ids) {
      report.reject('bad locality id');
      continue;
    }
    const anesCfQp = parseNumber(cellAt(row, qpCol));
    const anesCfNonQp = parseNumber(cellAt(row, nonQpCol));
    if (!Number.isFinite(anesCfQp) || !Number.isFinite(anesCfNonQp)) {
      report.reject('non-numeric value');
      continue;
    }
    if (seen.has(ids.id)) {
      report.reject('duplicate');
      continue;
    }
    seen.add(ids.id);
    records.push({ ...ids, name: cellAt(row, col.name), anesCfNonQp, anesCfQp });
    report.accepted++;
  }
  if (records.length === 0) throw new CmsFileError(file, 'no locality rows after the header');
  return { records, report: report.toJSON(), national };
}
