// The real CMS release in ../shared/cms (never copied into the repo): build it in-process with the
// same reader the CLI uses and check the dataset like a config test (counts, order, grammar, values).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDataset } from '../../lib/cms/build-dataset';
import { decodeDataset, encodeDataset } from '../../lib/dataset/codec';
import type { Dataset, PfsRow } from '../../lib/dataset/types';
import { PROJECT_ROOT, readDefaultSources, readSourceDir } from '../../data/pipeline/read-source';

const SHARED = join(PROJECT_ROOT, '../shared/cms');
const defaults = readDefaultSources();
const ds2026 = buildDataset(defaults.files);
const ds2025 = buildDataset(readSourceDir(join(SHARED, 'rvu25d')).files);

const total = (r: Dataset['report'][number]) => r.accepted + Object.values(r.rejected).reduce((a, b) => a + b, 0);
const row = (ds: Dataset, code: string, modifier = ''): PfsRow | undefined => ds.pfs.find((r) => r.code === code && r.modifier === modifier);
const NUMERIC: (keyof PfsRow)[] = ['workRvu', 'peNonFacility', 'peFacility', 'mpRvu', 'totalNonFacility', 'totalFacility', 'preOp', 'intraOp', 'postOp', 'conversionFactor', 'oppsPeNonFacility', 'oppsPeFacility', 'oppsMp'];

describe.each([
  { name: 'RVU26C (default inputs)', ds: ds2026, id: 'RVU26C', rows: 19356, cf: 33.4009, qp: 33.5675 },
  { name: 'RVU25D (--source rvu25d)', ds: ds2025, id: 'RVU25D', rows: 19090, cf: 32.3465, qp: 32.3465 },
])('$name', ({ ds, id, rows, cf, qp }) => {
  it('release, counts, conversion factors', () => {
    expect(ds.release.id).toBe(id);
    expect(ds.pfs).toHaveLength(rows);
    expect(ds.localities).toHaveLength(109);
    expect(ds.conversionFactors).toMatchObject({ nonQp: cf, qp });
    expect(new Set(ds.pfs.map((r) => r.conversionFactor))).toEqual(new Set([cf]));
  });

  it('the report accounts for every row read', () => {
    for (const r of ds.report) expect(total(r), r.file).toBe(r.rowsRead);
    expect(ds.report[0]).toMatchObject({ role: 'pfs', rowsRead: rows, accepted: rows, rejected: {} });
  });

  it('PFS rows: sorted by code then modifier, unique, well-formed, finite', () => {
    const keys = ds.pfs.map((r) => `${r.code}\t${r.modifier}`);
    expect(keys).toEqual([...keys].sort());
    expect(new Set(keys).size).toBe(keys.length);
    const bad = ds.pfs.filter(
      (r) => !/^[0-9A-Z]{5}$/.test(r.code) || !/^([0-9A-Z]{2})?$/.test(r.modifier) || !NUMERIC.every((f) => Number.isFinite(r[f])),
    );
    expect(bad).toEqual([]);
  });

  it('localities: sorted, unique ids, GPCIs in range, counties filled', () => {
    const ids = ds.localities.map((l) => l.id);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(109);
    for (const l of ds.localities) {
      expect(l.id).toMatch(/^\d{5}-\d{2}$/);
      for (const g of [l.workGpci, l.peGpci, l.mpGpci]) expect(g > 0.1 && g < 4, `${l.id} GPCI ${g}`).toBe(true);
      expect(l.counties).not.toBe('');
      expect(l.counties).not.toMatch(/"/);
      expect(l.anesCfNonQp).not.toBeNull();
    }
  });

  it('OPPS cap rows sorted and unique', () => {
    const keys = ds.oppsCap.map((r) => `${r.code}\t${r.modifier}\t${r.localityId}`);
    expect(keys.length).toBeGreaterThan(15000);
    expect(keys).toEqual([...keys].sort());
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('encode → decode round-trips; building twice gives the same bytes; size budget', () => {
    const text = encodeDataset(ds);
    expect(encodeDataset(decodeDataset(text))).toBe(text);
    expect(Buffer.byteLength(text)).toBeLessThan(8_000_000);
  });
});

describe('RVU26C values', () => {
  it('status counts match the CMS README', () => {
    const counts: Record<string, number> = {};
    for (const r of ds2026.pfs) counts[r.status] = (counts[r.status] ?? 0) + 1;
    expect(counts).toEqual({ A: 9408, X: 2574, I: 1437, C: 1411, E: 1294, M: 1292, R: 1082, N: 350, J: 276, P: 144, B: 80, T: 8 });
  });

  it('99213 = 1.30 / 1.46 / 0.33 / 0.09 → $95.19 national non-facility', () => {
    const r = row(ds2026, '99213')!;
    expect([r.workRvu, r.peNonFacility, r.peFacility, r.mpRvu]).toEqual([1.3, 1.46, 0.33, 0.09]);
    expect(Math.round((r.workRvu + r.peNonFacility + r.mpRvu) * ds2026.conversionFactors.nonQp * 100) / 100).toBe(95.19);
    expect(row(ds2026, '88305', '26')).toBeDefined();
    expect(row(ds2026, '93000', '26')).toBeUndefined();
  });

  it('GPCIs and counties of Manhattan, Alaska and the NYC suburbs', () => {
    const loc = (id: string) => ds2026.localities.find((l) => l.id === id)!;
    expect(loc('13202-01')).toMatchObject({ workGpci: 1.064, peGpci: 1.162, mpGpci: 1.586, name: 'MANHATTAN', state: 'NY', stateName: 'NEW YORK' });
    expect(loc('02102-01')).toMatchObject({ workGpci: 1.5, peGpci: 1.065, mpGpci: 0.551, anesCfNonQp: 28.15, anesCfQp: 28.29 });
    expect(loc('13202-02').counties).toContain('KINGS');
    expect(loc('13202-02').counties).toContain('WESTCHESTER');
    expect(loc('13202-02').stateName).toBe('NEW YORK');
    const locco = ds2026.report.find((r) => r.role === 'locco')!;
    expect(locco.notes?.[0]).toMatch(/^20 truncated county lists filled from 25LOCCO\.csv/);
    expect(ds2026.sources.map((s) => s.role)).toEqual(['pfs', 'gpci', 'locco', 'anes', 'oppscap', 'locco-fallback', 'hcpcs', 'clfs', 'dmepos']);
  });

  it('--no-cpt-descriptors empties 99213 (CPT) and D0120 (CDT), keeps G0438 (HCPCS II)', () => {
    const ds = buildDataset(defaults.files, { cptDescriptors: false });
    expect(row(ds, '99213')?.description).toBe('');
    expect(row(ds, 'D0120')?.description).toBe('');
    expect(row(ds, 'G0438')?.description).toBe('Ppps, initial visit');
    expect(ds.pfs.filter((r) => /^[0-9D]/.test(r.code)).every((r) => r.description === '')).toBe(true);
  });

  it('building twice is byte-identical', () => {
    expect(encodeDataset(buildDataset(readDefaultSources().files))).toBe(encodeDataset(ds2026));
  });
});
