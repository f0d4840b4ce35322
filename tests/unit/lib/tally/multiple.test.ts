// applyMultipleProcedureRule through the real lib/fees (createTallyPricing over fixture rows):
// ranking by fee, each indicator's rule, endoscopy families, units as procedures, explanations.
// Expected cents are computed here independently from the RVUs with BigInt.
import { describe, expect, it } from 'vitest';
import type { PfsRow } from '../../../../lib/dataset/types';
import { createFeeSource } from '../../../../lib/fees/price-code';
import { applyMultipleProcedureRule, itemsByEncounter } from '../../../../lib/tally/multiple';
import { createTallyPricing } from '../../../../lib/tally/pricing';
import type { TallyItem } from '../../../../lib/tally/types';
import { CF_2026, R27447, R99213, row } from '../fees/helpers';

const CF = 334009n; // 33.4009 in ten-thousandths
/** Exact cents of (hundredths RVU) × num/den, rounded half-up: the independent reference. */
function cents(h: bigint, num = 1n, den = 1n): number {
  const n = h * CF * num;
  const d = 10000n * den;
  return Number((2n * n + d) / (2n * d));
}
const H = (x: number) => BigInt(Math.round(x * 100));
const facH = (r: PfsRow) => H(r.workRvu) + H(r.peFacility) + H(r.mpRvu);
const nfH = (r: PfsRow) => H(r.workRvu) + H(r.peNonFacility) + H(r.mpRvu);

const surg = (code: string, w: number, pe: number, mp: number, extra: Partial<PfsRow> = {}) =>
  row({ code, workRvu: w, peFacility: pe, peNonFacility: pe, mpRvu: mp, multProc: '2', globalDays: '090', ...extra });
const R29881 = surg('29881', 7.03, 5.5, 1.2);
const R43235 = surg('43235', 2.04, 1.1, 0.2, { globalDays: '000' });
const R43239 = surg('43239', 2.33, 1.2, 0.25, { multProc: '3', endoBase: '43235', globalDays: '000' });
const R43236 = surg('43236', 2.82, 1.3, 0.3, { multProc: '3', endoBase: '43235', globalDays: '000' });
const R45380 = surg('45380', 3.47, 1.5, 0.4, { multProc: '3', endoBase: '45378' });
const R45381 = surg('45381', 3.6, 1.6, 0.4, { multProc: '3', endoBase: '45378' });
const R11111 = surg('11111', 1.0, 1.0, 0.1, { multProc: '1' });
const R99091 = row({ code: '99091', workRvu: 1.1, peNonFacility: 0.5, peFacility: 0.5, mpRvu: 0.1, multProc: '9' });
const img = (code: string, w: number, pe26: number, peTc: number) => {
  const base = { pctc: '1', multProc: '4', imagingFamily: '88' };
  return [
    row({ code, ...base, workRvu: w, peNonFacility: pe26 + peTc, mpRvu: 0.06 }),
    row({ code, modifier: '26', ...base, workRvu: w, peNonFacility: pe26, mpRvu: 0.05 }),
    row({ code, modifier: 'TC', ...base, peNonFacility: peTc, mpRvu: 0.01 }),
  ];
};
const R70450 = img('70450', 0.83, 0.3, 2.0);
const R70486 = img('70486', 0.85, 0.31, 3.1);
const R97110 = row({ code: '97110', workRvu: 0.45, peNonFacility: 0.4, mpRvu: 0.02, multProc: '5' });
const R97140 = row({ code: '97140', workRvu: 0.43, peNonFacility: 0.35, mpRvu: 0.02, multProc: '5' });
const R93306 = img('93306', 1.46, 0.5, 4.0).map((r) => ({ ...r, multProc: '6', imagingFamily: '99' }));
const R93000 = row({ code: '93000', workRvu: 0.17, peNonFacility: 0.3, mpRvu: 0.01, multProc: '6', pctc: '4' });
const many = Array.from({ length: 7 }, (_, i) => surg(`1200${i}`, 10 - i, 1, 0.1));

