import { describe, expect, it } from 'vitest';
import type { PfsRow } from '../../../../lib/dataset/types';
import { applyModifiers, selectRow, type ModifierRequest } from '../../../../lib/fees/modifiers';
import { priceRow } from '../../../../lib/fees/price';
import { CF_2026, R27447, R58321, R70450, R99213, row } from './helpers';

const price = (r: PfsRow) => priceRow(r, null, { cf: CF_2026 });
const adj = (rows: readonly PfsRow[], modifiers: string[], extra: Partial<ModifierRequest> = {}) =>
  applyModifiers({ rows, modifiers, price, ...extra });
const both = (a: ReturnType<typeof adj>) => [a.nonFacility.cents, a.facility.cents];

// 27447 national facility: 34.71 × 33.4009 = 1159.34523939; num/den of it, rounded half-up once.
const pctOf27447 = (num: bigint, den: bigint): number =>
  Number((3471n * 1000n * 334009n * num * 2n + 10_000_000n * den) / (2n * 10_000_000n * den));

describe('no modifiers', () => {
  it('returns the base price and no steps', () => {
    const a = adj([R99213], []);
    expect(both(a)).toEqual([9519, 5745]);
    expect(a.steps).toEqual([]);
    expect(a.row).toBe(R99213);
  });
});

describe('-26 / -TC', () => {
  const [g, pc, tc] = R70450 as [PfsRow, PfsRow, PfsRow];
  it('PCTC 1: -26 uses the 26 row', () => {
    const a = adj(R70450, ['26']);
    expect(a.row).toBe(pc);
    expect(a.steps).toEqual(['-26, PC/TC indicator 1: professional component row (26) used']);
    expect(both(a)).toEqual([3941, 3941]); // 1.18 × 33.4009 = 39.413
  });
  it('PCTC 1: -TC uses the TC row (NA facility stays n/a)', () => {
    const a = adj(R70450, ['TC']);
    expect(a.row).toBe(tc);
    expect(a.steps[0]).toBe('-TC, PC/TC indicator 1: technical component row (TC) used');
    expect(a.nonFacility.cents).toBe(6714); // 2.01 × 33.4009 = 67.135
    expect(a.facility).toEqual({ cents: null, reason: 'not paid in this setting (NA)' });
    void g;
  });
  it('PCTC 0: -26 is not valid; explains why and does not price', () => {
    const a = adj([R99213], ['26']);
    expect(a.steps[0]).toBe('-26, PC/TC indicator 0 (physician service (no professional/technical split)): modifier 26 cannot be used with this code (only PC/TC indicator 1 codes have 26/TC rows)');
    expect(a.nonFacility).toEqual({ cents: null, reason: 'modifier 26 not valid for this code (PC/TC 0)' });
  });
  it('PCTC 6 (lab interpretation): -26 prices the code as listed; -TC is not valid', () => {
    const r = row({ code: '86077', pctc: '6', workRvu: 0.94, peNonFacility: 0.4, peFacility: 0.4, mpRvu: 0.05 });
    const a = adj([r], ['26']);
    expect(a.steps[0]).toMatch(/^-26, PC\/TC indicator 6 .*priced as listed/);
    expect(a.nonFacility.cents).toBe(4643); // 1.39 × 33.4009 = 46.427
    expect(adj([r], ['TC']).nonFacility.cents).toBeNull();
  });
  it('-26 with -TC is rejected', () => {
    expect(adj(R70450, ['26', 'TC']).steps[0]).toMatch(/^-26 with -TC/);
    expect(adj(R70450, ['26', 'TC']).nonFacility.cents).toBeNull();
  });
  it('selectRow is exported for callers that only need the row', () => {
    expect(selectRow(R70450, ['tc']).row?.modifier).toBe('TC');
    expect(selectRow([], ['26']).row).toBeNull();
  });
});

