/**
 * PPRRVU (PFS relative value file) text → `PfsRow[]` + `FileReport` + release info. Pure.
 * Finds the header by content (stacked 5-line CMS header or a one-line header), maps columns by name
 * (`columns.ts`), rejects bad rows with a counted reason, throws `CmsFileError` on a bad file.
 */
import type { PfsRow, ReleaseInfo, FileReport } from '../dataset/types';
import { PFS_COLUMNS } from './columns';
import {
  CmsFileError,
  RowReport,
  cellAt,
  isBlankRow,
  isNoteRow,
  mapColumns,
  normalizeHeader,
  parseNumber,
  readCsvRows,
} from './csv';

export interface PfsParseOptions {
  /** File name, for messages and as a fallback source of the release ("PPRRVU2026_Jul_nonQPP.csv"). */
  fileName?: string;
  /** Keep CPT (digit-initial) and CDT (D) descriptors; false empties them. Default true. */
  cptDescriptors?: boolean;
}

export interface PfsParseResult {
  records: PfsRow[];
  report: FileReport;
  /** From the preamble title/"RELEASED" lines, else from the file name; null if neither says. */
  release: ReleaseInfo | null;
}

const QUARTERS: Record<string, { name: string; letter: string }> = {
  JAN: { name: 'January', letter: 'A' },
  APR: { name: 'April', letter: 'B' },
  JUL: { name: 'July', letter: 'C' },
  OCT: { name: 'October', letter: 'D' },
};

const NUMERIC_FIELDS = [
  'workRvu',
  'peNonFacility',
  'peFacility',
  'mpRvu',
  'totalNonFacility',
  'totalFacility',
  'preOp',
  'intraOp',
  'postOp',
  'conversionFactor',
  'oppsPeNonFacility',
  'oppsPeFacility',
  'oppsMp',
] as const satisfies readonly (keyof PfsRow)[];

const CODE_RE = /^[0-9A-Z]{5}$/;
const MODIFIER_RE = /^([0-9A-Z]{2})?$/;

/** A stacked-header line: only upper-case header words, in at least two cells (titles have one cell). */
function isHeaderWordsRow(row: readonly string[]): boolean {
  const filled = row.map((c) => c.trim()).filter((c) => c !== '');
  return filled.length >= 2 && filled.every((c) => /^[A-Z][A-Z0-9 ./&()-]*$/.test(c) && !/^RELEASED\b/.test(c));
}

/** Locate the header: the row whose first cell is "HCPCS", plus the stacked header lines above it. */
function findPfsHeader(rows: readonly string[][], file: string): { first: number; last: number; names: string[] } {
  const last = rows.findIndex((r, i) => i < 200 && PFS_COLUMNS.code.headers.includes(normalizeHeader(r[0] ?? '')));
  if (last < 0) throw new CmsFileError(file, 'no header found (no line starting with "HCPCS" in the first 200 lines)');
  let first = last;
  while (first > 0 && last - first < 8 && isHeaderWordsRow(rows[first - 1]!)) first--;
  const width = Math.max(...rows.slice(first, last + 1).map((r) => r.length));
  const names = Array.from({ length: width }, (_, col) =>
    rows
      .slice(first, last + 1)
      .map((r) => (r[col] ?? '').trim())
      .filter((w) => w !== '')
      .join(' '),
  );
  return { first, last, names };
}

/** Release info from the preamble ("2026 National Physician Fee Schedule … July Release", "RELEASED 06/30/2026"). */
function readRelease(preamble: readonly string[][], fileName: string): ReleaseInfo | null {
  const cells = preamble.flat().map((c) => c.trim()).filter((c) => c !== '');
  const released = cells.map((c) => /^RELEASED\s+(\d{1,2}\/\d{1,2}\/\d{4})/i.exec(c)?.[1]).find((x) => x) ?? '';
  for (const title of cells) {
    const m = /\b((?:19|20)\d\d)\b.*\b(Jan|Apr|Jul|Oct)[a-z]*\b.*\brelease\b/i.exec(title);
    const q = m && QUARTERS[m[2]!.toUpperCase()];
    if (m && q) {
      const year = Number(m[1]);
      return { id: `RVU${String(year).slice(2)}${q.letter}`, year, quarterName: q.name, released, title };
    }
  }
  const byName = /PPRRVU((?:19|20)\d\d)_?(Jan|Apr|Jul|Oct)/i.exec(fileName);
  const q = byName && QUARTERS[byName[2]!.toUpperCase()];
  if (byName && q) {
    const year = Number(byName[1]);
    return { id: `RVU${String(year).slice(2)}${q.letter}`, year, quarterName: q.name, released, title: '' };
  }
  return null;
}