const pfs = [R27447, R99213, R29881, R43235, R43239, R43236, R45380, R45381, R11111, R99091, ...R70450, ...R70486, R97110, R97140, ...R93306, R93000, ...many];
const source = createFeeSource({ pfs, localities: [], oppsCap: [], conversionFactors: CF_2026 });
const fac = createTallyPricing(source, { setting: 'facility' });
const nf = createTallyPricing(source, { setting: 'nonFacility' });
let n = 0;
const item = (code: string, modifiers: string[] = [], units = 1): TallyItem => ({ id: `i${n++}`, code, modifiers, units, addedAt: '2026-01-01T00:00:00.000Z', encounter: 'E1' });
const byCode = (r: ReturnType<typeof applyMultipleProcedureRule>, code: string) => r.items.find((i) => i.item.code === code)!;

describe('applyMultipleProcedureRule', () => {
  it('standard: ranks by fee, 100% / 50%; indicator 0 untouched; explanation lines', () => {
    const r = applyMultipleProcedureRule([item('99213'), item('29881', ['51']), item('27447', ['RT'])], fac);
    expect(byCode(r, '27447').allowed).toBe(cents(facH(R27447)) / 100);
    expect(byCode(r, '29881').allowed).toBe(cents(facH(R29881), 1n, 2n) / 100);
    expect(byCode(r, '99213').allowed).toBe(cents(facH(R99213)) / 100);
    expect(byCode(r, '29881').ranks).toEqual([2]);
    expect(r.lines.slice(1)).toEqual(['99213 not subject to -51 (indicator 0)', '27447-RT rank 1: 100%', '29881-51 rank 2 with -51: 50%']);
    const base = cents(facH(R27447)) + cents(facH(R29881)) + cents(facH(R99213));
    const after = cents(facH(R27447)) + cents(facH(R29881), 1n, 2n) + cents(facH(R99213));
    expect(r.baseTotal).toBe(base / 100);
    expect(r.allowedTotal).toBe(after / 100);
    const usd = (c: number) => `$${(c / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;
    expect(r.lines[0]).toBe(`Multiple-procedure rule on 3 items: allowed ${usd(base)} → ${usd(after)}`);
    expect(r.notComputed).toBe(0);
  });

  it('ties by code; indicator 1 rank 3 is 25%; beyond the 5th by report; indicator 9', () => {
    const tie = applyMultipleProcedureRule([item('29881'), item('29881')], fac);
    expect(tie.items.map((i) => i.ranks[0])).toEqual([1, 2]);
    const r = applyMultipleProcedureRule([...many.map((m) => item(m.code)), item('11111'), item('99091')], fac);
    expect(byCode(r, '11111').ranks).toEqual([8]);
    expect(byCode(r, '11111').allowed).toBeNull();
    expect(byCode(r, '12005').allowed).toBeNull();
    expect(byCode(r, '12004').allowed).toBe(cents(facH(many[4]!), 1n, 2n) / 100);
    expect(r.lines).toContain('12005 rank 6 with -51: beyond the 5th procedure payment is by report: contractor-priced');
    expect(r.lines).toContain('99091: multiple-procedure rule does not apply (indicator 9)');
    expect(r.notComputed).toBe(3);
    const one = applyMultipleProcedureRule([item('27447'), item('11111'), item('29881')], fac);
    expect(byCode(one, '11111').allowed).toBe(cents(facH(R11111), 1n, 4n) / 100);
  });

  it('endoscopy family: highest 100%, others fee minus base, base not paid; family ranked 50% after 27447', () => {
    const r = applyMultipleProcedureRule([item('43235'), item('43239'), item('43236'), item('27447')], fac);
    const f36 = cents(facH(R43236));
    const f39 = cents(facH(R43239) - facH(R43235));
    expect(byCode(r, '43236').allowed).toBe(Math.round(f36 / 2) / 100);
    expect(byCode(r, '43239').allowed).toBe(Math.round(f39 / 2) / 100);
    expect(byCode(r, '43235').allowed).toBe(0);
    expect(byCode(r, '27447').allowed).toBe(cents(facH(R27447)) / 100);
    expect(byCode(r, '43239').group).toBe('endoscopy 43235');
    expect(r.lines).toContain('43236: highest-valued endoscopy of family 43235: 100%');
    expect(r.lines).toContain('43235: base endoscopy of family 43235, billed with another endoscopy of the family: not paid separately');
    expect(r.lines).toContain(`43239: endoscopy family 43235, not the highest: its fee minus the base 43235 fee = $${(f39 / 100).toFixed(2)}`);
    expect(r.lines.some((l) => /^endoscopy family 43235 \(\$[\d.,]+\) rank 2 with -51: 50%$/.test(l))).toBe(true);
  });

  it('endoscopy without the base code in the release: says what cannot be computed', () => {
    const r = applyMultipleProcedureRule([item('45380'), item('45381')], fac);
    expect(byCode(r, '45381').allowed).toBe(cents(facH(R45381)) / 100);
    expect(byCode(r, '45380').allowed).toBeNull();
    expect(byCode(r, '45380').lines[0]).toMatch(/^45380: endoscopy family 45378: pays its fee minus the base 45378 fee, which cannot be computed without the family base/);
    expect(r.notComputed).toBe(1);
  });

  it('a lone endoscopy is a plain procedure: 50% at rank 2', () => {
    const r = applyMultipleProcedureRule([item('43239'), item('27447')], fac);
    expect(byCode(r, '43239').allowed).toBe(Math.round(cents(facH(R43239)) / 2) / 100);
    expect(r.lines).toContain('43239 rank 2 with -51: 50%');
  });

  it('imaging family: TC 50%, PC 95% for the lower-priced; units are procedures', () => {
    const [g50, p50, t50] = R70450 as [PfsRow, PfsRow, PfsRow];
    const rank2 = cents(nfH(p50) * 19n + nfH(t50) * 10n, 1n, 20n);
    const r = applyMultipleProcedureRule([item('70450'), item('70486')], nf);
    expect(byCode(r, '70486').allowed).toBe(cents(nfH(R70486[0]!)) / 100);
    expect(byCode(r, '70450').allowed).toBe(rank2 / 100);
    expect(byCode(r, '70450').group).toBe('imaging 88');
    const u = applyMultipleProcedureRule([item('70450', [], 2)], nf);
    expect(u.items[0]!.allowed).toBe((cents(nfH(g50)) + rank2) / 100);
    expect(u.items[0]!.ranks).toEqual([1, 2]);
    expect(u.lines[2]).toMatch(/^70450 \(unit 2\) rank 2 \(imaging 88\): global = professional component 95% of the 26 amount \+ technical component 50% of the TC amount$/);
    // -26 alone: professional 95%
    const pc = applyMultipleProcedureRule([item('70486'), item('70450', ['26'])], nf);
    expect(byCode(pc, '70450').allowed).toBe(cents(nfH(p50), 19n, 20n) / 100);
  });

  it('therapy: PE 50% from the 2nd; cardiovascular PCTC 4 not computed', () => {
    const r = applyMultipleProcedureRule([item('97140'), item('97110', [], 2)], nf);
    const red = (x: PfsRow) => cents(2n * H(x.workRvu) + H(x.peNonFacility) + 2n * H(x.mpRvu), 1n, 2n);
    expect(byCode(r, '97110').allowed).toBe((cents(nfH(R97110)) + red(R97110)) / 100);
    expect(byCode(r, '97140').allowed).toBe(red(R97140) / 100);
    expect(byCode(r, '97140').ranks).toEqual([3]);
    const c = applyMultipleProcedureRule([item('93000'), item('93306')], nf);
    expect(byCode(c, '93306').allowed).toBe(cents(nfH(R93306[0]!)) / 100);
    expect(byCode(c, '93000').allowed).toBeNull();
    expect(byCode(c, '93000').lines[0]).toMatch(/^93000 rank 2 \(cardiovascular\): technical component 75%.*global-test-only/);
  });

  it('unknown codes are reported, not ranked', () => {
    const r = applyMultipleProcedureRule([item('27447'), item('00000')], fac);
    expect(byCode(r, '00000')).toMatchObject({ allowed: null, baseAllowed: null, group: 'none', ranks: [] });
    expect(r.lines).toContain('00000: not in the physician fee schedule; not ranked');
  });

  it('itemsByEncounter', () => {
    const a = { ...item('1'), encounter: 'A' };
    const b = { ...item('2'), encounter: 'B' };
    const { encounter: _e, ...none } = item('3');
    const m = itemsByEncounter([a, none, b, { ...a, id: 'a2' }]);
    expect([...m.keys()]).toEqual(['A', 'B']);
    expect(m.get('A')!.map((i) => i.id)).toEqual([a.id, 'a2']);
  });
});
