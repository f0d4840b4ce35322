// Issue 7 "Done when", against the real files in ../shared/cms (never copied into the repo): every
// code answers — lab codes from the CLFS, DME/orthotics from the DMEPOS file (per state), other
// Level II codes with a statement — via the pure functions and via the lookup CLI as a subprocess.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDataset } from '../../lib/cms/build-dataset';
import { parseClfs } from '../../lib/cms/parse-clfs';
import { parseDmepos } from '../../lib/cms/parse-dmepos';
import { parseHcpcs } from '../../lib/cms/parse-hcpcs';
import { decodeDataset, encodeDataset } from '../../lib/dataset/codec';
import { describeWithIndex, indexOtherSchedules } from '../../lib/schedules/index';
import { PROJECT_ROOT, readDefaultSources, readSourceDir } from '../../data/pipeline/read-source';

const SHARED = join(PROJECT_ROOT, '../shared/cms');
const defaults = readDefaultSources();
const ds = buildDataset(defaults.files);
const idx = indexOtherSchedules(ds);
const now = new Date('2026-07-01T00:00:00Z');
const pfsStatus = (code: string) => ds.pfs.find((r) => r.code === code && r.modifier === '')?.status;
const ask = (code: string, mods: string[] = [], state: string | null = null, rural = false) =>
  describeWithIndex(idx, code, mods, { pfsStatus: pfsStatus(code), state, rural, now });
const DATASET = join(PROJECT_ROOT, 'data/generated/public/dataset.json');
const TSX = join(PROJECT_ROOT, 'node_modules/.bin/tsx');

describe('parsers on the real files: counts from ../shared/cms/README.md', () => {
  it('HCPCS Level II: 8,463 procedure rows (7,258 without TERM DT), 383 modifiers, nothing rejected', () => {
    const r = parseHcpcs(defaults.files.hcpcs!.text, { fileName: 'hcpcs' });
    expect(r.records).toHaveLength(8463);
    expect(r.records.filter((x) => x.termDate === null)).toHaveLength(7258);
    expect(r.modifiers).toHaveLength(383);
    expect(r.report).toMatchObject({ rowsRead: 8846, accepted: 8846, rejected: {} });
    expect(r.records.some((x) => /^\d/.test(x.code))).toBe(false);
    const letters: Record<string, number> = {};
    for (const x of r.records) letters[x.code[0]!] = (letters[x.code[0]!] ?? 0) + 1;
    expect(letters).toMatchObject({ G: 1978, J: 1188, L: 938, A: 846, E: 671, C: 587 });
  });

  it('CLFS: 2,179 rows, 2,055 codes, 124 QW, 49 local (rate null)', () => {
    const r = parseClfs(defaults.files.clfs!.text);
    expect(r.records).toHaveLength(2179);
    expect(new Set(r.records.map((x) => x.code)).size).toBe(2055);
    expect(r.records.filter((x) => x.modifier === 'QW')).toHaveLength(124);
    expect(r.records.filter((x) => x.rate === null)).toHaveLength(49);
    expect(r.records.filter((x) => x.indicator === 'L')).toHaveLength(49);
    expect(r.report).toMatchObject({ rowsRead: 2179, accepted: 2179, rejected: {} });
  });

  it('DMEPOS: 3,511 rows, 2,100 codes, 53 areas', () => {
    const r = parseDmepos(defaults.files.dmepos!.text);
    expect(r.records).toHaveLength(3511);
    expect(new Set(r.records.map((x) => x.code)).size).toBe(2100);
    expect(r.states).toHaveLength(53);
    expect(r.report).toMatchObject({ rowsRead: 3511, accepted: 3511, rejected: {} });
  });
});

