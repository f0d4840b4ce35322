/**
 * GPCI (Addendum E) text → one record per locality + `FileReport`. Pure. Accepts the raw CMS layout
 * (title, blank, header, data, footnotes) and reformatted copies (one header line, unpadded locality
 * numbers, with- and without-floor work columns: the WITH 1.0 floor column is used).
 */
import type { FileReport, LocalityId } from '../dataset/types';
import { GPCI_COLUMNS } from './columns';
import { CmsFileError, RowReport, cellAt, findHeaderRow, isBlankRow, isNoteRow, mapColumns, padDigits, parseNumber, readCsvRows } from './csv';

export interface GpciRecord {
  id: LocalityId;
  mac: string;
  locality: string;
  state: string;
  name: string;
  workGpci: number;
  peGpci: number;
  mpGpci: number;
}

export interface ParseResult<T> {
  records: T[];
  report: FileReport;
}

/** `${mac}-${loc}` with the MAC padded to 5 digits and the locality to 2; null if either is not digits. */
export function localityIdOf(mac: string, locality: string): { id: LocalityId; mac: string; locality: string } | null {
  const m = padDigits(mac, 5);
  const l = padDigits(locality, 2);
  return m && l ? { id: `${m}-${l}`, mac: m, locality: l } : null;
}

/**
 * Parse a GPCI file. Rows with a bad MAC/locality or non-numeric GPCIs are rejected and counted;
 * a repeated locality id is rejected as "duplicate".
 * @throws CmsFileError on an empty file, no header, an unknown or missing required column.
 */
export function parseGpci(text: string, options: { fileName?: string } = {}): ParseResult<GpciRecord> {
  const file = options.fileName ?? 'GPCI file';
  const rows = readCsvRows(text, file);
  const h = findHeaderRow(rows, GPCI_COLUMNS, ['mac', 'locality', 'peGpci']);
  if (h < 0) throw new CmsFileError(file, 'no header found (expected a line with MAC, Locality Number and PE GPCI columns)');
  const col = mapColumns(rows[h]!, GPCI_COLUMNS, file);
  const report = new RowReport('gpci', file);
  const records: GpciRecord[] = [];
  const seen = new Set<string>();
  for (const row of rows.slice(h + 1)) {
    if (isBlankRow(row) || isNoteRow(row)) continue;
    report.rowsRead++;
    const ids = localityIdOf(cellAt(row, col.mac), cellAt(row, col.locality));
    if (!ids) {
      report.reject('bad locality id');
      continue;
    }
    const workGpci = parseNumber(cellAt(row, col.workGpci));
    const peGpci = parseNumber(cellAt(row, col.peGpci));
    const mpGpci = parseNumber(cellAt(row, col.mpGpci));
    if (![workGpci, peGpci, mpGpci].every(Number.isFinite)) {
      report.reject('non-numeric value');
      continue;
    }
    if (seen.has(ids.id)) {
      report.reject('duplicate');
      continue;
    }
    seen.add(ids.id);
    records.push({ ...ids, state: cellAt(row, col.state).toUpperCase(), name: cellAt(row, col.name), workGpci, peGpci, mpGpci });
    report.accepted++;
  }
  if (records.length === 0) throw new CmsFileError(file, 'no locality rows after the header');
  return { records, report: report.toJSON() };
}
