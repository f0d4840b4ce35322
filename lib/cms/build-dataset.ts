/**
 * One CMS release (file texts) → the bundled `Dataset`. Pure and synchronous: the Node CLI and the
 * options-page import both call `buildDataset`. Joins localities (GPCI is the master list), sorts,
 * validates (one CF, unique keys) and reports every row read.
 */
import { DATASET_SCHEMA_VERSION, type Dataset, type FileReport, type Locality, type ReleaseInfo, type SourceFile } from '../dataset/types';
import { resolveConversionFactors } from './conversion-factors';
import { CmsFileError } from './csv';
import { parseAnes } from './parse-anes';
import { parseClfs } from './parse-clfs';
import { parseDmepos } from './parse-dmepos';
import { parseHcpcs } from './parse-hcpcs';
import { parseGpci } from './parse-gpci';
import { parseLocality, type LocalityCountyRecord } from './parse-locality';
import { parseOppsCap } from './parse-oppscap';
import { parsePfsRvu } from './parse-pfs-rvu';
import { sha256Hex } from './sha256';

/** One input file. `sha256`/`bytes` describe the file as read (computed from `text` when absent). */
export interface SourceText {
  name: string;
  text: string;
  sha256?: string;
  bytes?: number;
}

export interface BuildFiles {
  pfs: SourceText;
  gpci: SourceText;
  locco: SourceText;
  anes?: SourceText;
  oppscap?: SourceText;
  /**
   * A complete older LOCCO used only to fill county lists that look truncated in `locco`
   * (same locality id). The default 2026 build passes `25LOCCO.csv` here.
   */
  loccoFallback?: SourceText;
  /** HCPCS Level II file (CSV conversion of the quarterly workbook). Optional: [] when absent. */
  hcpcs?: SourceText;
  /** Clinical Laboratory Fee Schedule CSV. Optional: [] when absent. */
  clfs?: SourceText;
  /** DMEPOS fee schedule CSV. Optional: [] when absent. */
  dmepos?: SourceText;
}