describe('-53', () => {
  const g = row({ code: '45378', workRvu: 3.18, peNonFacility: 7.73, peFacility: 1.34, mpRvu: 0.41, globalDays: '000', multProc: '2' });
  const r53 = row({ code: '45378', modifier: '53', workRvu: 1.59, peNonFacility: 3.87, peFacility: 0.67, mpRvu: 0.21, globalDays: '000', multProc: '2' });
  it('uses the 53 row where it exists', () => {
    const a = adj([g, r53], ['53']);
    expect(a.row).toBe(r53);
    expect(a.steps).toEqual(["-53, discontinued procedure: the file's 53 row (separate reduced RVUs) used"]);
    expect(both(a)).toEqual([18938, 8250]); // 5.67 / 2.47 × 33.4009
  });
  it('without a 53 row: contractor-priced', () => {
    const a = adj([R99213], ['53']);
    expect(a.steps[0]).toMatch(/no 53 row for this code; contractor-priced/);
    expect(a.facility.cents).toBeNull();
  });
});

describe('-50 bilateral', () => {
  const withBilat = (b: string) => row({ ...R58321, bilatSurg: b });
  it('indicator 1: 150%', () => {
    const a = adj([withBilat('1')], ['50']);
    expect(a.steps).toEqual(['-50, bilateral indicator 1: 150%']);
    // 2.51 × 33.4009 × 1.5 = 125.7544 ; 1.25 × 33.4009 × 1.5 = 62.6267
    expect(both(a)).toEqual([12575, 6263]);
  });
  it('indicator 2: already bilateral, 100%', () => {
    const a = adj([withBilat('2')], ['50']);
    expect(a.steps).toEqual(['-50, bilateral indicator 2: RVUs already bilateral: 100%']);
    expect(both(a)).toEqual([8384, 4175]);
  });
  it('indicator 3: each side 100%: 200%', () => {
    const a = adj([withBilat('3')], ['50']);
    expect(a.steps).toEqual(['-50, bilateral indicator 3: each side paid at 100%: 200%']);
    expect(both(a)).toEqual([16767, 8350]); // exact 167.672518 / 83.50225
  });
  it('indicator 0: not applicable, 100% of a single code', () => {
    const a = adj([withBilat('0')], ['50']);
    expect(a.steps).toEqual(['-50, bilateral indicator 0: bilateral adjustment does not apply: 100% of a single code']);
    expect(both(a)).toEqual([8384, 4175]);
  });
  it('indicator 9: concept does not apply', () => {
    const a = adj([withBilat('9')], ['50']);
    expect(a.steps).toEqual(['-50, bilateral indicator 9: concept does not apply: no fee change']);
    expect(both(a)).toEqual([8384, 4175]);
  });
  it('RT + LT on one line is treated as bilateral', () => {
    const a = adj([withBilat('1')], ['RT', 'LT']);
    expect(a.steps).toEqual(['RT+LT on one line (bilateral), bilateral indicator 1: 150%']);
    expect(a.nonFacility.cents).toBe(12575);
  });
  it('27447-50 facility: 150% of $1,159.35 rounded once = $1,739.02', () => {
    expect(adj([R27447], ['50']).facility.cents).toBe(173902);
    expect(pctOf27447(3n, 2n)).toBe(173902);
  });
});