describe('default build includes the new tables, stays compact and round-trips', () => {
  it('counts, sources with sha256, size budget', () => {
    expect([ds.hcpcs.length, ds.hcpcsModifiers.length, ds.clfs.length, ds.dmepos.length]).toEqual([8463, 383, 2179, 3511]);
    expect(ds.sources.filter((s) => ['hcpcs', 'clfs', 'dmepos'].includes(s.role)).map((s) => s.sha256)).toEqual([
      '399e16d58f23905190f423039e12e94e9907c78a4accd05dcf0a03d88945a169',
      'afe85eed41b88e4dbc963d6f347dd748fc72984a75ca0d008f010c9670d9a535',
      '3132b2c17d936304eb489a8c317115dffb3c5bc86c955ef4864541795a2ea2e1',
    ]);
    const text = encodeDataset(ds);
    expect(Buffer.byteLength(text)).toBeLessThan(8_000_000);
    expect(encodeDataset(decodeDataset(text))).toBe(text);
  });

  it('--source DIR uses whichever of the three files the directory holds', () => {
    const lab = readSourceDir(join(SHARED, 'rvu25d'));
    expect(lab.files.hcpcs).toBeUndefined();
    expect(buildDataset(lab.files).clfs).toEqual([]);
  });

  it('without CPT descriptors: CLFS CPT/PLA descriptors blank, Level II kept', () => {
    const lean = buildDataset(defaults.files, { cptDescriptors: false });
    expect(lean.clfs.filter((r) => /^\d/.test(r.code)).every((r) => r.shortDescription === '' && r.longDescription === '')).toBe(true);
    expect(lean.clfs.find((r) => r.code.startsWith('G'))?.shortDescription).not.toBe('');
    expect(lean.hcpcs.find((r) => r.code === 'L1830')?.longDescription).toBe('Knee orthosis, immobilizer, canvas longitudinal, prefabricated, off-the-shelf');
  });
});

describe('describeOtherSchedules on the real data (check values)', () => {
  it.each([
    { code: '80053', amount: 10.56 },
    { code: '36415', amount: 9.34 },
    { code: '0037U', amount: 3500 },
  ])('$code → CLFS $amount', ({ code, amount }) => {
    expect(ask(code)).toMatchObject({ schedule: 'CLFS', amount, amountLabel: 'national limitation amount' });
  });

  it.each([
    { code: 'E0114', mods: ['NU'], state: 'TX', nr: 57.53, r: 57.53 },
    { code: 'E0114', mods: ['NU'], state: 'NY', nr: 61.45, r: 61.45 },
    { code: 'E0114', mods: ['NU'], state: 'AK', nr: 66.58, r: 66.58 },
    { code: 'L1830', mods: [], state: 'TX', nr: 61.52, r: 86.88 },
    { code: 'L1830', mods: [], state: 'NY', nr: 68.11, r: 96.02 },
    { code: 'L1830', mods: [], state: 'AK', nr: 139.65, r: 139.65 },
    { code: 'E0601', mods: ['RR'], state: 'TX', nr: 49.57, r: 89.54 },
    { code: 'E0601', mods: ['RR'], state: 'NY', nr: 48.72, r: 94.93 },
    { code: 'L3908', mods: [], state: 'TX', nr: 66.05, r: 66.05 },
    { code: 'L3908', mods: [], state: 'NY', nr: 88.06, r: 88.06 },
  ])('$code $mods $state → DMEPOS NR $nr / R $r', ({ code, mods, state, nr, r }) => {
    expect(ask(code, mods, state)).toMatchObject({ schedule: 'DMEPOS', amount: nr });
    expect(ask(code, mods, state, true).amount).toBe(r);
  });

  it('E0114 without a modifier picks the NU row and says so; national asks for a locality', () => {
    expect(ask('E0114', [], 'TX')).toMatchObject({ amount: 57.53, rowModifier: 'NU' });
    expect(ask('E0114', [], 'TX').statement).toContain('using the NU (new purchase) row');
    expect(ask('E0114', ['RR'], 'TX').amount).toBe(10.17);
    const nat = ask('E0114', ['NU']);
    expect(nat.amount).toBeNull();
    expect(nat.amountLabel).toContain("choose a locality for your state's amount");
  });

  it('C1776 none (OPPS), G0438 PFS with the HCPCS long description, J codes ASP, unknown code', () => {
    expect(ask('C1776')).toMatchObject({ schedule: 'none', amount: null, description: 'Joint device (implantable)' });
    expect(ask('C1776').statement).toContain('OPPS');
    expect(ask('G0438')).toMatchObject({ schedule: 'PFS', description: expect.stringMatching(/^Annual wellness visit; includes a personalized prevention plan/) });
    expect(ask('J1100').statement).toMatch(/ASP/);
    expect(ask('ZZ999').known).toBe(false);
  });
});

