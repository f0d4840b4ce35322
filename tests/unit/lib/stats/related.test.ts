// relatedCodes: PCTC 1 modifier rows, PCTC 4 curated components, the inverse, and absences.
import { describe, expect, it } from 'vitest';
import { GLOBAL_TEST_COMPONENTS, relatedCodes } from '../../../../lib/stats/related';
import { row } from '../fees/helpers';

const rows = [
  row({ code: '88305', pctc: '1', workRvu: 0.73 }),
  row({ code: '88305', modifier: '26', pctc: '1', workRvu: 0.73 }),
  row({ code: '88305', modifier: 'TC', pctc: '1' }),
  row({ code: '93000', pctc: '4', workRvu: 0.17 }),
  row({ code: '93005', pctc: '3' }),
  row({ code: '93010', pctc: '2', workRvu: 0.17 }),
  row({ code: '93015', pctc: '4', workRvu: 0.73 }),
  row({ code: '93016', pctc: '2', workRvu: 0.44 }),
  row({ code: '93017', pctc: '3' }),
  // 93018 missing from this "release"
  row({ code: '99213', pctc: '0', workRvu: 1.3 }),
  row({ code: '77001', pctc: '1' }), // PCTC 1 without 26/TC rows
];

describe('relatedCodes', () => {
  it('PCTC 1: the -26 / -TC rows', () => {
    expect(relatedCodes('88305', rows)).toEqual({
      code: '88305', pctc: '1', kind: 'modifier-rows', global: '88305', technical: ['88305-TC'], professional: ['88305-26'],
      text: '88305 = 88305-TC (technical) + 88305-26 (professional)',
    });
    expect(relatedCodes('77001', rows).kind).toBe('none');
  });

  it('PCTC 4: curated components (array or accessor input)', () => {
    const want = { kind: 'components', global: '93000', technical: ['93005'], professional: ['93010'], text: '93000 = 93005 (technical) + 93010 (professional)' };
    expect(relatedCodes('93000', rows)).toMatchObject(want);
    const acc = (c: string) => rows.filter((r) => r.code === c);
    expect(relatedCodes('93000', acc)).toMatchObject(want);
  });

  it('components missing from the release are dropped', () => {
    expect(relatedCodes('93015', rows)).toMatchObject({ technical: ['93017'], professional: ['93016'] });
  });

  it('a component answers with its global test', () => {
    expect(relatedCodes('93010', rows)).toMatchObject({ kind: 'component-of', global: '93000', pctc: '2', technical: ['93005'], professional: ['93010'] });
    expect(relatedCodes('93005', rows).global).toBe('93000');
  });

  it('none', () => {
    expect(relatedCodes('99213', rows)).toMatchObject({ kind: 'none', global: null, technical: [], professional: [], text: '', pctc: '0' });
    expect(relatedCodes('12345', rows)).toMatchObject({ kind: 'none', pctc: '' });
  });

  it('the curated table has no code twice', () => {
    const all = Object.entries(GLOBAL_TEST_COMPONENTS).flatMap(([g, c]) => [g, ...c.technical, ...c.professional]);
    expect(new Set(all).size).toBe(all.length);
  });
});
