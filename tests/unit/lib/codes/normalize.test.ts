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

  it('decodes its compact list to exactly the modifiers written out here', () => {
    // (lib/codes/modifiers.ts ships them grouped by first character.)
    const NUMERIC =
      '22 23 24 25 26 27 32 33 47 50 51 52 53 54 55 56 57 58 59 62 63 66 73 74 76 77 78 79 80 81 82 90 91 92 93 95 96 97 99';

    // (One string: the bundler joins the pieces.)
    const LETTERS =
      // professional/technical, teaching physician, telehealth, ABN
      'TC AS GC GE GT GA GY GZ GX GW GV GU GQ GG GH GJ GK GL GM GR GN GO GP ' +
      // laterality and anatomy
      'LT RT E1 E2 E3 E4 F1 F2 F3 F4 F5 F6 F7 F8 F9 FA T1 T2 T3 T4 T5 T6 T7 T8 T9 TA LC LD RC LM RI ' +
      // distinct procedural service, lab, anesthesia
      'XE XS XP XU QW QX QY QZ QK QS QN QM Q5 Q6 Q0 QA QB QC QD QE QF QG QH QJ QL QP QQ QR QT AA AD ' +
      // site of service, DME
      'PO PN PD NU RR UE KH KI KJ KF KO KP KQ KX KS KZ K0 K1 K2 K3 K4 KA KB KC KD KE KG KL KM KN KR KT KU KV KW KY ' +
      // drugs, radiology, therapy, misc
      'FY FX FS FT FQ FR JW JZ JA JB JG JE JC JD J1 J2 J3 J4 CR CS CG CQ CO CT CB CC CD CE CF CH CI CJ CK CL CM CN ' +
      'SA SB SG SL SH SS ST SU SW SY SC SD SE SF SJ SK SM SN SQ SZ TH TS TT TU TV TB TD TE TF TG TJ TK TL TM TN TP TQ TR TW ' +
      'AI AQ AR AE AF AG AH AJ AK AM AO AP AT AZ ET EY EJ EA EB EC MS PA PB PC PI PS PT P1 P2 P3 P4 P5 P6 ' +
      'HA HB HC HD HE HF HG HH HI HJ HK HL HM HN HO HP HQ HR HS HT HU HV HW HX HY HZ ' +
      'U1 U2 U3 U4 U5 U6 U7 U8 U9 UA UB UC UD UF UG UH UJ UK UN UP UQ UR US V1 V2 V3 VP X1 X2 X3 X4 X5 ' +
      // CPT Category II performance-measure exclusions
      '1P 2P 3P 8P';
    expect([...KNOWN_MODIFIERS].sort()).toEqual(`${NUMERIC} ${LETTERS}`.split(/\s+/).sort());
    expect(KNOWN_MODIFIERS.size).toBe(330);
  });
});
