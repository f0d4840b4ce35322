/**
 * CSV (RFC 4180) and TSV ("copy as table") writers shared by the page summary and the tally export.
 * Pure: returns strings.
 *
 * - A header row first; CRLF line endings, including after the last record.
 * - A field is quoted when it holds a comma, a double quote, CR or LF; quotes inside are doubled.
 * - Numbers are written plain: no currency symbol, no thousands separator, "-" for negatives;
 *   'money' and 'rvu' columns with exactly 2 decimals, 'int' columns as whole numbers. null → empty.
 * - Formula injection: a text field starting with =, +, -, @, TAB or CR is prefixed with a single
 *   quote (') so a spreadsheet shows it as text instead of evaluating it (OWASP "CSV injection").
 *   Number columns are never prefixed (a negative amount stays a number).
 * - {@link CSV_BOM}: prepend it to a downloaded file so Excel reads UTF-8 (descriptions can hold "–").
 * - TSV: tab-separated, LF line endings, no quoting; tabs and line breaks inside a field become
 *   spaces (spreadsheets paste TSV cell by cell); the same number format and formula protection.
 */

/** How a column's values are written. */
export type CsvFormat = 'text' | 'money' | 'rvu' | 'int';

/** One column: a header and how to read and format the value from a row. */
export interface CsvColumn<T> {
  header: string;
  value: (row: T) => string | number | null | undefined;
  /** Default 'text'. */
  format?: CsvFormat;
}

/** UTF-8 byte-order mark, for files that Excel should open as UTF-8. */
export const CSV_BOM = '\uFEFF';

/** A number with exactly 2 decimals, plain ("1234.50", "-0.05"); exact for values held in cents/hundredths. */
export function plain2(x: number): string {
  if (!Number.isFinite(x)) return '';
  const h = Math.round(x * 100);
  const sign = h < 0 ? '-' : '';
  const a = Math.abs(h);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

/** Prefix a text that a spreadsheet would read as a formula. */
export function defuseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** Format one cell (unquoted). */
export function formatCell(value: string | number | null | undefined, format: CsvFormat = 'text'): string {
  if (value === null || value === undefined) return '';
  if (format === 'text') return defuseFormula(String(value));
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) return '';
  return format === 'int' ? String(Math.round(n)) : plain2(n);
}

/** Quote a CSV field when RFC 4180 requires it. */
export function quoteCsvField(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/** Rows → CSV text with a header row and CRLF line endings. */
export function toCsv<T>(rows: readonly T[], columns: readonly CsvColumn<T>[], options: { bom?: boolean } = {}): string {
  const lines = [columns.map((c) => quoteCsvField(defuseFormula(c.header)))];
  for (const row of rows) lines.push(columns.map((c) => quoteCsvField(formatCell(c.value(row), c.format))));
  return `${options.bom ? CSV_BOM : ''}${lines.map((l) => l.join(',')).join('\r\n')}\r\n`;
}

/** Rows → TSV text (for the clipboard: "copy as table"), with a header row. */
export function toTsv<T>(rows: readonly T[], columns: readonly CsvColumn<T>[]): string {
  const clean = (s: string): string => s.replace(/[\t\r\n]+/g, ' ');
  const lines = [columns.map((c) => clean(defuseFormula(c.header)))];
  for (const row of rows) lines.push(columns.map((c) => clean(formatCell(c.value(row), c.format))));
  return `${lines.map((l) => l.join('\t')).join('\n')}\n`;
}
