/**
 * Test helper: the real code set (every CPT/HCPCS code the extension can price or explain), read
 * straight from the raw CMS files in `../shared/cms/` with papaparse. Paths are resolved relative to
 * the repository root (this file's location), never absolute. Nothing derived from these files is
 * written to the repository.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CMS_DIR = resolve(REPO_ROOT, '..', 'shared', 'cms');

/** The three source files, relative to `../shared/cms/`. */
export const CODE_SET_SOURCES = {
  pfs: 'rvu26c/PPRRVU2026_Jul_nonQPP.csv',
  clfs: 'clfs26q2/PUF_CLFS_CY2026_Q2V1.csv',
  hcpcs: 'hcpcs25d/HCPC2025_OCT_ANWEB_v4__CONVERTED_from_xlsx.csv',
} as const;

const CODE_SHAPE = /^(?:\d{5}|\d{4}[FTUM]|[A-V]\d{4})$/;

function readRows(rel: string): string[][] {
  const text = readFileSync(resolve(CMS_DIR, rel), 'utf8');
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
  return parsed.data;
}

function add(set: Set<string>, raw: string | undefined): void {
  const code = (raw ?? '').trim().toUpperCase();
  if (CODE_SHAPE.test(code)) set.add(code);
}

/** PFS relative value file: data rows start at line 11; column 0 is HCPCS. */
export function loadPfsCodes(set = new Set<string>()): Set<string> {
  const rows = readRows(CODE_SET_SOURCES.pfs);
  for (const row of rows.slice(10)) add(set, row[0]);
  return set;
}

/** CLFS: the header row starts with `YEAR,HCPCS`; data follow it. */
export function loadClfsCodes(set = new Set<string>()): Set<string> {
  const rows = readRows(CODE_SET_SOURCES.clfs);
  const headerAt = rows.findIndex((r) => r[0]?.trim() === 'YEAR' && r[1]?.trim() === 'HCPCS');
  if (headerAt < 0) throw new Error(`CLFS header not found in ${CODE_SET_SOURCES.clfs}`);
  for (const row of rows.slice(headerAt + 1)) add(set, row[1]);
  return set;
}

/** HCPCS Level II: column HCPC (space padded), RECID 3 = procedure record (7 = modifier). */
export function loadHcpcsCodes(set = new Set<string>()): Set<string> {
  const rows = readRows(CODE_SET_SOURCES.hcpcs);
  const header = rows[0] ?? [];
  const codeCol = header.findIndex((h) => h.trim() === 'HCPC');
  const recCol = header.findIndex((h) => h.trim() === 'RECID');
  if (codeCol < 0 || recCol < 0) throw new Error(`HCPC/RECID columns not found in ${CODE_SET_SOURCES.hcpcs}`);
  for (const row of rows.slice(1)) {
    if (row[recCol]?.trim() === '3') add(set, row[codeCol]);
  }
  return set;
}

let cached: Set<string> | undefined;

/** The union of the three files (cached per test worker). */
export function loadCodeSet(): Set<string> {
  if (!cached) {
    const set = new Set<string>();
    loadPfsCodes(set);
    loadClfsCodes(set);
    loadHcpcsCodes(set);
    if (set.size < 10_000) throw new Error(`code set suspiciously small: ${set.size}`);
    cached = set;
  }
  return cached;
}
