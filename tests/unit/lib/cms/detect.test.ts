import { describe, expect, it } from 'vitest';
import { detectCmsFile, detectCmsFiles, selectReleaseFiles } from '../../../../lib/cms/detect';
import { fixture } from './fixtures';

describe('detectCmsFile', () => {
  it.each([
    { file: 'pfs-2026-stacked.csv', role: 'pfs' },
    { file: 'pfs-2025-stacked.csv', role: 'pfs' },
    { file: 'pfs-one-line-header.csv', role: 'pfs' },
    { file: 'gpci-raw-2025.csv', role: 'gpci' },
    { file: 'gpci-reformatted-2026.csv', role: 'gpci' },
    { file: 'locality-counties-raw-2025.csv', role: 'locco' },
    { file: 'locality-counties-2026-damaged.csv', role: 'locco' },
    { file: 'anes-2025.csv', role: 'anes' },
    { file: 'anes-2026.csv', role: 'anes' },
    { file: 'opps-cap-2026.csv', role: 'oppscap' },
  ])('sniffs $file as $role', ({ file, role }) => {
    expect(detectCmsFile(`renamed/${file.replace(/^[a-z]+/, 'data')}`, fixture(file))).toMatchObject({ role, by: 'content' });
  });

  it.each([
    { name: 'RVU26C/PPRRVU2026_Jul_nonQPP.csv', role: 'pfs' },
    { name: 'GPCI2026.csv', role: 'gpci' },
    { name: '26LOCCO.csv', role: 'locco' },
    { name: 'ANES2026.csv', role: 'anes' },
    { name: 'OPPSCAP_Oct.csv', role: 'oppscap' },
    { name: 'ref_geo_adjustment.csv', role: 'gpci' },
    { name: 'ref_medicare_localities.csv', role: 'locco' },
    { name: 'ref_anes_conversion_factor.csv', role: 'anes' },
    { name: 'ref_opps_price_cap.csv', role: 'oppscap' },
    { name: 'PPRRVU2026_Jul_nonQPP.xlsx', role: null },
    { name: 'RVU26C.pdf', role: null },
    { name: 'notes.csv', role: null },
  ])('by name: $name → $role', ({ name, role }) => {
    expect(detectCmsFile(name).role).toBe(role);
  });

  it('content wins over a misleading name', () => {
    expect(detectCmsFile('GPCI-but-really-anes.csv', fixture('anes-2026.csv')).role).toBe('anes');
  });
});

describe('selectReleaseFiles', () => {
  it('prefers the non-QP PFS of a CMS zip and picks one file per role', () => {
    const detected = detectCmsFiles([
      { name: 'PPRRVU2026_Jan_QPP.csv' },
      { name: 'PPRRVU2026_Jan_nonQPP.csv' },
      { name: 'GPCI2026.csv' },
      { name: '26LOCCO.csv' },
      { name: 'RVU26A.pdf' },
    ]);
    const { files, warnings } = selectReleaseFiles(detected);
    expect(files.pfs?.name).toBe('PPRRVU2026_Jan_nonQPP.csv');
    expect(files.gpci?.name).toBe('GPCI2026.csv');
    expect(files.anes).toBeUndefined();
    expect(warnings).toEqual([]);
  });

  it('warns on other ambiguity', () => {
    const { files, warnings } = selectReleaseFiles(detectCmsFiles([{ name: 'b/GPCI2026.csv' }, { name: 'a/GPCI2025.csv' }]));
    expect(files.gpci?.name).toBe('a/GPCI2025.csv');
    expect(warnings[0]).toMatch(/several gpci files/);
  });
});
