/**
 * Options-page import, step 2: named CSV texts → a validated `Dataset` and a report, with NOTHING
 * written anywhere. Uses the pipeline's own code (lib/cms detect + buildDataset). The options page
 * shows the report, and only on the user's Confirm sends `importRelease` with `encodeDataset(ds)`.
 * A release without a GPCI file reuses the localities loaded now (and says so). Pure; importable
 * from extension pages, tests and Node.
 */
import { buildDataset, type BuildFiles, type SourceText } from '../cms/build-dataset';
import { CmsFileError } from '../cms/csv';
import { detectCmsFiles, selectReleaseFiles, type CmsRole } from '../cms/detect';
import type { Dataset, FileReport, Locality } from '../dataset/types';
import { ImportError, readInputFiles, type InputFile, type SkippedFile, type TextFile } from './read-files';

export type ImportStep = 'reading' | 'detecting' | 'parsing' | 'validating';

export const STEP_LABELS: Record<ImportStep | 'saving', string> = {
  reading: 'Reading files…',
  detecting: 'Finding the RVU, GPCI and locality files…',
  parsing: 'Parsing PFS, GPCI and locality files…',
  validating: 'Checking the result…',
  saving: 'Saving…',
};

/** What the user sees before confirming. */
export interface ImportReport {
  releaseId: string;
  title: string;
  released: string;
  cptDescriptors: boolean;
  counts: { pfsRows: number; codes: number; localities: number; oppsCap: number };
  /** Per used file: rows read / accepted / rejected by reason (from the parsers). */
  files: FileReport[];
  /** Which picked file was used for which role. */
  used: { role: CmsRole; file: string; by: 'content' | 'name' | null }[];
  skipped: SkippedFile[];
  /** Things the user should know (reused localities, encodings, several candidates…). */
  notes: string[];
  /** Things that look wrong but do not stop the import (rejected rows, a short file). */
  warnings: string[];
}

export type ImportPlan = { ok: true; dataset: Dataset; report: ImportReport } | { ok: false; error: string };

export interface PrepareOptions {
  /** Localities loaded now: used when the release has no GPCI (or no locality-county) file. */
  currentLocalities?: readonly Locality[];
  onStep?: (step: ImportStep) => void;
  /** Let the page repaint between steps (the parse itself is synchronous). */
  yieldToUi?: () => Promise<void>;
}

/** A full PFS release has ~19,000 rows; far fewer suggests a truncated file. */
const FEW_ROWS = 10_000;

const csvCell = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** GPCI text in the reformatted one-header layout, from loaded localities (for a release without GPCI). */
function gpciFrom(localities: readonly Locality[]): string {
  const head = 'MAC,State,Locality Number,Locality Name,PW GPCI (with 1.0 Floor),PE GPCI,MP GPCI';
  return [head, ...localities.map((l) => [l.mac, l.state, l.locality, csvCell(l.name), l.workGpci, l.peGpci, l.mpGpci].join(','))].join('\n');
}

/** Locality-county text from loaded localities (for a release without a LOCCO file). */
function loccoFrom(localities: readonly Locality[]): string {
  const head = 'Medicare Adminstrative Contractor,Locality Number,State,Fee Schedule Area,Counties';
  return [head, ...localities.map((l) => [l.mac, l.locality, csvCell(l.stateName), csvCell(l.feeScheduleArea), csvCell(l.counties)].join(','))].join('\n');
}

const plain = (e: unknown): string => {
  if (e instanceof ImportError) return e.message;
  if (e instanceof CmsFileError) return `${e.file}: ${e.problem}.`;
  return e instanceof Error ? e.message : String(e);
};

/**
 * Read, detect, parse and validate a release the user picked. Never throws: a failure is
 * `{ ok: false, error }` in plain language.
 */
export async function prepareImport(files: readonly InputFile[], options: PrepareOptions = {}): Promise<ImportPlan> {
  const step = async (s: ImportStep): Promise<void> => {
    options.onStep?.(s);
    await options.yieldToUi?.();
  };
  try {
    await step('reading');
    const { texts, skipped } = await readInputFiles(files);
    await step('detecting');
    return await planFromTexts(texts, skipped, options, step);
  } catch (e) {
    return { ok: false, error: plain(e) };
  }
}

