import { describe, expect, it } from 'vitest';
import type { OppsCapRow } from '../../../../lib/dataset/types';
import { createFeeSource, isPriceError, priceCode, type CodePrice } from '../../../../lib/fees/price-code';
import { ALASKA, CF_2026, MANHATTAN, R27447, R58321, R70450, R99213, REST_OF_CA, row } from './helpers';

const caps: OppsCapRow[] = [{ code: '70450', modifier: '', localityId: MANHATTAN.id, facility: 100, nonFacility: 100 }];
const endoBase = row({ code: '43235', workRvu: 2.04, peNonFacility: 7.38, peFacility: 1.03, mpRvu: 0.24, multProc: '2' });
const endo = row({ code: '43239', workRvu: 2.33, peNonFacility: 9.94, peFacility: 1.1, mpRvu: 0.27, multProc: '3', endoBase: '43235' });
const source = createFeeSource({
  pfs: [R99213, R58321, R27447, ...R70450, endoBase, endo, row({ code: '36415', status: 'X' })],
  localities: [MANHATTAN, ALASKA, REST_OF_CA],
  oppsCap: caps,
  conversionFactors: CF_2026,
  release: { id: 'RVU26C', year: 2026, quarterName: 'July', released: '06/30/2026', title: '' },
});

const ok = (r: ReturnType<typeof priceCode>): CodePrice => {
  if (isPriceError(r)) throw new Error(r.error);
  return r;
};

describe('priceCode', () => {
  it('99213 national: the full object', () => {
    const p = ok(priceCode(source, { code: '99213' }));
    expect(p).toMatchObject({
      code: '99213',
      modifier: null,
      description: 'Office o/p est low 20 min',
      status: 'A',
      statusLabel: 'A active',
      workRvu: 1.3,
      peRvu: { nonFacility: 1.46, facility: 0.33 },
      mpRvu: 0.09,
      totalRvu: { nonFacility: 2.85, facility: 1.72 },
      globalDays: 'XXX',
      allowed: { nonFacility: 95.19, facility: 57.45 },
      cents: { nonFacility: 9519, facility: 5745 },
      adjustments: [],
      locality: { id: null, name: 'National' },
      conversionFactor: 33.4009,
      track: 'nonQp',
      release: 'RVU26C',
      setting: null,
    });
    expect(JSON.parse(JSON.stringify(p))).toEqual(p); // serialisable (no bigint)
  });
  it.each([
    [MANHATTAN.id, 107.63, 63.78],
    [ALASKA.id, 118.72, 78.53],
    [REST_OF_CA.id, 99.22, 57.85],
  ])('99213 in %s', (localityId, nf, f) => {
    expect(ok(priceCode(source, { code: '99213', localityId })).allowed).toEqual({ nonFacility: nf, facility: f });
  });
  it('QP track and setting are carried', () => {
    const p = ok(priceCode(source, { code: '99213', track: 'qp', setting: 'facility' }));
    expect(p.conversionFactor).toBe(33.5675);
    expect(p.setting).toBe('facility');
    expect(p.allowed).toEqual({ nonFacility: 95.67, facility: 57.74 });
  });
  it('modifiers and units', () => {
    const p = ok(priceCode(source, { code: '27447', modifiers: ['50', 'rt'], units: 1 }));
    expect(p.modifier).toBe('50-RT');
    expect(p.allowed).toEqual({ nonFacility: null, facility: 1739.02 });
    expect(p.reasons.nonFacility).toBe('not paid in this setting (NA)');
    expect(p.adjustments[0]).toBe('-50, bilateral indicator 1: 150%');
    expect(p.baseCents.facility).toBe(115935);
  });
  it('-26 prices the 26 row and reports its RVUs', () => {
    const p = ok(priceCode(source, { code: '70450', modifiers: ['26'] }));
    expect(p.rowModifier).toBe('26');
    expect(p.totalRvu.nonFacility).toBe(1.18);
  });
  it('OPPS cap per locality; national says there is none', () => {
    const m = ok(priceCode(source, { code: '70450', localityId: MANHATTAN.id }));
    expect(m.allowed.nonFacility).toBe(100);
    expect(m.opps).toMatchObject({ status: 'applied', applied: { nonFacility: true, facility: false }, cap: { nonFacility: 100, facility: 100 } });
    expect(m.notes.join(' ')).toMatch(/OPPS cap applied/);
    const n = ok(priceCode(source, { code: '70450' }));
    expect(n.opps.status).toBe('national');
    expect(n.allowed.nonFacility).toBe(106.55);
  });
  it('endoscopy base rows are looked up through the source', () => {
    expect(ok(priceCode(source, { code: '43239', modifiers: ['51'] })).allowed.nonFacility).toBe(96.19);
  });
  it('unpriced status keeps wRVU and gives the label', () => {
    const p = ok(priceCode(source, { code: '36415' }));
    expect(p.allowed).toEqual({ nonFacility: null, facility: null });
    expect(p.statusLabel).toBe('X statutory exclusion');
  });
  it('unknown code, unknown locality and bad units are errors, not throws', () => {
    expect(priceCode(source, { code: '12345' })).toEqual({ code: '12345', modifier: null, error: '12345 is not in the physician fee schedule file' });
    expect(priceCode(source, { code: '99213', localityId: '99999-01' })).toMatchObject({ error: 'unknown locality 99999-01' });
    expect(priceCode(source, { code: '99213', units: 0 })).toMatchObject({ error: expect.stringMatching(/units/) });
  });
  it('lower-case code input', () => {
    expect(ok(priceCode(source, { code: '99213 ' })).code).toBe('99213');
    expect(source.rows('g0438')).toEqual([]);
  });
});