describe('-51 multiple procedures', () => {
  const mp = (m: string, extra: Partial<PfsRow> = {}) => row({ ...R58321, multProc: m, ...extra });
  it('indicator 2: rank 1 100%', () => {
    const a = adj([mp('2')], ['51'], { rank: 1 });
    expect(a.steps).toEqual(['-51, multiple procedure indicator 2, rank 1: 100%']);
    expect(a.nonFacility.cents).toBe(8384);
  });
  it('indicator 2: ranks 2-5 50% (rank defaults to 2 with -51)', () => {
    const a = adj([mp('2')], ['51']);
    expect(a.steps).toEqual(['-51, multiple procedure indicator 2, rank 2: 50%']);
    expect(both(a)).toEqual([4192, 2088]); // 41.9181 / 20.8756
    expect(adj([mp('2')], ['51'], { rank: 5 }).nonFacility.cents).toBe(4192);
  });
  it('indicator 2: beyond the 5th is by report (contractor-priced)', () => {
    const a = adj([mp('2')], ['51'], { rank: 6 });
    expect(a.steps[0]).toBe('-51, multiple procedure indicator 2, rank 6: beyond the 5th procedure payment is by report: contractor-priced');
    expect(a.nonFacility.cents).toBeNull();
  });
  it('indicator 1 (pre-1995): 100/50/25/25/25', () => {
    expect(adj([mp('1')], ['51'], { rank: 2 }).nonFacility.cents).toBe(4192);
    const a = adj([mp('1')], ['51'], { rank: 3 });
    expect(a.steps).toEqual(['-51, multiple procedure indicator 1, rank 3: 25%']);
    expect(a.nonFacility.cents).toBe(2096); // 20.959
  });
  it('indicator 0: no reduction', () => {
    const a = adj([mp('0')], ['51'], { rank: 3 });
    expect(a.steps).toEqual(['-51, multiple procedure indicator 0, rank 3: no multiple-procedure reduction: 100%']);
    expect(a.nonFacility.cents).toBe(8384);
  });
  it('indicator 9: concept does not apply', () => {
    expect(adj([mp('9')], ['51']).steps).toEqual(['-51, multiple procedure indicator 9, rank 2: concept does not apply: no multiple-procedure reduction']);
  });
  it('invalid rank is not priced', () => {
    expect(adj([mp('2')], ['51'], { rank: 0 }).nonFacility.cents).toBeNull();
  });

  describe('indicator 3: endoscopy family', () => {
    const base = row({ code: '43235', workRvu: 2.04, peNonFacility: 7.38, peFacility: 1.03, mpRvu: 0.24, globalDays: '000', multProc: '2' });
    const code = row({ code: '43239', workRvu: 2.33, peNonFacility: 9.94, peFacility: 1.1, mpRvu: 0.27, globalDays: '000', multProc: '3', endoBase: '43235' });
    it('rank 1: 100%', () => {
      const a = adj([code], ['51'], { rank: 1, endoBaseRows: [base] });
      expect(a.steps).toEqual(['-51, multiple procedure indicator 3, rank 1 (endoscopy): highest-valued endoscopy: 100%']);
      expect(a.nonFacility.cents).toBe(41885);
    });
    it('rank 2: fee minus the base endoscopy fee, exact then rounded once', () => {
      const a = adj([code], ['51'], { endoBaseRows: [base] });
      // non-fac (12.54 − 9.66) × 33.4009 = 96.1946 ; fac (3.70 − 3.31) × 33.4009 = 13.0264
      expect(both(a)).toEqual([9619, 1303]);
      expect(a.steps[0]).toBe(
        "-51, multiple procedure indicator 3, rank 2 (endoscopy, base 43235): another endoscopy of the same family ranks higher: this code's fee minus the base code's fee (non-facility $418.85 − $322.65; facility $123.58 − $110.56)",
      );
    });
    it('rank 2 without the base code: says what is missing', () => {
      const a = adj([code], ['51']);
      expect(a.steps[0]).toMatch(/base code not available: not priced/);
      expect(a.nonFacility.cents).toBeNull();
    });
  });

  describe('indicator 4: diagnostic imaging (TC 50%, PC 95%)', () => {
    it('global: 95% of the 26 amount + 50% of the TC amount', () => {
      const a = adj(R70450, ['51']);
      // 0.95 × 1.18 × 33.4009 + 0.5 × 2.01 × 33.4009 = (1.121 + 1.005) × 33.4009 = 71.0103
      expect(a.nonFacility.cents).toBe(7101);
      expect(a.facility.cents).toBeNull();
      expect(a.steps).toEqual([
        '-51, multiple procedure indicator 4, rank 2 (diagnostic imaging (same family, same session)): global = professional component 95% of the 26 amount + technical component 50% of the TC amount',
      ]);
    });
    it('-26: 95%; -TC: 50%', () => {
      const pc = adj(R70450, ['26', '51']);
      expect(pc.steps[1]).toBe('-51, multiple procedure indicator 4, rank 2 (diagnostic imaging (same family, same session)): professional component 95%');
      expect(pc.nonFacility.cents).toBe(3744); // 1.18 × 33.4009 × 0.95 = 37.4424
      expect(adj(R70450, ['TC', '51']).nonFacility.cents).toBe(3357); // 2.01 × 33.4009 / 2 = 33.5679
    });
    it('rank 1: 100%; rank given without -51 still applies', () => {
      expect(adj(R70450, ['51'], { rank: 1 }).nonFacility.cents).toBe(10655);
      const a = adj(R70450, [], { rank: 2 });
      expect(a.steps[0]).toMatch(/^multiple procedure indicator 4, rank 2/);
      expect(a.nonFacility.cents).toBe(7101);
    });
  });

  it('indicator 5 (therapy): PE 50% for rank 2+', () => {
    const r = row({ code: '97110', pctc: '7', multProc: '5', workRvu: 0.45, peNonFacility: 0.41, peFacility: 0.41, facilityNa: true, mpRvu: 0.01 });
    const a = adj([r], ['51']);
    // (0.45 + 0.205 + 0.01) × 33.4009 = 22.2116
    expect(a.nonFacility.cents).toBe(2221);
    expect(a.steps[0]).toBe('-51, multiple procedure indicator 5, rank 2 (therapy): practice expense 50%, work and malpractice 100%');
    expect(adj([r], ['51'], { rank: 1 }).nonFacility.cents).toBe(2906);
  });

  it('indicator 6 (cardiovascular): TC 75%, PC 100%; global from the 26/TC rows', () => {
    const c = { code: '93976', pctc: '1', multProc: '6' };
    const rows = [
      row({ ...c, workRvu: 0.78, peNonFacility: 3.82, peFacility: 3.82, facilityNa: true, mpRvu: 0.07 }),
      row({ ...c, modifier: '26', workRvu: 0.78, peNonFacility: 0.28, peFacility: 0.28, mpRvu: 0.05 }),
      row({ ...c, modifier: 'TC', peNonFacility: 3.54, peFacility: 3.54, facilityNa: true, mpRvu: 0.02 }),
    ];
    // (1.11 + 0.75 × 3.56) × 33.4009 = 3.78 × 33.4009 = 126.2554
    expect(adj(rows, ['51']).nonFacility.cents).toBe(12626);
    expect(adj(rows, ['TC', '51']).nonFacility.cents).toBe(8918); // 3.56 × 0.75 × 33.4009 = 89.1804
    expect(adj(rows, ['26', '51']).nonFacility.cents).toBe(3707); // 1.11 × 33.4009 = 37.074999
  });
  it('indicator 6 on a global-test-only code (PCTC 4): explains that the parts are separate codes', () => {
    const r = row({ code: '93000', pctc: '4', multProc: '6', workRvu: 0.17, peNonFacility: 0.27, peFacility: 0.27, mpRvu: 0.02 });
    const a = adj([r], ['51']);
    expect(a.steps[0]).toMatch(/components are separate codes.*not priced/);
    expect(a.nonFacility.cents).toBeNull();
  });
  it('indicator 7 (ophthalmology): TC 80% on a technical-only code', () => {
    const r = row({ code: '92133', pctc: '3', multProc: '7', peNonFacility: 1.0, peFacility: 1.0 });
    const a = adj([r], ['51']);
    expect(a.steps[0]).toBe('-51, multiple procedure indicator 7, rank 2 (diagnostic ophthalmology): technical component 80%');
    expect(a.nonFacility.cents).toBe(2672); // 0.8 × 33.4009 = 26.7207
  });
});

