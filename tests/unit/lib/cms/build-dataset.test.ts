import { describe, expect, it } from 'vitest';
import { buildDataset, type BuildFiles } from '../../../../lib/cms/build-dataset';
import { resolveConversionFactors } from '../../../../lib/cms/conversion-factors';
import { fixture, fixtureSource } from './fixtures';

const files2026 = (): BuildFiles => ({
  pfs: fixtureSource('pfs-2026-stacked.csv'),
  gpci: fixtureSource('gpci-reformatted-2026.csv'),
  locco: fixtureSource('locality-counties-2026-damaged.csv'),
  anes: fixtureSource('anes-2026.csv'),
  oppscap: fixtureSource('opps-cap-2026.csv'),
  loccoFallback: fixtureSource('locality-counties-raw-2025.csv'),
});

describe('buildDataset (fixtures)', () => {
  const ds = buildDataset(files2026());

  it('release, conversion factors (QP from the table), flags', () => {
    expect(ds.release).toMatchObject({ id: 'RVU26C', year: 2026 });
    expect(ds.conversionFactors).toEqual({ nonQp: 33.4009, qp: 33.5675, anesNonQp: 20.49754, anesQp: 20.599835 });
    expect(ds.cptDescriptors).toBe(true);
    expect(ds.schemaVersion).toBe(2);
  });

  it('sorts PFS rows by code then modifier', () => {
    const keys = ds.pfs.map((r) => `${r.code}|${r.modifier}`);
    expect(keys).toEqual([...keys].sort());
    expect(keys.slice(0, 3)).toEqual(['0591T|', '27447|', '43239|']);
    expect(keys.filter((k) => k.startsWith('88305'))).toEqual(['88305|', '88305|26', '88305|TC']);
  });

  it('joins localities on the GPCI list: LOCCO, ANES, county fill from the fallback', () => {
    expect(ds.localities.map((l) => l.id)).toEqual(['01112-75', '01212-01', '02102-01', '10112-00', '13202-01', '13202-02', '13202-03']);
    expect(ds.localities.find((l) => l.id === '13202-02')).toMatchObject({
      stateName: 'NEW YORK',
      counties: 'BRONX, KINGS, NASSAU, RICHMOND, ROCKLAND, SUFFOLK AND WESTCHESTER',
      anesCfNonQp: 23.3,
      anesCfQp: 23.4,
    });
    expect(ds.localities.find((l) => l.id === '01212-01')).toMatchObject({ name: 'HAWAII, GUAM', anesCfNonQp: null, anesCfQp: null });
  });

  it('reports joins, orphans and fills', () => {
    const locco = ds.report.find((r) => r.role === 'locco')!;
    expect(locco).toMatchObject({ rowsRead: 8, accepted: 7, rejected: { 'not in GPCI': 1 } });
    expect(locco.notes?.join(' ')).toMatch(/1 truncated county lists filled from locality-counties-raw-2025\.csv: 13202-02/);
    expect(locco.notes?.join(' ')).toMatch(/not in GPCI: 99999-01/);
    expect(locco.notes?.join(' ')).toMatch(/1 county lists look truncated: 13202-03/);
    expect(ds.report.find((r) => r.role === 'anes')?.notes).toEqual(['2 localities have no anesthesia CF: 01212-01, 13202-03']);
    expect(ds.localities.find((l) => l.id === '13202-03')?.counties).toBe('OTHER COUNTY');
    expect(ds.report.map((r) => r.role)).toEqual(['pfs', 'gpci', 'locco', 'anes', 'oppscap', 'locco-fallback']);
    for (const r of ds.report) expect(r.accepted + Object.values(r.rejected).reduce((a, b) => a + b, 0)).toBe(r.rowsRead);
  });

  it('sorts OPPS cap rows and records source checksums', () => {
    expect(ds.oppsCap.map((r) => `${r.code}|${r.modifier}|${r.localityId}`)).toEqual([
      '0633T|TC|01112-75',
      '70450||13202-01',
      '70450|TC|02102-01',
      '70450|TC|13202-01',
    ]);
    expect(ds.sources.map((s) => s.role)).toEqual(['pfs', 'gpci', 'locco', 'anes', 'oppscap', 'locco-fallback']);
    for (const s of ds.sources) expect(s.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('uses caller-supplied sha256/bytes', () => {
    const f = files2026();
    f.pfs = { ...f.pfs, sha256: 'ab'.repeat(32), bytes: 42 };
    expect(buildDataset(f).sources[0]).toEqual({ role: 'pfs', file: 'pfs-2026-stacked.csv', bytes: 42, sha256: 'ab'.repeat(32) });
  });

  it('cptDescriptors: false', () => {
    const d = buildDataset(files2026(), { cptDescriptors: false });
    expect(d.cptDescriptors).toBe(false);
    expect(d.pfs.find((r) => r.code === '99213')?.description).toBe('');
    expect(d.pfs.find((r) => r.code === 'G0438')?.description).toBe('Fixture wellness visit, first');
  });

  it('works without the optional ANES / OPPSCAP files (2025 layouts)', () => {
    const d = buildDataset({
      pfs: fixtureSource('pfs-2025-stacked.csv'),
      gpci: fixtureSource('gpci-raw-2025.csv'),
      locco: fixtureSource('locality-counties-raw-2025.csv'),
    });
    expect(d.conversionFactors).toEqual({ nonQp: 32.3465, qp: 32.3465, anesNonQp: null, anesQp: null });
    expect(d.oppsCap).toEqual([]);
    expect(d.pfs.every((r) => r.pricInd === null)).toBe(true);
    expect(d.localities).toHaveLength(5);
  });

  it('notes a year missing from the CF table and uses the file CF for QP', () => {
    const f = files2026();
    f.pfs = { ...f.pfs, text: f.pfs.text.replace('2026 National', '2031 National') };
    const d = buildDataset(f);
    expect(d.conversionFactors.qp).toBe(33.4009);
    expect(d.report[0]?.notes?.[0]).toMatch(/no known QP conversion factor for 2031/);
  });

  it.each([
    { what: 'mixed CFs', patch: { pfs: fixtureSource('pfs-mixed-cf.csv') }, message: 'pfs-mixed-cf.csv: rows carry 2 conversion factors (32.3465, 33.4009)' },
    { what: 'no release', patch: { pfs: fixtureSource('pfs-one-line-header.csv') }, message: 'pfs-one-line-header.csv: cannot tell the release' },
    { what: 'empty GPCI', patch: { gpci: fixtureSource('empty.csv') }, message: 'empty.csv: the file is empty' },
  ])('throws on $what', ({ patch, message }) => {
    expect(() => buildDataset({ ...files2026(), ...patch })).toThrow(message);
  });

  it('accepts a release override for a file without a title', () => {
    const release = { id: 'RVU26B', year: 2026, quarterName: 'April', released: '', title: '' };
    expect(buildDataset({ ...files2026(), pfs: fixtureSource('pfs-one-line-header.csv') }, { release }).release).toEqual(release);
  });

  it('fixture text is not mutated between builds (determinism)', () => {
    expect(JSON.stringify(buildDataset(files2026()))).toBe(JSON.stringify(buildDataset(files2026())));
    expect(fixture('pfs-2026-stacked.csv').length).toBeGreaterThan(0);
  });
});

describe('resolveConversionFactors', () => {
  it.each([
    { year: 2026, cf: 33.4009, pric: '9', out: { nonQp: 33.4009, qp: 33.5675 }, notes: 0 },
    { year: 2026, cf: 33.5675, pric: '1', out: { nonQp: 33.4009, qp: 33.5675 }, notes: 0 },
    { year: 2025, cf: 32.3465, pric: null, out: { nonQp: 32.3465, qp: 32.3465 }, notes: 0 },
    { year: 2026, cf: 33.5, pric: '9', out: { nonQp: 33.5, qp: 33.5675 }, notes: 1 },
    { year: 2030, cf: 35, pric: '9', out: { nonQp: 35, qp: 35 }, notes: 1 },
  ])('$year CF $cf PRIC IND $pric', ({ year, cf, pric, out, notes }) => {
    const r = resolveConversionFactors(year, cf, pric);
    expect({ nonQp: r.nonQp, qp: r.qp }).toEqual(out);
    expect(r.notes).toHaveLength(notes);
  });
});

describe('buildDataset: files outside the PFS (HCPCS, CLFS, DMEPOS)', () => {
  it('a PFS-only release still builds: the new tables are empty', () => {
    const ds = buildDataset(files2026());
    expect(ds).toMatchObject({ hcpcs: [], hcpcsModifiers: [], clfs: [], dmepos: [] });
    expect(ds.sources.map((s) => s.role)).not.toContain('hcpcs');
  });

  it('adds the tables, one report and source entry per file', () => {
    const ds = buildDataset({
      ...files2026(),
      hcpcs: fixtureSource('hcpcs-2025.csv'),
      clfs: fixtureSource('clfs-2026.csv'),
      dmepos: fixtureSource('dmepos-2025.csv'),
    });
    expect(ds.hcpcs).toHaveLength(7);
    expect(ds.hcpcsModifiers).toHaveLength(2);
    expect(ds.clfs).toHaveLength(6);
    expect(ds.dmepos).toHaveLength(6);
    expect(ds.sources.slice(-3).map((s) => s.role)).toEqual(['hcpcs', 'clfs', 'dmepos']);
    expect(ds.report.slice(-3).map((r) => [r.role, r.file])).toEqual([
      ['hcpcs', 'hcpcs-2025.csv'],
      ['clfs', 'clfs-2026.csv'],
      ['dmepos', 'dmepos-2025.csv'],
    ]);
  });

  it('cptDescriptors false: CLFS CPT/PLA descriptors blanked, HCPCS Level II descriptions kept', () => {
    const ds = buildDataset({ ...files2026(), hcpcs: fixtureSource('hcpcs-2025.csv'), clfs: fixtureSource('clfs-2026.csv') }, { cptDescriptors: false });
    expect(ds.clfs.find((r) => r.code === '80053')).toMatchObject({ shortDescription: '', longDescription: '', rate: 10.56 });
    expect(ds.clfs.find((r) => r.code === 'G0103')?.shortDescription).toBe('Fixture psa screening');
    expect(ds.hcpcs.find((r) => r.code === 'E0114')?.longDescription).toBe('Fixture crutches, underarm, pair');
  });

  it('a broken optional file fails the build loudly', () => {
    expect(() => buildDataset({ ...files2026(), clfs: fixtureSource('clfs-unknown-column.csv') })).toThrow('clfs-unknown-column.csv: unknown column "PRICE TYPE"');
  });
});
