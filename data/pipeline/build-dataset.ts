/**
 * `npm run data`: build data/generated/public/dataset.json (the bundled asset) and
 * data/generated/report.json from one CMS release. Thin Node CLI: fs I/O here, parsing in lib/cms.
 *
 * Inputs, in order of precedence:
 *   --source DIR      every .csv in DIR, classified by content (lib/cms/detect); DIR is relative to the cwd.
 *   CMS_DATA_DIR=DIR  same as --source.
 *   (default)         data/sources.json: RVU26C PFS (../shared/cms/rvu26c) + January 2026 GPCI, LOCCO,
 *                     ANES, OPPSCAP (../shared/cms/rvu26a), checksums verified; the 2026 LOCCO copy has
 *                     truncated county lists, so ../shared/cms/rvu25d/25LOCCO.csv fills them (same id);
 *                     plus the HCPCS Level II (hcpcs25d CSV conversion), CLFS (clfs26q2) and DMEPOS
 *                     (dmepos25b) files. With --source DIR those three are used when DIR holds them.
 *   --hcpcs FILE --clfs FILE --dmepos FILE   override (or add) one of those three files.
 * Options: --out DIR (default data/generated), --no-cpt-descriptors (or RVU_LENS_NO_CPT=1),
 *   --previous-count N (else the last report.json in --out), --allow-drop (accept a >10% PFS row drop).
 * Writes via temp file + rename: a failed run never leaves a half-written dataset.
 */
import { writeIcons } from './icons';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { buildDataset } from '../../lib/cms/build-dataset';
import { decodeDataset, encodeDataset } from '../../lib/dataset/codec';
import type { Dataset } from '../../lib/dataset/types';
import { PROJECT_ROOT, readDefaultSources, readSourceDir, readSourceFile, type LoadedSources } from './read-source';

/** Largest tolerated drop of PFS rows vs the previous build before `--allow-drop` is required. */
const MAX_DROP = 0.1;

const USAGE = `usage: tsx data/pipeline/build-dataset.ts [--source DIR] [--out DIR] [--no-cpt-descriptors]
       [--hcpcs FILE] [--clfs FILE] [--dmepos FILE] [--previous-count N] [--allow-drop]`;

interface Report {
  release: Dataset['release'];
  source: string;
  cptDescriptors: boolean;
  conversionFactors: Dataset['conversionFactors'];
  counts: { pfs: number; localities: number; oppsCap: number; hcpcs: number; hcpcsCurrent: number; hcpcsModifiers: number; clfs: number; dmepos: number };
  dataset: { bytes: number; sha256: string };
  files: Dataset['report'];
  sources: Dataset['sources'];
  warnings: string[];
}

class UsageError extends Error {}

function previousCount(outDir: string, flag: string | undefined): number | null {
  if (flag !== undefined) {
    const n = Number(flag);
    if (!Number.isInteger(n) || n < 0) throw new UsageError(`--previous-count must be a whole number, got "${flag}"`);
    return n;
  }
  try {
    const prev = JSON.parse(readFileSync(join(outDir, 'report.json'), 'utf8')) as Partial<Report>;
    return typeof prev.counts?.pfs === 'number' ? prev.counts.pfs : null;
  } catch {
    return null;
  }
}

function writeAtomically(files: { path: string; text: string }[]): void {
  const temps = files.map((f) => ({ ...f, tmp: `${f.path}.tmp-${process.pid}` }));
  try {
    for (const t of temps) writeFileSync(t.tmp, t.text);
    for (const t of temps) renameSync(t.tmp, t.path);
  } finally {
    for (const t of temps) rmSync(t.tmp, { force: true });
  }
}

const fmt = (n: number): string => n.toLocaleString('en-US');