/** True for codes whose descriptors are AMA (CPT: digit-initial) or ADA (CDT: D codes) copyright. */
export function isCopyrightDescriptorCode(code: string): boolean {
  return /^[0-9D]/.test(code);
}

/**
 * Parse a PPRRVU CSV. Rows with a malformed code/modifier, non-numeric RVUs or too few fields are
 * rejected and counted; a repeated code+modifier is rejected as "duplicate" (first row wins).
 * @throws CmsFileError on an empty file, no header, an unknown or missing required column.
 * @example parsePfsRvu(text, { fileName: 'PPRRVU2026_Jul_nonQPP.csv', cptDescriptors: false })
 */
export function parsePfsRvu(text: string, options: PfsParseOptions = {}): PfsParseResult {
  const file = options.fileName ?? 'PPRRVU file';
  const keepCpt = options.cptDescriptors ?? true;
  const rows = readCsvRows(text, file);
  const header = findPfsHeader(rows, file);
  const col = mapColumns(header.names, PFS_COLUMNS, file);
  const minFields = Math.max(...Object.values<number | undefined>(col).map((i) => i ?? 0)) + 1;
  const report = new RowReport('pfs', file);
  const records: PfsRow[] = [];
  const seen = new Set<string>();

  for (const row of rows.slice(header.last + 1)) {
    if (isBlankRow(row) || isNoteRow(row)) continue;
    report.rowsRead++;
    const at = (field: keyof PfsRow): string => cellAt(row, col[field]);
    if (row.length < minFields) {
      report.reject('too few fields');
      continue;
    }
    const code = at('code').toUpperCase();
    const modifier = at('modifier').toUpperCase();
    if (!CODE_RE.test(code)) {
      report.reject('bad code');
      continue;
    }
    if (!MODIFIER_RE.test(modifier)) {
      report.reject('bad modifier');
      continue;
    }
    const nums = {} as Record<(typeof NUMERIC_FIELDS)[number], number>;
    let numeric = true;
    for (const f of NUMERIC_FIELDS) {
      nums[f] = parseNumber(at(f));
      if (!Number.isFinite(nums[f])) numeric = false;
    }
    if (!numeric) {
      report.reject('non-numeric value');
      continue;
    }
    const key = `${code}\t${modifier}`;
    if (seen.has(key)) {
      report.reject('duplicate');
      continue;
    }
    seen.add(key);
    records.push({
      code,
      modifier,
      description: keepCpt || !isCopyrightDescriptorCode(code) ? at('description') : '',
      status: at('status').toUpperCase(),
      notUsedForMedicare: at('notUsedForMedicare') !== '',
      ...nums,
      nonFacilityNa: at('nonFacilityNa').toUpperCase() === 'NA',
      facilityNa: at('facilityNa').toUpperCase() === 'NA',
      pctc: at('pctc'),
      globalDays: at('globalDays'),
      multProc: at('multProc'),
      bilatSurg: at('bilatSurg'),
      asstSurg: at('asstSurg'),
      coSurg: at('coSurg'),
      teamSurg: at('teamSurg'),
      pricInd: col.pricInd === undefined ? null : at('pricInd'),
      endoBase: at('endoBase'),
      physSupervision: at('physSupervision'),
      calcFlag: at('calcFlag'),
      imagingFamily: at('imagingFamily'),
    });
    report.accepted++;
  }
  if (report.rowsRead === 0) throw new CmsFileError(file, 'no data rows after the header');
  return { records, report: report.toJSON(), release: readRelease(rows.slice(0, header.first), options.fileName ?? '') };
}