describe.skipIf(!existsSync(DATASET))('lookup CLI (subprocess) on data/generated/public/dataset.json', () => {
  const lookup = (args: string[]) => JSON.parse(execFileSync(TSX, ['data/pipeline/lookup.ts', '--json', ...args], { cwd: PROJECT_ROOT, encoding: 'utf8' })) as Array<Record<string, any>>;

  it('the 7 codes of the issue, national', () => {
    const out = lookup(['80053', '36415', '0037U', 'E0114-NU', 'L1830', 'C1776', 'G0438']);
    expect(out.map((r) => [r.code, r.schedule])).toEqual([
      ['80053', 'CLFS'], ['36415', 'CLFS'], ['0037U', 'CLFS'], ['E0114', 'DMEPOS'], ['L1830', 'DMEPOS'], ['C1776', 'none'], ['G0438', 'PFS'],
    ]);
    expect(out[0]).toMatchObject({ allowed: { nonFacility: 10.56, facility: 10.56 }, scheduleAmount: 10.56 });
    expect(out[1]).toMatchObject({ allowed: { nonFacility: 9.34, facility: 9.34 } });
    expect(out[2]).toMatchObject({ allowed: { nonFacility: 3500, facility: 3500 } });
    expect(out[3]).toMatchObject({ allowed: { nonFacility: null, facility: null }, rowModifier: 'NU', amountLabel: expect.stringContaining('choose a locality') });
    expect(out[5]).toMatchObject({ allowed: { nonFacility: null, facility: null }, statement: expect.stringContaining('OPPS') });
    expect(out[6]).toMatchObject({ allowed: { nonFacility: 174.35 }, description: expect.stringMatching(/^Annual wellness visit/) });
  });

  it('--locality 04412-11 (Dallas, TX) and --rural', () => {
    const tx = lookup(['--locality', '04412-11', 'E0114-NU', 'L1830', 'E0601-RR', 'L3908']);
    expect(tx.map((r) => r.allowed.nonFacility)).toEqual([57.53, 61.52, 49.57, 66.05]);
    expect(tx[0]).toMatchObject({ state: 'TX', amountLabel: 'TX non-rural', allowed: { facility: 57.53 } });
    const rural = lookup(['--locality', '04412-11', '--rural', 'L1830', 'E0601-RR']);
    expect(rural.map((r) => r.allowed.nonFacility)).toEqual([86.88, 89.54]);
    expect(lookup(['--locality', '13202-01', 'E0114-NU'])[0]!.allowed.nonFacility).toBe(61.45);
    expect(lookup(['--locality', '02102-01', 'L1830'])[0]!.allowed.nonFacility).toBe(139.65);
  });

  it('a code in none of the files is a clear error (exit 1)', () => {
    const r = spawnSync(TSX, ['data/pipeline/lookup.ts', '--json', 'ZZ999', '80053'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    expect(out[0]).toMatchObject({ code: 'ZZ999', error: expect.stringContaining('not in the physician fee schedule, CLFS, DMEPOS or HCPCS Level II files') });
    expect(out[1]).toMatchObject({ schedule: 'CLFS' });
  });
});
