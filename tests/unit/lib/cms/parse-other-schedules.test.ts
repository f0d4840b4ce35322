// Parsers of the files outside the physician fee schedule: HCPCS Level II, CLFS, DMEPOS (hand-written fixtures).
import { describe, expect, it } from 'vitest';
import { CmsFileError } from '../../../../lib/cms/csv';
import { detectCmsFile } from '../../../../lib/cms/detect';
import { parseClfs } from '../../../../lib/cms/parse-clfs';
import { parseDmepos } from '../../../../lib/cms/parse-dmepos';
import { parseHcpcs } from '../../../../lib/cms/parse-hcpcs';
import { fixture } from './fixtures';

describe('parseHcpcs', () => {
  const r = parseHcpcs(fixture('hcpcs-2025.csv'), { fileName: 'hcpcs-2025.csv' });

  it('keeps procedure codes (RECID 3) and modifiers (RECID 7), trimmed and sorted', () => {
    expect(r.records.map((x) => x.code)).toEqual(['C1776', 'E0114', 'G0438', 'J9999', 'L1830', 'Q0001', 'S9999']);
    expect(r.modifiers).toEqual([
      { code: 'NU', longDescription: 'Fixture new equipment modifier' },
      { code: 'RR', longDescription: 'Fixture rental modifier' },
    ]);
  });

  it('maps the fields by name; TERM DT blank → null', () => {
    expect(r.records.find((x) => x.code === 'E0114')).toEqual({
      code: 'E0114', longDescription: 'Fixture crutches, underarm, pair', shortDescription: 'Fixture crutch', addDate: '19860101',
      effectiveDate: '19970101', termDate: null, coverage: 'D', betos: 'D1E', actionCode: 'N',
    });
    expect(r.records.find((x) => x.code === 'Q0001')).toMatchObject({ termDate: '20201231', actionCode: 'D', coverage: 'I' });
  });

  it('reports every row read, rejects by reason', () => {
    expect(r.report).toMatchObject({
      role: 'hcpcs', file: 'hcpcs-2025.csv', rowsRead: 13, accepted: 9,
      rejected: { 'bad code': 1, 'bad date': 1, 'continuation or unknown RECID': 1, duplicate: 1 },
    });
    expect(r.report.notes?.[0]).toBe('7 procedure codes (1 with a termination date), 2 modifiers');
  });

  it.each([
    { name: 'empty.csv', message: 'empty.csv: the file is empty' },
    { name: 'hcpcs-unknown-column.csv', message: 'unknown column "BETOS CATEGORY"' },
    { name: 'hcpcs-missing-column.csv', message: 'missing required column "TERM DT"' },
    { name: 'clfs-2026.csv', message: 'no header found' },
  ])('throws CmsFileError on $name', ({ name, message }) => {
    expect(() => parseHcpcs(fixture(name), { fileName: name })).toThrow(CmsFileError);
    expect(() => parseHcpcs(fixture(name), { fileName: name })).toThrow(message);
  });
});

describe('parseClfs', () => {
  const r = parseClfs(fixture('clfs-2026.csv'), { fileName: 'clfs-2026.csv' });

  it('finds the YEAR,HCPCS header after a preamble with unquoted commas', () => {
    expect(r.records.map((x) => `${x.code}${x.modifier ? `-${x.modifier}` : ''}`)).toEqual(['0037U', '0620U', '36415', '80053', '80053-QW', 'G0103']);
  });

  it('parses zero-padded rates; indicator L with 00000.00 → null (no national amount)', () => {
    expect(r.records.find((x) => x.code === '36415')).toEqual({
      code: '36415', modifier: '', indicator: 'N', rate: 9.34, effectiveDate: '20260101',
      shortDescription: 'Fixture venipuncture', longDescription: 'Fixture collection of venous blood',
    });
    expect(r.records.find((x) => x.code === '0037U')?.rate).toBe(3500);
    expect(r.records.find((x) => x.code === '0620U')).toMatchObject({ indicator: 'L', rate: null, effectiveDate: '20260401' });
    expect(r.records.find((x) => x.code === 'G0103')?.longDescription).toBe('Fixture psa long');
  });

  it('reports rejects', () => {
    expect(r.report).toMatchObject({ role: 'clfs', rowsRead: 9, accepted: 6, rejected: { 'bad code': 1, 'non-numeric rate': 1, duplicate: 1 } });
  });

  it('cptDescriptors false: blanks descriptors of codes starting with a digit only', () => {
    const lean = parseClfs(fixture('clfs-2026.csv'), { cptDescriptors: false });
    expect(lean.records.filter((x) => /^\d/.test(x.code)).every((x) => x.shortDescription === '' && x.longDescription === '')).toBe(true);
    expect(lean.records.find((x) => x.code === 'G0103')?.shortDescription).toBe('Fixture psa screening');
    expect(lean.records.find((x) => x.code === '36415')?.rate).toBe(9.34);
  });

  it.each([
    { name: 'empty.csv', message: 'the file is empty' },
    { name: 'clfs-no-header.csv', message: 'no header found (expected a line starting with YEAR,HCPCS)' },
    { name: 'clfs-unknown-column.csv', message: 'unknown column "PRICE TYPE"' },
    { name: 'clfs-missing-column.csv', message: 'missing required column "RATE"' },
  ])('throws CmsFileError on $name', ({ name, message }) => {
    expect(() => parseClfs(fixture(name), { fileName: name })).toThrow(CmsFileError);
    expect(() => parseClfs(fixture(name), { fileName: name })).toThrow(message);
  });
});