export interface BuildOptions {
  /** Keep CPT/CDT descriptors (default true). False for public distribution. */
  cptDescriptors?: boolean;
  /** Release info to use when the PFS file's preamble and name do not say. */
  release?: ReleaseInfo;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function sourceOf(role: string, f: SourceText): SourceFile {
  return {
    role,
    file: f.name,
    bytes: f.bytes ?? new TextEncoder().encode(f.text).length,
    sha256: f.sha256 ?? sha256Hex(f.text),
  };
}

/**
 * Build a `Dataset` from one release's files.
 * @throws CmsFileError when a file is unusable (see the parsers), the PFS rows carry more than one
 *   conversion factor, or the release cannot be determined.
 * @example buildDataset({ pfs, gpci, locco, anes, oppscap }, { cptDescriptors: false })
 */
export function buildDataset(files: BuildFiles, options: BuildOptions = {}): Dataset {
  const cptDescriptors = options.cptDescriptors ?? true;
  const pfs = parsePfsRvu(files.pfs.text, { fileName: files.pfs.name, cptDescriptors });
  const release = pfs.release ?? options.release;
  if (!release) throw new CmsFileError(files.pfs.name, 'cannot tell the release (no title line such as "2026 … Relative Value File July Release")');
  if (pfs.records.length === 0) throw new CmsFileError(files.pfs.name, 'no valid rows');

  const cfs = [...new Set(pfs.records.map((r) => r.conversionFactor))].sort((a, b) => a - b);
  if (cfs.length !== 1) throw new CmsFileError(files.pfs.name, `rows carry ${cfs.length} conversion factors (${cfs.join(', ')}); expected one`);
  const pricInds = [...new Set(pfs.records.map((r) => r.pricInd))];
  const pfsReport: FileReport = { ...pfs.report, notes: [...(pfs.report.notes ?? [])] };
  if (pricInds.length > 1) pfsReport.notes!.push(`mixed PRIC IND values (${pricInds.join(', ')}): treated as a non-QP file`);
  const cf = resolveConversionFactors(release.year, cfs[0]!, pricInds.length === 1 ? (pricInds[0] ?? null) : null);
  pfsReport.notes!.push(...cf.notes);
  if (!cptDescriptors) pfsReport.notes!.push('CPT and CDT (D code) descriptors left out');

  const gpci = parseGpci(files.gpci.text, { fileName: files.gpci.name });
  const locco = parseLocality(files.locco.text, { fileName: files.locco.name });
  const anes = files.anes ? parseAnes(files.anes.text, { fileName: files.anes.name }) : null;
  const opps = files.oppscap ? parseOppsCap(files.oppscap.text, { fileName: files.oppscap.name }) : null;
  const fallback = files.loccoFallback ? parseLocality(files.loccoFallback.text, { fileName: files.loccoFallback.name }) : null;

  const loccoById = new Map(locco.records.map((r) => [r.id, r]));
  const anesById = new Map((anes?.records ?? []).map((r) => [r.id, r]));
  const fallbackById = new Map((fallback?.records ?? []).map((r) => [r.id, r]));
  const gpciIds = new Set(gpci.records.map((r) => r.id));

  const gpciReport: FileReport = { ...gpci.report, notes: [] };
  const loccoReport: FileReport = { ...locco.report, rejected: { ...locco.report.rejected }, notes: [] };
  const filled: string[] = [];
  const stillTruncated: string[] = [];

  const localities: Locality[] = gpci.records.map((g) => {
    const lc: LocalityCountyRecord | undefined = loccoById.get(g.id);
    const an = anesById.get(g.id);
    let counties = lc?.counties ?? '';
    if (lc?.countiesTruncated) {
      const fb = fallbackById.get(g.id);
      if (fb && !fb.countiesTruncated && fb.counties.startsWith(lc.counties.replace(/[;,].*$/, ''))) {
        counties = fb.counties;
        filled.push(g.id);
      } else stillTruncated.push(g.id);
    }
    return {
      id: g.id,
      mac: g.mac,
      locality: g.locality,
      state: g.state,
      name: g.name,
      stateName: lc?.stateName ?? '',
      feeScheduleArea: lc?.feeScheduleArea ?? '',
      counties,
      workGpci: g.workGpci,
      peGpci: g.peGpci,
      mpGpci: g.mpGpci,
      anesCfNonQp: an?.anesCfNonQp ?? null,
      anesCfQp: an?.anesCfQp ?? null,
    };
  });
  localities.sort((a, b) => cmp(a.id, b.id));

  const noLocco = gpci.records.filter((g) => !loccoById.has(g.id)).map((g) => g.id);
  if (noLocco.length) gpciReport.notes!.push(`${noLocco.length} localities have no county row: ${noLocco.join(', ')}`);
  const loccoOrphans = locco.records.filter((r) => !gpciIds.has(r.id));
  if (loccoOrphans.length) {
    loccoReport.accepted -= loccoOrphans.length;
    loccoReport.rejected['not in GPCI'] = loccoOrphans.length;
    loccoReport.notes!.push(`not in GPCI: ${loccoOrphans.map((r) => r.id).join(', ')}`);
  }
  if (filled.length) {
    loccoReport.notes!.push(`${filled.length} truncated county lists filled from ${files.loccoFallback?.name ?? ''}: ${filled.join(', ')}`);
  }
  if (stillTruncated.length) loccoReport.notes!.push(`${stillTruncated.length} county lists look truncated: ${stillTruncated.join(', ')}`);

  const reports: FileReport[] = [pfsReport, gpciReport, loccoReport];
  const sources: SourceFile[] = [sourceOf('pfs', files.pfs), sourceOf('gpci', files.gpci), sourceOf('locco', files.locco)];
  if (anes && files.anes) {
    const anesReport: FileReport = { ...anes.report, rejected: { ...anes.report.rejected }, notes: [] };
    const orphans = anes.records.filter((r) => !gpciIds.has(r.id));
    anesReport.accepted -= orphans.length;
    if (orphans.length) {
      anesReport.rejected['not in GPCI'] = orphans.length;
      anesReport.notes!.push(`not in GPCI: ${orphans.map((r) => r.id).join(', ')}`);
    }
    const missing = gpci.records.filter((g) => !anesById.has(g.id)).map((g) => g.id);
    if (missing.length) anesReport.notes!.push(`${missing.length} localities have no anesthesia CF: ${missing.join(', ')}`);
    reports.push(anesReport);
    sources.push(sourceOf('anes', files.anes));
  }
  const oppsCap = opps?.records ?? [];
  if (opps && files.oppscap) {
    const oppsReport: FileReport = { ...opps.report, notes: [] };
    const unknown = new Set(oppsCap.filter((r) => !gpciIds.has(r.localityId)).map((r) => r.localityId));
    if (unknown.size) oppsReport.notes!.push(`localities not in GPCI: ${[...unknown].sort().join(', ')}`);
    reports.push(oppsReport);
    sources.push(sourceOf('oppscap', files.oppscap));
  }
  oppsCap.sort((a, b) => cmp(a.code, b.code) || cmp(a.modifier, b.modifier) || cmp(a.localityId, b.localityId));
  if (fallback && files.loccoFallback) {
    reports.push({ ...fallback.report, role: 'locco-fallback', notes: ['used only to fill truncated county lists'] });
    sources.push(sourceOf('locco-fallback', files.loccoFallback));
  }

  const hcpcs = files.hcpcs ? parseHcpcs(files.hcpcs.text, { fileName: files.hcpcs.name }) : null;
  const clfs = files.clfs ? parseClfs(files.clfs.text, { fileName: files.clfs.name, cptDescriptors }) : null;
  const dmepos = files.dmepos ? parseDmepos(files.dmepos.text, { fileName: files.dmepos.name }) : null;
  if (hcpcs && files.hcpcs) {
    reports.push(hcpcs.report);
    sources.push(sourceOf('hcpcs', files.hcpcs));
  }
  if (clfs && files.clfs) {
    reports.push(clfs.report);
    sources.push(sourceOf('clfs', files.clfs));
  }
  if (dmepos && files.dmepos) {
    reports.push(dmepos.report);
    sources.push(sourceOf('dmepos', files.dmepos));
  }

  const pfsRows = [...pfs.records].sort((a, b) => cmp(a.code, b.code) || cmp(a.modifier, b.modifier));
  return {
    schemaVersion: DATASET_SCHEMA_VERSION,
    release,
    conversionFactors: {
      nonQp: cf.nonQp,
      qp: cf.qp,
      anesNonQp: anes?.national.nonQp ?? null,
      anesQp: anes?.national.qp ?? null,
    },
    cptDescriptors,
    pfs: pfsRows,
    localities,
    oppsCap,
    hcpcs: hcpcs?.records ?? [],
    hcpcsModifiers: hcpcs?.modifiers ?? [],
    clfs: clfs?.records ?? [],
    dmepos: dmepos?.records ?? [],
    sources,
    report: reports.map((r) => (r.notes && r.notes.length === 0 ? withoutNotes(r) : r)),
  };
}

function withoutNotes(r: FileReport): FileReport {
  const { notes: _notes, ...rest } = r;
  return rest;
}
