/**
 * Classify CMS release files (a CMS zip's entries or loose CSVs) by role: sniff the header text when
 * given, else fall back to CMS and reformatted-copy file names. Pure; shared by the CLI and the
 * options-page import.
 */

export type CmsRole = 'pfs' | 'gpci' | 'locco' | 'anes' | 'oppscap' | 'hcpcs' | 'clfs' | 'dmepos';
export const CMS_ROLES: readonly CmsRole[] = ['pfs', 'gpci', 'locco', 'anes', 'oppscap', 'hcpcs', 'clfs', 'dmepos'];
/** Roles outside the physician fee schedule: optional in every build. */
export const OTHER_SCHEDULE_ROLES: readonly CmsRole[] = ['hcpcs', 'clfs', 'dmepos'];

export interface DetectInput {
  name: string;
  /** The file's text or its first lines (a few KB is plenty). */
  text?: string;
}

export interface DetectedFile {
  name: string;
  role: CmsRole | null;
  by: 'content' | 'name' | null;
  /** Why a recognisable file cannot be used as is (e.g. "HCPCS .xlsx: use the CSV conversion"). */
  hint?: string;
}

/** Content signatures, tried in order on the upper-cased first ~40 lines. */
const CONTENT_RULES: readonly [CmsRole, RegExp][] = [
  ['hcpcs', /(^|\n)\s*"?HCPCS?"?\s*,\s*"?SEQNUM"?\s*,\s*"?RECID/],
  ['clfs', /(^|\n)\s*"?YEAR"?\s*,\s*"?HCPCS"?\s*,\s*"?MOD"?\s*,\s*"?EFF_DATE/],
  ['dmepos', /(^|\n)\s*"?HCPCS"?\s*,\s*"?MOD"?\s*,\s*"?MOD2"?\s*,\s*"?JURIS/],
  ['oppscap', /(^|\n)\s*"?HCPCS"?\s*,\s*"?MOD"?\s*,\s*"?PROCSTAT/],
  ['pfs', /RELATIVE VALUE FILE|(^|\n)\s*"?HCPCS"?\s*,\s*"?MOD"?\s*,\s*"?DESCRIPTION/],
  ['locco', /FEE SCHEDULE AREA\s*,\s*"?COUNTIES/],
  ['anes', /ANES(THESIA)? CF/],
  ['gpci', /\bGPCI\b[\s\S]*LOCALITY|LOCALITY NAME\s*,[^\n]*\bGPCI\b/],
];

/** Name patterns: CMS names (PPRRVU2026_Jul_nonQPP.csv, GPCI2026.csv, 26LOCCO.csv…) and known renamed copies. */
const NAME_RULES: readonly [CmsRole, RegExp][] = [
  ['pfs', /PPRRVU|ref_procedure_code/i],
  ['gpci', /GPCI|ref_geo_adjustment/i],
  ['locco', /LOCCO|ref_medicare_localities/i],
  ['anes', /ANES|ref_anes_conversion_factor/i],
  ['oppscap', /OPPSCAP|ref_opps_price_cap/i],
  ['hcpcs', /^HCPC\d{4}_|ANWEB|ref_hcpcs_level_two/i],
  ['clfs', /CLFS|CLAB/i],
  ['dmepos', /DMEPOS/i],
];

const baseName = (name: string): string => name.replace(/^.*[\\/]/, '');

/**
 * Role of one file, or null (PDFs, xlsx, fixed-width .txt, readmes…). Only `.csv` files qualify.
 * @example detectCmsFile('RVU26C/PPRRVU2026_Jul_nonQPP.csv') // { role: 'pfs', by: 'name', … }
 */
export function detectCmsFile(name: string, text?: string): DetectedFile {
  const base = baseName(name);
  if (/\.xlsx$/i.test(base)) {
    // Not read (no spreadsheet reader in the pipeline): say what to do for the files we know.
    const known = NAME_RULES.find(([, re]) => re.test(base));
    if (known && OTHER_SCHEDULE_ROLES.includes(known[0])) {
      return { name, role: null, by: null, hint: `${known[0].toUpperCase()} .xlsx: use the CSV (CMS publishes CSV for CLFS/DMEPOS; convert the HCPCS workbook to CSV)` };
    }
  }
  if (!/\.csv$/i.test(base)) return { name, role: null, by: null };
  if (text !== undefined) {
    const head = text.slice(0, 8192).split(/\r?\n/).slice(0, 40).join('\n').toUpperCase();
    const hit = CONTENT_RULES.find(([, re]) => re.test(head));
    if (hit) return { name, role: hit[0], by: 'content' };
  }
  const byName = NAME_RULES.find(([, re]) => re.test(base));
  return byName ? { name, role: byName[0], by: 'name' } : { name, role: null, by: null };
}

/** Classify every file of a release. */
export function detectCmsFiles(files: readonly DetectInput[]): DetectedFile[] {
  return files.map((f) => detectCmsFile(f.name, f.text));
}

/**
 * Pick one file per role. For the PFS prefer the non-QP file (a CMS zip holds both `_nonQPP` and
 * `_QPP`); any other ambiguity picks the first name in sort order and says so in `warnings`.
 */
export function selectReleaseFiles<T extends DetectedFile>(
  detected: readonly T[],
): { files: Partial<Record<CmsRole, T>>; warnings: string[] } {
  const files: Partial<Record<CmsRole, T>> = {};
  const warnings: string[] = [];
  for (const role of CMS_ROLES) {
    let candidates = detected.filter((d) => d.role === role).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    if (role === 'pfs' && candidates.length > 1) {
      const nonQp = candidates.filter((c) => /non_?qpp?/i.test(baseName(c.name)) || !/qpp?\b|_qp/i.test(baseName(c.name)));
      if (nonQp.length) candidates = nonQp;
    }
    const first = candidates[0];
    if (!first) continue;
    if (candidates.length > 1) {
      warnings.push(`several ${role} files (${candidates.map((c) => baseName(c.name)).join(', ')}): using ${baseName(first.name)}`);
    }
    files[role] = first;
  }
  return { files, warnings };
}
