import { describe, expect, it } from 'vitest';
import { parseAnes } from '../../../../lib/cms/parse-anes';
import { parseGpci } from '../../../../lib/cms/parse-gpci';
import { parseLocality } from '../../../../lib/cms/parse-locality';
import { parseOppsCap } from '../../../../lib/cms/parse-oppscap';
import { fixture } from './fixtures';

describe('parseGpci', () => {
  it.each([
    { file: 'gpci-raw-2025.csv', rows: 5, manhattan: [1.065, 1.166, 1.656] },
    { file: 'gpci-reformatted-2026.csv', rows: 7, manhattan: [1.064, 1.162, 1.586] },
  ])('$file: $rows localities, ids padded, footnotes skipped', ({ file, rows, manhattan }) => {
    const { records, report } = parseGpci(fixture(file), { fileName: file });
    expect(report).toEqual({ role: 'gpci', file, rowsRead: rows, accepted: rows, rejected: {} });
    for (const r of records) expect(r.id).toMatch(/^\d{5}-\d{2}$/);
    const m = records.find((r) => r.id === '13202-01')!;
    expect([m.workGpci, m.peGpci, m.mpGpci]).toEqual(manhattan);
    expect(records.find((r) => r.id === '02102-01')).toMatchObject({ mac: '02102', locality: '01', state: 'AK', name: 'ALASKA*', workGpci: 1.5 });
  });

  it('uses the work GPCI WITH the 1.0 floor', () => {
    const al = parseGpci(fixture('gpci-reformatted-2026.csv')).records.find((r) => r.id === '10112-00')!;
    expect(al.workGpci).toBe(1);
    expect(parseGpci(fixture('gpci-reformatted-2026.csv')).records.find((r) => r.state === 'HI')?.name).toBe('HAWAII, GUAM');
  });

  it('counts bad rows', () => {
    const { report } = parseGpci(fixture('gpci-bad-rows.csv'), { fileName: 'g.csv' });
    expect(report).toEqual({ role: 'gpci', file: 'g.csv', rowsRead: 5, accepted: 2, rejected: { 'non-numeric value': 1, duplicate: 1, 'bad locality id': 1 } });
  });

  it.each([
    { file: 'empty.csv', message: 'empty.csv: the file is empty' },
    { file: 'gpci-no-header.csv', message: 'gpci-no-header.csv: no header found' },
  ])('throws on $file', ({ file, message }) => {
    expect(() => parseGpci(fixture(file), { fileName: file })).toThrow(message);
  });
});

describe('parseLocality', () => {
  it('raw 2025 layout: blank lines, unpadded MAC/locality, trailing spaces, state carried down, duplicate', () => {
    const { records, report } = parseLocality(fixture('locality-counties-raw-2025.csv'), { fileName: 'l.csv' });
    expect(report).toEqual({ role: 'locco', file: 'l.csv', rowsRead: 8, accepted: 7, rejected: { duplicate: 1 } });
    expect(records.map((r) => r.id)).toEqual(['10112-00', '02102-01', '01112-75', '13202-01', '13202-02', '13202-03', '01212-01']);
    expect(records.find((r) => r.id === '13202-02')).toEqual({
      id: '13202-02', mac: '13202', locality: '02', stateName: 'NEW YORK', feeScheduleArea: 'NYC SUBURBS/LONG ISLAND',
      counties: 'BRONX, KINGS, NASSAU, RICHMOND, ROCKLAND, SUFFOLK AND WESTCHESTER', countiesTruncated: false,
    });
    expect(records.find((r) => r.id === '13202-03')?.stateName).toBe('NEW YORK');
    expect(records.find((r) => r.id === '02102-01')).toMatchObject({ stateName: 'ALASKA', feeScheduleArea: 'STATEWIDE', counties: 'ALL COUNTIES' });
  });

  it('damaged 2026 copy: flags truncated county lists and strips the stray quote', () => {
    const { records, report } = parseLocality(fixture('locality-counties-2026-damaged.csv'));
    expect(report.rowsRead).toBe(8);
    expect(records.find((r) => r.id === '13202-02')).toMatchObject({ counties: 'BRONX', countiesTruncated: true, stateName: 'NEW YORK' });
    expect(records.find((r) => r.id === '13202-01')?.countiesTruncated).toBe(false);
  });

  it('throws on an empty file', () => {
    expect(() => parseLocality(fixture('empty.csv'), { fileName: 'empty.csv' })).toThrow('empty.csv: the file is empty');
  });
});

describe('parseAnes', () => {
  it.each([
    { file: 'anes-2025.csv', national: { nonQp: 20.3178, qp: 20.3178 }, manhattan: { anesCfNonQp: 22.8, anesCfQp: 22.8 } },
    { file: 'anes-2026.csv', national: { nonQp: 20.49754, qp: 20.599835 }, manhattan: { anesCfNonQp: 22.81, anesCfQp: 22.92 } },
  ])('$file: national CFs from the header, trailing spaces trimmed', ({ file, national, manhattan }) => {
    const { records, report, national: nat } = parseAnes(fixture(file), { fileName: file });
    expect(nat).toEqual(national);
    expect(report).toEqual({ role: 'anes', file, rowsRead: 5, accepted: 5, rejected: {} });
    expect(records.find((r) => r.id === '13202-01')).toMatchObject({ mac: '13202', locality: '01', name: 'MANHATTAN', ...manhattan });
  });

  it('throws without a CF column', () => {
    expect(() => parseAnes('Contractor,Locality,Locality Name\n10112,00,ALABAMA\n', { fileName: 'a.csv' })).toThrow(
      'a.csv: missing anesthesia CF column',
    );
  });
});

describe('parseOppsCap', () => {
  it.each([
    { header: 'HCPCS,MOD,PROCSTAT,CARRIER,LOCALITY,FACILITY PRICE,NON-FACILTY PRICE' },
    { header: 'HCPCS,MOD,PROCSTAT,CARRIER,LOCALITY,FACILITY PRICE,NON-FACILITY PRICE' },
  ])('accepts "$header"', ({ header }) => {
    const { records } = parseOppsCap(`${header}\r\n70450,TC,A,13202,1,90.10,95.20\r\n`);
    expect(records).toEqual([{ code: '70450', modifier: 'TC', localityId: '13202-01', facility: 90.1, nonFacility: 95.2 }]);
  });

  it('counts bad and duplicate rows', () => {
    const { records, report } = parseOppsCap(fixture('opps-cap-2026.csv'), { fileName: 'o.csv' });
    expect(report).toEqual({
      role: 'oppscap', file: 'o.csv', rowsRead: 8, accepted: 4,
      rejected: { duplicate: 1, 'bad code': 1, 'bad locality id': 1, 'non-numeric value': 1 },
    });
    expect(records[0]).toEqual({ code: '70450', modifier: 'TC', localityId: '13202-01', facility: 90.1, nonFacility: 90.1 });
  });

  it('throws on a missing column', () => {
    expect(() => parseOppsCap('HCPCS,MOD,CARRIER,LOCALITY,FACILITY PRICE\n70450,TC,13202,01,1\n', { fileName: 'o.csv' })).toThrow(
      'o.csv: missing required column "NON-FACILTY PRICE"',
    );
  });
});