describe('assistant at surgery', () => {
  const asst = (i: string) => row({ ...R27447, asstSurg: i });
  it('-80 with indicator 2: 16%', () => {
    const a = adj([asst('2')], ['80']);
    expect(a.steps).toEqual(['-80, assistant-at-surgery indicator 2: 16%']);
    expect(a.facility.cents).toBe(18550); // 1159.3452 × 0.16 = 185.4952
    expect(a.nonFacility.reason).toBe('not paid in this setting (NA)');
  });
  it.each(['81', '82'])('-%s behaves like -80', (m) => {
    expect(adj([asst('2')], [m]).facility.cents).toBe(18550);
  });
  it('AS (non-physician): 13.6% = 85% × 16%', () => {
    const a = adj([asst('2')], ['AS']);
    expect(a.steps).toEqual(['-AS, assistant-at-surgery indicator 2: 13.6% (85% × 16%, non-physician assistant)']);
    expect(a.facility.cents).toBe(15767); // 1159.3452 × 0.136 = 157.6709
    expect(pctOf27447(17n, 125n)).toBe(15767);
  });
  it('indicator 0: needs documentation; 16% if allowed', () => {
    const a = adj([asst('0')], ['80']);
    expect(a.steps).toEqual(['-80, assistant-at-surgery indicator 0: paid only with documentation of medical necessity: 16%']);
    expect(a.facility.cents).toBe(18550);
  });
  it('indicator 1: not paid', () => {
    const a = adj([asst('1')], ['80']);
    expect(a.steps).toEqual(['-80, assistant-at-surgery indicator 1: statutory restriction: assistant at surgery not paid']);
    expect(a.facility).toEqual({ cents: null, reason: 'assistant at surgery not paid (indicator 1)' });
  });
  it('indicator 9: concept does not apply', () => {
    expect(adj([asst('9')], ['80']).facility.cents).toBeNull();
  });
});

