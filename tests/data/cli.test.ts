// data/pipeline/build-dataset.ts as a subprocess: success output equals the in-process build, and
// failures exit non-zero with a clear message, leaving existing output untouched.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDataset } from '../../lib/cms/build-dataset';
import { encodeDataset } from '../../lib/dataset/codec';
import { PROJECT_ROOT, readDefaultSources } from '../../data/pipeline/read-source';

const FIXTURES = join(PROJECT_ROOT, 'tests/fixtures/cms');
const TSX = join(PROJECT_ROOT, 'node_modules/.bin/tsx');
const temps: string[] = [];
const tmp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'rvu-lens-cli-'));
  temps.push(d);
  return d;
};
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

function run(args: string[], env: Record<string, string> = {}) {
  const { CMS_DATA_DIR: _a, RVU_LENS_NO_CPT: _b, ...base } = process.env;
  const r = spawnSync(TSX, ['data/pipeline/build-dataset.ts', ...args], { cwd: PROJECT_ROOT, encoding: 'utf8', env: { ...base, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A source dir holding fixture files under CMS-like names. */
function sourceDir(files: Record<string, string>): string {
  const dir = tmp();
  for (const [name, fixture] of Object.entries(files)) copyFileSync(join(FIXTURES, fixture), join(dir, name));
  return dir;
}
const GOOD = { 'PPRRVU2026_Jul_nonQPP.csv': 'pfs-2026-stacked.csv', 'GPCI2026.csv': 'gpci-reformatted-2026.csv', '26LOCCO.csv': 'locality-counties-raw-2025.csv', 'ANES2026.csv': 'anes-2026.csv' };

function outWithSentinel(): string {
  const out = tmp();
  mkdirSync(join(out, 'public'));
  writeFileSync(join(out, 'public/dataset.json'), 'SENTINEL DATASET');
  writeFileSync(join(out, 'report.json'), JSON.stringify({ counts: { pfs: 10 } }));
  return out;
}
const untouched = (out: string) => {
  expect(readFileSync(join(out, 'public/dataset.json'), 'utf8')).toBe('SENTINEL DATASET');
  expect(readdirSync(join(out, 'public'))).toEqual(['dataset.json']);
  expect(readdirSync(out).sort()).toEqual(['public', 'report.json']);
};

describe('build-dataset CLI', () => {
  it('default inputs: writes the same bytes as the in-process build, and a report', () => {
    const out = tmp();
    const r = run(['--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^RVU26C \(2026 July, released 06\/30\/2026\)/);
    expect(r.stdout).toContain('PFS rows 19,356 · localities 109');
    const text = readFileSync(join(out, 'public/dataset.json'), 'utf8');
    expect(text).toBe(encodeDataset(buildDataset(readDefaultSources().files)));
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(report).toMatchObject({ release: { id: 'RVU26C' }, counts: { pfs: 19356, localities: 109 }, cptDescriptors: true });
    expect(report.sources[0]).toMatchObject({ role: 'pfs', sha256: 'b7d197e73211ef6854c213c267d5fa9dec8df995db8e1ee7d44c0556ad7cee21', bytes: 2622166 });
  });

  it('--source DIR with RVU_LENS_NO_CPT=1', () => {
    const out = tmp();
    const r = run(['--source', sourceDir(GOOD), '--out', out], { RVU_LENS_NO_CPT: '1' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('CPT descriptors left out');
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(report).toMatchObject({ cptDescriptors: false, counts: { pfs: 11, localities: 7 } });
  });

  it.each([
    { what: 'a file with an unknown column', files: { ...GOOD, 'PPRRVU2026_Jul_nonQPP.csv': 'pfs-unknown-column.csv' }, message: 'PPRRVU2026_Jul_nonQPP.csv: unknown column "WORK RVUS"' },
    { what: 'an empty GPCI', files: { ...GOOD, 'GPCI2026.csv': 'empty.csv' }, message: 'GPCI2026.csv: the file is empty' },
    { what: 'a truncated PFS header', files: { ...GOOD, 'PPRRVU2026_Jul_nonQPP.csv': 'pfs-truncated-header.csv' }, message: 'no header found' },
    { what: 'no LOCCO', files: { 'PPRRVU2026_Jul_nonQPP.csv': 'pfs-2026-stacked.csv', 'GPCI2026.csv': 'gpci-raw-2025.csv' }, message: 'no locco file found' },
  ])('fails loudly on $what and leaves the output untouched', ({ files, message }) => {
    const out = outWithSentinel();
    const r = run(['--source', sourceDir(files), '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('build-dataset: error:');
    expect(r.stderr).toContain(message);
    untouched(out);
  });

  it('fails on a >10% PFS row drop vs the previous report unless --allow-drop', () => {
    const out = outWithSentinel();
    writeFileSync(join(out, 'report.json'), JSON.stringify({ counts: { pfs: 1000 } }));
    const r = run(['--source', sourceDir(GOOD), '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('PFS rows dropped from 1,000 to 11');
    expect(readFileSync(join(out, 'public/dataset.json'), 'utf8')).toBe('SENTINEL DATASET');
    expect(run(['--source', sourceDir(GOOD), '--out', out, '--previous-count', '12']).code).toBe(0);
    expect(run(['--source', sourceDir(GOOD), '--out', out, '--previous-count', '900']).code).toBe(1);
    expect(run(['--source', sourceDir(GOOD), '--out', out, '--previous-count', '900', '--allow-drop']).code).toBe(0);
    expect(existsSync(join(out, 'public/dataset.json'))).toBe(true);
  });

  it('rejects unknown options with usage', () => {
    const r = run(['--frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('usage:');
  });
});
