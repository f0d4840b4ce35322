/**
 * Node-side input reading for the data pipeline (fs only; all parsing lives in lib/cms): the default
 * inputs listed in data/sources.json, or every CSV of one directory classified by lib/cms/detect.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BuildFiles, SourceText } from '../../lib/cms/build-dataset';
import { detectCmsFile, selectReleaseFiles } from '../../lib/cms/detect';

/** The project root (two levels above this file), so defaults do not depend on the cwd. */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface ManifestFile {
  role: string;
  path: string;
  sha256: string;
  bytes: number;
}
export interface Manifest {
  release: string;
  cmsPage: string;
  baseDir: string;
  files: ManifestFile[];
  knownChecksums?: { file: string; sha256: string }[];
}

export interface LoadedSources {
  files: BuildFiles;
  /** Where the inputs came from ("default (data/sources.json)" or the directory). */
  origin: string;
  warnings: string[];
}

export function readManifest(root = PROJECT_ROOT): Manifest {
  return JSON.parse(readFileSync(join(root, 'data/sources.json'), 'utf8')) as Manifest;
}

/** Read one file: text (UTF-8, or Windows-1252 when it is not valid UTF-8) plus sha256/bytes of the raw bytes. */
export function readSourceFile(path: string): SourceText {
  const buf = readFileSync(path);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    text = new TextDecoder('windows-1252').decode(buf);
  }
  return { name: basename(path), text, bytes: buf.length, sha256: createHash('sha256').update(buf).digest('hex') };
}

/**
 * The default inputs (RVU26C PFS + January 2026 GPCI/LOCCO/ANES/OPPSCAP + the 2025 LOCCO as the
 * county-list fallback + HCPCS Level II Oct 2025, CLFS 2026 Q2, DMEPOS April 2025). Each file's sha256 must match the manifest, else this throws.
 */
export function readDefaultSources(root = PROJECT_ROOT): LoadedSources {
  const manifest = readManifest(root);
  const base = resolve(root, manifest.baseDir);
  const byRole = new Map<string, SourceText>();
  for (const entry of manifest.files) {
    const path = join(base, entry.path);
    let src: SourceText;
    try {
      src = readSourceFile(path);
    } catch (e) {
      throw new Error(`default input ${entry.role} missing: ${path} (${(e as Error).message}); pass --source DIR to build from another release`);
    }
    if (src.sha256 !== entry.sha256) {
      throw new Error(`checksum mismatch for ${path}: sha256 ${src.sha256}, data/sources.json expects ${entry.sha256}`);
    }
    byRole.set(entry.role, src);
  }
  const need = (role: string): SourceText => {
    const s = byRole.get(role);
    if (!s) throw new Error(`data/sources.json lists no ${role} file`);
    return s;
  };
  return {
    files: {
      pfs: need('pfs'),
      gpci: need('gpci'),
      locco: need('locco'),
      anes: byRole.get('anes'),
      oppscap: byRole.get('oppscap'),
      loccoFallback: byRole.get('locco-fallback'),
      hcpcs: byRole.get('hcpcs'),
      clfs: byRole.get('clfs'),
      dmepos: byRole.get('dmepos'),
    },
    origin: `default (data/sources.json, ${manifest.baseDir})`,
    warnings: [],
  };
}

/**
 * Every `.csv` in `dir` (not recursive), classified with lib/cms/detect. PFS, GPCI and LOCCO are
 * required; ANES, OPPSCAP, HCPCS, CLFS and DMEPOS optional (whichever the directory holds). Files named in the manifest with another checksum only warn.
 */
export function readSourceDir(dir: string, root = PROJECT_ROOT): LoadedSources {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a directory');
    names = readdirSync(dir).filter((n) => /\.csv$/i.test(n)).sort();
  } catch (e) {
    throw new Error(`cannot read source directory ${dir}: ${(e as Error).message}`);
  }
  const loaded = names.map((n) => ({ src: readSourceFile(join(dir, n)) }));
  const detected = loaded.map(({ src }) => ({ ...detectCmsFile(src.name, src.text), src }));
  const { files, warnings } = selectReleaseFiles(detected);
  const missing = (['pfs', 'gpci', 'locco'] as const).filter((r) => !files[r]);
  if (missing.length) {
    throw new Error(`${dir}: no ${missing.join(', ')} file found among ${names.length ? names.join(', ') : 'no CSV files'}`);
  }
  const manifest = readManifest(root);
  const known = new Map<string, string>();
  for (const f of manifest.files) known.set(basename(f.path), f.sha256);
  for (const k of manifest.knownChecksums ?? []) known.set(k.file, k.sha256);
  for (const f of Object.values(files)) {
    const expected = known.get(f.src.name);
    if (expected && expected !== f.src.sha256) {
      warnings.push(`${f.src.name}: sha256 ${f.src.sha256} differs from data/sources.json (${expected}); using it anyway`);
    }
  }
  return {
    files: {
      pfs: files.pfs!.src,
      gpci: files.gpci!.src,
      locco: files.locco!.src,
      anes: files.anes?.src,
      oppscap: files.oppscap?.src,
      hcpcs: files.hcpcs?.src,
      clfs: files.clfs?.src,
      dmepos: files.dmepos?.src,
    },
    origin: dir,
    warnings,
  };
}