describe('-62 co-surgeons and -66 team', () => {
  it.each([
    ['1', '-62, co-surgery indicator 1: 62.5% to each surgeon (documentation of medical necessity required)'],
    ['2', '-62, co-surgery indicator 2: 62.5% to each surgeon'],
  ])('-62 indicator %s: 62.5%%', (i, step) => {
    const a = adj([row({ ...R27447, coSurg: i })], ['62']);
    expect(a.steps).toEqual([step]);
    expect(a.facility.cents).toBe(72459); // 1159.3452 × 0.625 = 724.5908
  });
  it('-62 indicator 0: not permitted', () => {
    const a = adj([row({ ...R27447, coSurg: '0' })], ['62']);
    expect(a.steps).toEqual(['-62, co-surgery indicator 0: co-surgeons not permitted for this procedure: not paid']);
    expect(a.facility.cents).toBeNull();
  });
  it('-66: contractor-priced (by report) when permitted, not paid when not', () => {
    const a = adj([row({ ...R27447, teamSurg: '2' })], ['66']);
    expect(a.steps).toEqual(['-66, team-surgery indicator 2: team surgeons paid by report: contractor-priced']);
    expect(a.facility).toEqual({ cents: null, reason: 'team surgery: contractor-priced (by report)' });
    expect(adj([R27447], ['66']).steps).toEqual(['-66, team-surgery indicator 0: team surgeons not permitted: not paid']);
  });
});