/** Run the CLI; returns the process exit code. */
export function main(argv: string[]): number {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        source: { type: 'string' },
        out: { type: 'string' },
        'no-cpt-descriptors': { type: 'boolean', default: false },
        'previous-count': { type: 'string' },
        'allow-drop': { type: 'boolean', default: false },
        hcpcs: { type: 'string' },
        clfs: { type: 'string' },
        dmepos: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    console.error(`build-dataset: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  try {
    const sourceDir = values.source ?? process.env.CMS_DATA_DIR;
    const outDir = values.out ? resolve(values.out) : join(PROJECT_ROOT, 'data/generated');
    const cptDescriptors = !(values['no-cpt-descriptors'] || process.env.RVU_LENS_NO_CPT === '1');

    const loaded: LoadedSources = sourceDir ? readSourceDir(resolve(sourceDir)) : readDefaultSources();
    for (const role of ['hcpcs', 'clfs', 'dmepos'] as const) {
      const path = values[role];
      if (path === undefined) continue;
      try {
        loaded.files[role] = readSourceFile(resolve(path));
      } catch (e) {
        throw new UsageError(`--${role} ${path}: ${(e as Error).message}`);
      }
    }
    const ds = buildDataset(loaded.files, { cptDescriptors });
    const text = encodeDataset(ds);
    const check = decodeDataset(text);
    if (encodeDataset(check) !== text) throw new Error('internal: the encoded dataset does not round-trip');

    const prev = previousCount(outDir, values['previous-count']);
    if (prev !== null && ds.pfs.length < prev * (1 - MAX_DROP) && !values['allow-drop']) {
      throw new Error(
        `PFS rows dropped from ${fmt(prev)} to ${fmt(ds.pfs.length)} (more than ${MAX_DROP * 100}%); check the input or pass --allow-drop`,
      );
    }

    const origin = sourceDir ? relative(PROJECT_ROOT, resolve(sourceDir)) || '.' : loaded.origin;
    const report: Report = {
      release: ds.release,
      source: origin,
      cptDescriptors,
      conversionFactors: ds.conversionFactors,
      counts: {
        pfs: ds.pfs.length,
        localities: ds.localities.length,
        oppsCap: ds.oppsCap.length,
        hcpcs: ds.hcpcs.length,
        hcpcsCurrent: ds.hcpcs.filter((r) => r.termDate === null).length,
        hcpcsModifiers: ds.hcpcsModifiers.length,
        clfs: ds.clfs.length,
        dmepos: ds.dmepos.length,
      },
      dataset: { bytes: Buffer.byteLength(text), sha256: createHash('sha256').update(text).digest('hex') },
      files: ds.report,
      sources: ds.sources,
      warnings: loaded.warnings,
    };
    mkdirSync(join(outDir, 'public'), { recursive: true });
    writeAtomically([
      { path: join(outDir, 'public/dataset.json'), text },
      { path: join(outDir, 'report.json'), text: `${JSON.stringify(report, null, 2)}\n` },
    ]);
    writeIcons(join(outDir, 'public'));

    const rejects = ds.report
      .filter((r) => Object.keys(r.rejected).length)
      .map((r) => `${r.file} ${Object.entries(r.rejected).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    const cf = ds.conversionFactors;
    const lines = [
      `${ds.release.id} (${ds.release.year} ${ds.release.quarterName}${ds.release.released ? `, released ${ds.release.released}` : ''}) from ${origin}`,
      `  PFS rows ${fmt(ds.pfs.length)} · localities ${ds.localities.length} · OPPS cap rows ${fmt(ds.oppsCap.length)} · CPT descriptors ${cptDescriptors ? 'kept' : 'left out'}`,
      `  HCPCS Level II ${fmt(report.counts.hcpcs)} codes (${fmt(report.counts.hcpcsCurrent)} current) + ${report.counts.hcpcsModifiers} modifiers · CLFS rows ${fmt(ds.clfs.length)} · DMEPOS rows ${fmt(ds.dmepos.length)}`,
      `  CF non-QP ${cf.nonQp} · QP ${cf.qp} · anesthesia ${cf.anesNonQp ?? '-'} / ${cf.anesQp ?? '-'}`,
      `  rejects: ${rejects.length ? rejects.join('; ') : 'none'}`,
      ...ds.report.flatMap((r) => (r.notes ?? []).map((n) => `  note (${r.file}): ${n.length > 140 ? `${n.slice(0, 137)}...` : n}`)),
      ...loaded.warnings.map((w) => `  warning: ${w}`),
      `  wrote ${relative(process.cwd(), join(outDir, 'public/dataset.json')) || 'dataset.json'} (${fmt(report.dataset.bytes)} bytes) and report.json`,
    ];
    console.log(lines.join('\n'));
    return 0;
  } catch (e) {
    console.error(`build-dataset: error: ${e instanceof UsageError ? `${e.message}\n${USAGE}` : (e as Error).message}`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
