import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeDataset } from '../../../../lib/dataset/codec';
import { countyNames, groupByState, searchLocalities } from '../../../../lib/search/locality';

const ds = decodeDataset(readFileSync(fileURLToPath(new URL('../../../../data/generated/public/dataset.json', import.meta.url)), 'utf8'));
const ids = (q: string) => searchLocalities(ds.localities, q).map((l) => l.id);

describe('searchLocalities on the bundled localities', () => {
  it.each([
    ['Westchester', '13202-02'],
    ['Queens', '13292-04'],
    ['Ohio', '15202-00'],
    ['manhattan', '13202-01'],
    ['13202-01', '13202-01'],
    ['Alaska', '02102-01'],
  ])('%s → %s first', (q, id) => {
    expect(ids(q)[0]).toBe(id);
  });

  it('"Kings" finds NYC SUBURBS/LONG ISLAND (Kings County, NY) and Hanford (Kings County, CA)', () => {
    expect(ids('Kings')).toEqual(expect.arrayContaining(['13202-02', '01112-57']));
  });

  it('a state abbreviation lists that state', () => {
    expect(ids('NY').slice(0, 5).every((id) => ds.localities.find((l) => l.id === id)?.state === 'NY')).toBe(true);
  });

  it('nonsense and empty queries find nothing', () => {
    expect(ids('zzzz')).toEqual([]);
    expect(ids('')).toEqual([]);
  });

  it('groups by state, every locality once', () => {
    const groups = groupByState(ds.localities);
    expect(groups.reduce((n, g) => n + g.localities.length, 0)).toBe(ds.localities.length);
    expect(groups.find((g) => g.state === 'NY')?.stateName).toBe('NEW YORK');
  });

  it('splits county lists on commas and "AND"', () => {
    const l = ds.localities.find((x) => x.id === '13202-02')!;
    expect(countyNames(l)).toEqual(['bronx', 'kings', 'nassau', 'richmond', 'rockland', 'suffolk', 'westchester']);
  });
});
