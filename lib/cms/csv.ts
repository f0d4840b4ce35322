/**
 * Shared CSV plumbing for the CMS parsers: papaparse with a fixed delimiter, header normalisation,
 * header → column mapping from `columns.ts`, and a per-file reject counter. Pure: no fs, no DOM.
 */
import Papa from 'papaparse';
import type { FileReport } from '../dataset/types';
import type { ColumnSpecs } from './columns';

/** A fatal problem with a whole CMS file (empty, no header, unknown column…). The message names the file. */
export class CmsFileError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'CmsFileError';
  }
}

/** Parse CSV text into rows of raw cells (never hand-split). Throws on an empty file or broken quoting. */
export function readCsvRows(text: string, file: string): string[][] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') throw new CmsFileError(file, 'the file is empty');
  const parsed = Papa.parse<string[]>(body, { delimiter: ',', skipEmptyLines: false });
  const quoteError = parsed.errors.find((e) => e.type === 'Quotes');
  if (quoteError) {
    throw new CmsFileError(file, `malformed CSV near row ${(quoteError.row ?? 0) + 1}: ${quoteError.message}`);
  }
  return parsed.data;
}

/** Upper case, trimmed, single-spaced; "CO- SURG" → "CO-SURG"; a leading year ("2026 PE GPCI") dropped. */
export function normalizeHeader(cell: string): string {
  return cell
    .trim()
    .toUpperCase()
    .replace(/\s+/g, ' ')
    .replace(/-\s+/g, '-')
    .replace(/^(19|20)\d\d\s+/, '');
}

export const isBlankRow = (row: readonly string[]): boolean => row.every((c) => c.trim() === '');

/** A footnote / remark line: one non-empty cell holding a sentence ("*Work GPCI reflects…"). */
export function isNoteRow(row: readonly string[]): boolean {
  const filled = row.filter((c) => c.trim() !== '');
  return filled.length === 1 && /\s/.test(filled[0]!.trim());
}

function matches(header: string, accepted: readonly (string | RegExp)[]): boolean {
  return accepted.some((a) => (typeof a === 'string' ? normalizeHeader(a) === header : a.test(header)));
}

/** Index of the first row (within the first `limit`) that has a cell matching every `keyFields` column. */
export function findHeaderRow<K extends string>(
  rows: readonly string[][],
  specs: ColumnSpecs<K>,
  keyFields: readonly K[],
  limit = 40,
): number {
  for (let i = 0; i < Math.min(rows.length, limit); i++) {
    const cells = rows[i]!.map(normalizeHeader);
    if (keyFields.every((k) => cells.some((c) => matches(c, specs[k].headers)))) return i;
  }
  return -1;
}

/**
 * Map header names to column indexes. Throws on an unknown non-empty column, a column claimed twice,
 * or a missing required column, so a renamed CMS column fails loudly (fix it in `columns.ts`).
 */
export function mapColumns<K extends string>(
  names: readonly string[],
  specs: ColumnSpecs<K>,
  file: string,
): Record<K, number | undefined> {
  const index = {} as Record<K, number | undefined>;
  const fields = Object.keys(specs) as K[];
  const unknown: string[] = [];
  names.forEach((raw, i) => {
    const name = normalizeHeader(raw);
    if (name === '') return;
    const field = fields.find((f) => matches(name, specs[f].headers));
    if (field === undefined) unknown.push(`"${raw.trim()}"`);
    else if (index[field] !== undefined) throw new CmsFileError(file, `column "${raw.trim()}" appears twice (${field})`);
    else index[field] = i;
  });
  if (unknown.length) throw new CmsFileError(file, `unknown column ${unknown.join(', ')} (add its spelling to lib/cms/columns.ts)`);
  const missing = fields.filter((f) => specs[f].required && index[f] === undefined);
  if (missing.length) {
    const names = missing.map((f) => `"${String(specs[f].headers[0])}"`).join(', ');
    throw new CmsFileError(file, `missing required column ${names}`);
  }
  return index;
}

/** Counts rows read / accepted / rejected by reason while a parser walks a file. */
export class RowReport {
  rowsRead = 0;
  accepted = 0;
  readonly rejected: Record<string, number> = {};
  readonly notes: string[] = [];

  constructor(
    readonly role: string,
    readonly file: string,
  ) {}

  reject(reason: string): void {
    this.rejected[reason] = (this.rejected[reason] ?? 0) + 1;
  }

  /** Move one accepted row to the rejected column (used when a later check drops it). */
  unaccept(reason: string): void {
    this.accepted--;
    this.reject(reason);
  }

  toJSON(): FileReport {
    const rejected: Record<string, number> = {};
    for (const k of Object.keys(this.rejected).sort()) rejected[k] = this.rejected[k]!;
    const out: FileReport = { role: this.role, file: this.file, rowsRead: this.rowsRead, accepted: this.accepted, rejected };
    if (this.notes.length) out.notes = [...this.notes];
    return out;
  }
}

/** Parse a CMS number ("1.30", " 19.31 ", ".5"); NaN when the cell is not a plain decimal. */
export function parseNumber(cell: string | undefined): number {
  const s = (cell ?? '').trim();
  return /^-?(\d+\.?\d*|\.\d+)$/.test(s) ? Number(s) : Number.NaN;
}

/** Cell at `index`, trimmed ("" when the column is absent or the row is short). */
export function cellAt(row: readonly string[], index: number | undefined): string {
  return index === undefined ? '' : (row[index] ?? '').trim();
}

/** "2102" → "02102", "1" → "01"; null when the value is not 1..width digits. */
export function padDigits(value: string, width: number): string | null {
  const v = value.trim();
  return /^\d+$/.test(v) && v.length <= width ? v.padStart(width, '0') : null;
}