describe('-54 / -55 / -56 split global package (27447: pre 10%, intra 69%, post 21%)', () => {
  it('-54: pre-op + intra-op = 79%', () => {
    const a = adj([R27447], ['54']);
    expect(a.steps).toEqual(['-54 (surgical care only): pre-op 10% + intra-op 69% = 79%']);
    expect(a.facility.cents).toBe(91588); // 1159.3452 × 0.79 = 915.8827
  });
  it('-55: post-op 21%', () => {
    const a = adj([R27447], ['55']);
    expect(a.steps).toEqual(['-55 (postoperative management only): post-op 21%']);
    expect(a.facility.cents).toBe(24346); // 243.4625
  });
  it('-56: pre-op 10%', () => {
    const a = adj([R27447], ['56']);
    expect(a.steps).toEqual(['-56 (preoperative management only): pre-op 10%']);
    expect(a.facility.cents).toBe(11593); // 115.9345
  });
  it('no split for codes without shares', () => {
    const a = adj([R99213], ['54']);
    expect(a.steps[0]).toMatch(/global days XXX: the file has no pre\/intra\/post-op shares/);
    expect(a.nonFacility.cents).toBeNull();
  });
  it('-78: intra-op share only', () => {
    const a = adj([R27447], ['78']);
    expect(a.steps[0]).toMatch(/^-78, .*intra-op share 69%/);
    expect(a.facility.cents).toBe(79995); // 1159.3452 × 0.69 = 799.9482
  });
});

describe('informational modifiers', () => {
  it.each(['25', '59', 'XE', 'XS', 'XP', 'XU', 'RT', 'LT', 'GC', '95', '76', '77', '79'])('-%s: no fee change', (m) => {
    const a = adj([R99213], [m]);
    expect(a.steps).toHaveLength(1);
    expect(a.steps[0]).toMatch(new RegExp(`^-${m} \\(.+\\): no fee change$`));
    expect(both(a)).toEqual([9519, 5745]);
  });
  it('-25 -GC: one line each', () => {
    expect(adj([R99213], ['25', 'GC']).steps).toEqual([
      '-25 (significant, separately identifiable E/M): no fee change',
      '-GC (performed in part by a resident under a teaching physician): no fee change',
    ]);
  });
  it('unknown modifiers are reported as not modeled', () => {
    expect(adj([R99213], ['QQ']).steps).toEqual(['-QQ: not modeled; no fee adjustment applied']);
  });
});

describe('units and combinations', () => {
  it('units multiply at the end, rounding once', () => {
    const a = adj([R99213], [], { units: 3 });
    expect(a.steps).toEqual(['× 3 units']);
    expect(a.nonFacility.cents).toBe(28558); // 2.85 × 3 × 33.4009 = 285.5777 (not 3 × 95.19 = 285.57)
  });
  it('-50 then -51 (bilateral before multiple procedure): 150% × 50% = 75%', () => {
    const a = adj([R27447], ['50', '51']);
    expect(a.steps).toEqual(['-50, bilateral indicator 1: 150%', '-51, multiple procedure indicator 2, rank 2: 50%']);
    expect(a.facility.cents).toBe(86951); // 1159.3452 × 0.75 = 869.5089
  });
  it('-62 with -51: 62.5% × 50%', () => {
    expect(adj([R27447], ['62', '51']).facility.cents).toBe(pctOf27447(5n, 16n));
  });
  it('-80 with -50: 16% × 150%', () => {
    expect(adj([R27447], ['80', '50']).facility.cents).toBe(pctOf27447(24n, 100n));
  });
  it('a null setting stays null through every rule', () => {
    const a = adj([R27447], ['50', '51', '80'], { units: 2 });
    expect(a.nonFacility).toEqual({ cents: null, reason: 'not paid in this setting (NA)' });
  });
  it('bilateral indicator 1 with 2 units notes the bilateral rule', () => {
    const a = adj([R27447], [], { units: 2 });
    expect(a.steps[0]).toMatch(/Medicare may treat this as bilateral \(150%\)/);
  });
  it('empty rows: null with a reason', () => {
    expect(adj([], ['26']).facility).toEqual({ cents: null, reason: 'code not in the fee schedule file' });
  });
});
