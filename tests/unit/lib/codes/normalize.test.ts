import { describe, expect, it } from 'vitest';
import { KNOWN_MODIFIERS } from '../../../../lib/codes/modifiers.ts';
import { codeKind, normalizeCode, parseModifierList, parseUnits, singleCodeToken } from '../../../../lib/codes/normalize.ts';

describe('normalizeCode', () => {
  it.each([
    ['99213-25', { code: '99213', kind: 'cpt', modifiers: ['25'], units: null }],
    [' 99213 ', { code: '99213', kind: 'cpt', modifiers: [], units: null }],
    ['g0438', { code: 'G0438', kind: 'hcpcs', modifiers: [], units: null }],
    ['93976tc', { code: '93976', kind: 'cpt', modifiers: ['TC'], units: null }],
    ['27447-rt', { code: '27447', kind: 'cpt', modifiers: ['RT'], units: null }],
    ['HC:99213:25', { code: '99213', kind: 'cpt', modifiers: ['25'], units: null }],
    ['99213-25-GC', { code: '99213', kind: 'cpt', modifiers: ['25', 'GC'], units: null }],
    ['97110 x3', { code: '97110', kind: 'cpt', modifiers: [], units: 3 }],
    ['0591T', { code: '0591T', kind: 'cat3', modifiers: [], units: null }],
  ])('%s', (raw, want) => {
    expect(normalizeCode(raw)).toEqual(want);
  });

  it.each(['', '9921', '99213 99214', '99202-99215', 'CPT 99213', '99213 is a code', '992130', 'x'.repeat(100)])(
    'rejects %j',
    (raw) => {
      expect(normalizeCode(raw)).toBeNull();
    },
  );
});

describe('helpers', () => {
  it.each([
    ['99213', 'cpt'],
    ['3074f', 'cat2'],
    ['D0120', 'dental'],
    ['9921', null],
    ['992134', null],
  ])('codeKind(%s) = %s', (code, kind) => {
    expect(codeKind(code)).toBe(kind);
  });

  it('singleCodeToken accepts a cell holding one code', () => {
    expect(singleCodeToken('88305-26')).toBe('88305');
    expect(singleCodeToken('99202-99215')).toBeNull();
    expect(singleCodeToken('$125.00')).toBeNull();
  });

  it.each([
    ['25', ['25']],
    ['-25', ['25']],
    ['25, GC', ['25', 'GC']],
    ['rt/lt', ['RT', 'LT']],
    ['', []],
    ['12', null],
    ['ABC', null],
    ['25 GC 59 XU 76', null],
  ])('parseModifierList(%j)', (text, want) => {
    expect(parseModifierList(text)).toEqual(want);
  });

  it.each([
    ['1', 1],
    ['2.0', 2],
    [' x3 ', 3],
    ['4 units', 4],
    ['0', null],
    ['1000', null],
    ['$12.00', null],
  ])('parseUnits(%j) = %s', (text, want) => {
    expect(parseUnits(text)).toBe(want);
  });

  it('knows the common modifiers', () => {
    for (const m of ['25', '26', 'TC', 'RT', 'LT', 'GC', 'XU', 'NU', 'RR', 'KX', 'QW', 'GP', '59', '80', 'E1', 'F9', 'T9']) {
      expect(KNOWN_MODIFIERS.has(m)).toBe(true);
    }
    for (const m of KNOWN_MODIFIERS) expect(m).toMatch(/^[0-9A-Z]{2}$/);
  });
});