async function planFromTexts(
  texts: readonly TextFile[],
  skippedIn: readonly SkippedFile[],
  options: PrepareOptions,
  step: (s: ImportStep) => Promise<void>,
): Promise<ImportPlan> {
  const skipped = [...skippedIn];
  const notes: string[] = [];
  const warnings: string[] = [];
  const byName = new Map(texts.map((t) => [t.name, t]));
  const detected = detectCmsFiles(texts.map((t) => ({ name: t.name, text: t.text })));
  const { files: picked, warnings: pickWarnings } = selectReleaseFiles(detected);
  notes.push(...pickWarnings);
  const usedNames = new Set(Object.values(picked).map((d) => d.name));
  for (const d of detected) {
    if (!usedNames.has(d.name)) skipped.push({ name: d.name, reason: d.role ? `another ${d.role} file was used` : 'not a known CMS PFS file (no RVU, GPCI, locality, anesthesia or OPPS cap header)' });
  }
  for (const t of texts) for (const n of t.notes) notes.push(`${t.name}: ${n}`);

  const src = (role: CmsRole): SourceText | undefined => {
    const d = picked[role];
    const t = d ? byName.get(d.name) : undefined;
    return t ? { name: t.name, text: t.text, bytes: t.bytes, sha256: t.sha256 } : undefined;
  };
  const pfs = src('pfs');
  if (!pfs) {
    throw new ImportError('No RVU file (PPRRVU…csv, the one with HCPCS, MOD, DESCRIPTION columns) was found among the chosen files. Nothing was changed.');
  }
  const current = options.currentLocalities ?? [];
  let gpci = src('gpci');
  let locco = src('locco');
  let reuseLocalities = false;
  if (!gpci) {
    if (current.length === 0) throw new ImportError('No GPCI file was found and no localities are loaded to fall back on. Add GPCI….csv from the same CMS zip.');
    reuseLocalities = true;
    gpci = { name: '(loaded GPCIs)', text: gpciFrom(current) };
    locco = { name: '(loaded counties)', text: loccoFrom(current) };
    notes.push(`No GPCI file: the ${current.length} localities loaded now (their GPCIs and counties) are kept.`);
  } else if (!locco) {
    if (current.length) {
      locco = { name: '(loaded counties)', text: loccoFrom(current) };
      notes.push('No locality-county file: county lists are taken from the release loaded now.');
    } else {
      locco = { name: '(none)', text: 'Medicare Adminstrative Contractor,Locality Number,State,Fee Schedule Area,Counties\n' };
      notes.push('No locality-county file: localities are searchable by name only.');
    }
  }
  const buildFiles: BuildFiles = { pfs, gpci, locco, anes: src('anes'), oppscap: src('oppscap') };

  await step('parsing');
  let ds = buildDataset(buildFiles, { cptDescriptors: true });

  await step('validating');
  if (reuseLocalities) {
    const anesById = new Map(ds.localities.map((l) => [l.id, l]));
    ds = {
      ...ds,
      localities: current.map((l) => ({ ...l, anesCfNonQp: anesById.get(l.id)?.anesCfNonQp ?? l.anesCfNonQp, anesCfQp: anesById.get(l.id)?.anesCfQp ?? l.anesCfQp })),
      sources: ds.sources.filter((s) => s.role !== 'gpci' && s.role !== 'locco'),
      report: ds.report.filter((r) => r.role !== 'gpci' && r.role !== 'locco'),
    };
  } else if (locco.name.startsWith('(')) {
    ds = { ...ds, sources: ds.sources.filter((s) => s.role !== 'locco'), report: ds.report.filter((r) => r.role !== 'locco') };
  }
  for (const r of ds.report) {
    const rejected = Object.entries(r.rejected).filter(([, n]) => n > 0);
    if (rejected.length) warnings.push(`${r.file}: ${rejected.map(([why, n]) => `${n} row${n === 1 ? '' : 's'} rejected (${why})`).join(', ')}`);
  }
  if (ds.pfs.length < FEW_ROWS) warnings.push(`Only ${ds.pfs.length.toLocaleString('en-US')} fee schedule rows: a full CMS release has about 19,000. Is the RVU file complete?`);
  if (ds.localities.length === 0) throw new ImportError('The GPCI file gave no localities. Nothing was changed.');

  const report: ImportReport = {
    releaseId: ds.release.id,
    title: ds.release.title,
    released: ds.release.released,
    cptDescriptors: ds.cptDescriptors,
    counts: { pfsRows: ds.pfs.length, codes: new Set(ds.pfs.map((r) => r.code)).size, localities: ds.localities.length, oppsCap: ds.oppsCap.length },
    files: ds.report,
    used: (Object.entries(picked) as [CmsRole, (typeof detected)[number]][]).map(([role, d]) => ({ role, file: d.name, by: d.by })),
    skipped,
    notes: [...notes, ...ds.report.flatMap((r) => (r.notes ?? []).map((n) => `${r.file}: ${n}`))],
    warnings,
  };
  return { ok: true, dataset: ds, report };
}
