import { describe, expect, it } from 'vitest';
import { parsePfsRvu } from '../../../../lib/cms/parse-pfs-rvu';
import { fixture } from './fixtures';

describe('parsePfsRvu: layouts', () => {
  it.each([
    { file: 'pfs-2026-stacked.csv', rows: 11, pricInd: '9', cf: 33.4009, release: { id: 'RVU26C', year: 2026, quarterName: 'July', released: '06/30/2026' } },
    { file: 'pfs-2025-stacked.csv', rows: 3, pricInd: null, cf: 32.3465, release: { id: 'RVU25D', year: 2025, quarterName: 'October', released: '09/11/2025' } },
    { file: 'pfs-one-line-header.csv', rows: 2, pricInd: '9', cf: 33.4009, release: null },
  ])('$file → $rows rows, PRIC IND $pricInd', ({ file, rows, pricInd, cf, release }) => {
    const { records, report, release: rel } = parsePfsRvu(fixture(file), { fileName: file });
    expect(records).toHaveLength(rows);
    expect(report).toEqual({ role: 'pfs', file, rowsRead: rows, accepted: rows, rejected: {} });
    for (const r of records) {
      expect(r.code).toMatch(/^[0-9A-Z]{5}$/);
      expect(r.pricInd).toBe(pricInd);
      expect(r.conversionFactor).toBe(cf);
    }
    if (release) expect(rel).toMatchObject(release);
    else expect(rel).toBeNull();
  });

  it('maps every column of the stacked 2026 header (99213 figures, NA flags, +, endo base, OPPS columns)', () => {
    const { records } = parsePfsRvu(fixture('pfs-2026-stacked.csv'));
    const by = (code: string, mod = '') => records.find((r) => r.code === code && r.modifier === mod)!;
    expect(by('99213')).toEqual({
      code: '99213', modifier: '', description: 'Fixture office visit level three', status: 'A', notUsedForMedicare: false,
      workRvu: 1.3, peNonFacility: 1.46, nonFacilityNa: false, peFacility: 0.33, facilityNa: false, mpRvu: 0.09,
      totalNonFacility: 2.85, totalFacility: 1.72, pctc: '0', globalDays: 'XXX', preOp: 0, intraOp: 0, postOp: 0,
      multProc: '0', bilatSurg: '0', asstSurg: '0', coSurg: '0', teamSurg: '0', pricInd: '9', endoBase: '',
      conversionFactor: 33.4009, physSupervision: '09', calcFlag: '0', imagingFamily: '99',
      oppsPeNonFacility: 0, oppsPeFacility: 0, oppsMp: 0,
    });
    expect(by('27447')).toMatchObject({ nonFacilityNa: true, facilityNa: false, globalDays: '090', preOp: 0.1, intraOp: 0.7, postOp: 0.2, coSurg: '1' });
    expect(by('88305', 'TC')).toMatchObject({ facilityNa: true, workRvu: 0, pctc: '1' });
    expect(by('97010').notUsedForMedicare).toBe(true);
    expect(by('43239').endoBase).toBe('43235');
    expect(by('70450', 'TC')).toMatchObject({ imagingFamily: '01', oppsPeNonFacility: 2, oppsPeFacility: 2, oppsMp: 0.02 });
    expect(by('G0438').description).toBe('Fixture wellness visit, first');
  });

  it('takes the release from the file name when there is no preamble', () => {
    const { release } = parsePfsRvu(fixture('pfs-one-line-header.csv'), { fileName: 'PPRRVU2026_Apr_nonQPP.csv' });
    expect(release).toEqual({ id: 'RVU26B', year: 2026, quarterName: 'April', released: '', title: '' });
  });

  it('cptDescriptors: false empties CPT and D-code descriptors, keeps HCPCS Level II', () => {
    const { records } = parsePfsRvu(fixture('pfs-2026-stacked.csv'), { cptDescriptors: false });
    const desc = Object.fromEntries(records.filter((r) => r.modifier === '').map((r) => [r.code, r.description]));
    expect(desc).toMatchObject({ '99213': '', '0591T': '', D0120: '', G0438: 'Fixture wellness visit, first' });
  });
});

describe('parsePfsRvu: bad rows are counted, not thrown', () => {
  it.each([
    { file: 'pfs-duplicate-rows.csv', rowsRead: 4, accepted: 2, rejected: { duplicate: 2 } },
    { file: 'pfs-truncated-row.csv', rowsRead: 3, accepted: 2, rejected: { 'too few fields': 1 } },
    { file: 'pfs-non-numeric-rvu.csv', rowsRead: 6, accepted: 1, rejected: { 'non-numeric value': 2, 'bad code': 2, 'bad modifier': 1 } },
  ])('$file', ({ file, rowsRead, accepted, rejected }) => {
    const { records, report } = parsePfsRvu(fixture(file), { fileName: file });
    expect(report).toEqual({ role: 'pfs', file, rowsRead, accepted, rejected });
    expect(records).toHaveLength(accepted);
    expect(report.accepted + Object.values(report.rejected).reduce((a, b) => a + b, 0)).toBe(report.rowsRead);
  });

  it('keeps the first of duplicate rows', () => {
    const { records } = parsePfsRvu(fixture('pfs-duplicate-rows.csv'));
    expect(records.find((r) => r.code === '99213')?.workRvu).toBe(1.3);
  });
});

describe('parsePfsRvu: bad files throw, naming the file and the problem', () => {
  it.each([
    { file: 'empty.csv', message: 'empty.csv: the file is empty' },
    { file: 'pfs-truncated-header.csv', message: 'pfs-truncated-header.csv: no header found' },
    { file: 'pfs-unknown-column.csv', message: 'pfs-unknown-column.csv: unknown column "WORK RVUS"' },
    { file: 'pfs-missing-column.csv', message: 'pfs-missing-column.csv: missing required column "MP RVU"' },
  ])('$file', ({ file, message }) => {
    expect(() => parsePfsRvu(fixture(file), { fileName: file })).toThrow(message);
  });

  it('a file with a header but no data rows', () => {
    const headerOnly = fixture('pfs-one-line-header.csv').split('\n')[0]!;
    expect(() => parsePfsRvu(headerOnly, { fileName: 'x.csv' })).toThrow('x.csv: no data rows after the header');
  });

  it('broken quoting', () => {
    const text = `${fixture('pfs-one-line-header.csv').split('\n')[0]}\n99213,,"unterminated,A\n`;
    expect(() => parsePfsRvu(text, { fileName: 'q.csv' })).toThrow(/q\.csv: malformed CSV/);
  });
});