describe('parseDmepos', () => {
  const r = parseDmepos(fixture('dmepos-2025.csv'), { fileName: 'dmepos-2025.csv' });

  it('reads the 53 state NR/R pairs in file order after the title preamble', () => {
    expect(r.states).toHaveLength(53);
    expect(r.states.slice(0, 3)).toEqual(['AL', 'AR', 'AZ']);
    expect(r.states.slice(-4)).toEqual(['AK', 'HI', 'PR', 'VI']);
  });

  it('rows keyed by code + Mod + Mod2, amounts as printed (rural 0 kept)', () => {
    expect(r.records.map((x) => [x.code, x.modifier, x.modifier2].join('|'))).toEqual([
      'E0114|NU|', 'E0114|RR|', 'E0114|UE|', 'E0601|RR|', 'K0001|KF|RR', 'L1830||',
    ]);
    const nu = r.records[0]!;
    expect(nu).toMatchObject({ jurisdiction: 'D', category: 'IN', ceiling: 65.94, floor: 56.05, description: 'Fixture crutch pair' });
    expect(nu.amounts.TX).toEqual([57.53, 0]);
    expect(r.records.find((x) => x.code === 'L1830')?.amounts.NY).toEqual([68.11, 96.02]);
  });

  it('reports rejects', () => {
    expect(r.report).toMatchObject({
      role: 'dmepos', rowsRead: 11, accepted: 6,
      rejected: { 'bad code': 1, 'bad modifier': 1, 'non-numeric value': 1, duplicate: 1, 'truncated row': 1 },
    });
  });

  it.each([
    { name: 'empty.csv', message: 'the file is empty' },
    { name: 'clfs-2026.csv', message: 'no header found' },
    { name: 'dmepos-missing-column.csv', message: 'missing required column "DESCRIPTION"' },
    { name: 'dmepos-half-state.csv', message: 'state TX lacks its R column' },
  ])('throws CmsFileError on $name', ({ name, message }) => {
    expect(() => parseDmepos(fixture(name), { fileName: name })).toThrow(CmsFileError);
    expect(() => parseDmepos(fixture(name), { fileName: name })).toThrow(message);
  });
});

describe('detectCmsFile: other schedules', () => {
  it.each([
    { file: 'hcpcs-2025.csv', role: 'hcpcs' },
    { file: 'clfs-2026.csv', role: 'clfs' },
    { file: 'dmepos-2025.csv', role: 'dmepos' },
  ])('sniffs $file as $role', ({ file, role }) => {
    expect(detectCmsFile('renamed.csv', fixture(file))).toMatchObject({ role, by: 'content' });
  });

  it.each([
    { name: 'HCPC2025_OCT_ANWEB_v4__CONVERTED_from_xlsx.csv', role: 'hcpcs' },
    { name: 'PUF_CLFS_CY2026_Q2V1.csv', role: 'clfs' },
    { name: 'DMEPOS25_APR.csv', role: 'dmepos' },
  ])('by name: $name → $role', ({ name, role }) => {
    expect(detectCmsFile(name).role).toBe(role);
  });

  it('an .xlsx of a known schedule is not read, with a hint to use the CSV', () => {
    expect(detectCmsFile('HCPC2025_OCT_ANWEB_v4.xlsx')).toMatchObject({ role: null, hint: expect.stringContaining('.xlsx: use the CSV') });
    expect(detectCmsFile('PUF_CLFS_CY2026_Q2V1.xlsx').hint).toMatch(/^CLFS \.xlsx: use the CSV/);
  });
});
