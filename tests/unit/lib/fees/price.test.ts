import { describe, expect, it } from 'vitest';
import type { OppsCapRow } from '../../../../lib/dataset/types';
import { REASON_NA, conversionFactorFor, priceRow } from '../../../../lib/fees/price';
import { STATUS_CODES, statusInfo, statusLabel } from '../../../../lib/fees/status';
import { ALASKA, CF_2026, MANHATTAN, R58321, R70450, R99213, REST_OF_CA, locality, row } from './helpers';

const opts = { cf: CF_2026 };
const cents = (p: ReturnType<typeof priceRow>) => [p.nonFacility.cents, p.facility.cents];

describe('priceRow: domain.md check values (2026 July, non-QP CF 33.4009)', () => {
  it('99213 national $95.19 / $57.45', () => {
    expect(cents(priceRow(R99213, null, opts))).toEqual([9519, 5745]);
  });
  it('99213 Manhattan $107.63 / $63.78', () => {
    expect(cents(priceRow(R99213, MANHATTAN, opts))).toEqual([10763, 6378]);
  });
  it('99213 Alaska $118.72 / $78.53', () => {
    expect(cents(priceRow(R99213, ALASKA, opts))).toEqual([11872, 7853]);
  });
  it('99213 Rest of California $99.22 / $57.85', () => {
    expect(cents(priceRow(R99213, REST_OF_CA, opts))).toEqual([9922, 5785]);
  });
  it('58321 national $83.84 / $41.75', () => {
    expect(cents(priceRow(R58321, null, opts))).toEqual([8384, 4175]);
  });
  it('returns wRVU, totals, CF and no reason when priced', () => {
    const p = priceRow(R99213, null, opts);
    expect(p.workRvu).toBe(1.3);
    expect(p.totalRvu).toEqual({ nonFacility: 2.85, facility: 1.72 });
    expect(p.conversionFactor).toBe(33.4009);
    expect(p.track).toBe('nonQp');
    expect(p.nonFacility.reason).toBeNull();
    expect(p.statusLabel).toBe('A active');
  });
});

describe('priceRow: conversion-factor track', () => {
  it('QP uses 33.5675: 99213 national 2.85 × 33.5675 = $95.67, facility 1.72 × 33.5675 = $57.74', () => {
    const p = priceRow(R99213, null, { cf: CF_2026, track: 'qp' });
    expect(p.conversionFactor).toBe(33.5675);
    expect(cents(p)).toEqual([9567, 5774]);
  });
  it('QP Manhattan', () => {
    // (1.30×1.064 + 1.46×1.162 + 0.09×1.586) × 33.5675 = 3.22246 × 33.5675 = 108.1704...
    expect(priceRow(R99213, MANHATTAN, { cf: CF_2026, track: 'qp' }).nonFacility.cents).toBe(10817);
  });
  it('conversionFactorFor picks the track or takes a number', () => {
    expect(conversionFactorFor(CF_2026)).toBe(33.4009);
    expect(conversionFactorFor(CF_2026, 'qp')).toBe(33.5675);
    expect(conversionFactorFor(32.3465, 'qp')).toBe(32.3465);
  });
});

describe('priceRow: NA and status', () => {
  it('NA in a setting gives null with the NA reason; the other setting is priced', () => {
    const r = row({ code: '27447', workRvu: 19.11, peNonFacility: 11.58, nonFacilityNa: true, peFacility: 11.58, mpRvu: 4.02 });
    const p = priceRow(r, null, opts);
    expect(p.nonFacility).toMatchObject({ cents: null, reason: REASON_NA });
    expect(REASON_NA).toBe('not paid in this setting (NA)');
    expect(p.facility.cents).toBe(115935); // 34.71 × 33.4009 = 1159.345239
  });
  it.each([
    ['B', 'bundled'],
    ['C', 'contractor-priced'],
    ['E', 'excluded by regulation'],
    ['I', 'not valid for Medicare'],
    ['J', 'anesthesia'],
    ['M', 'measurement code'],
    ['N', 'non-covered'],
    ['P', 'bundled/excluded'],
    ['X', 'statutory exclusion'],
    ['D', 'deleted'],
    ['F', 'deleted (no grace period)'],
    ['G', 'not valid for Medicare (grace period)'],
    ['H', 'deleted modifier'],
  ])('status %s is not priced: %s', (status, short) => {
    const p = priceRow(row({ code: 'X0001', status, workRvu: 1.5, peNonFacility: 1, peFacility: 1 }), MANHATTAN, opts);
    expect(p.payable).toBe(false);
    expect(p.nonFacility).toMatchObject({ cents: null, reason: `status ${status}: ${short}` });
    expect(p.facility.cents).toBeNull();
    expect(p.workRvu).toBe(1.5);
    expect(p.totalRvu.nonFacility).toBe(2.5);
    expect(p.statusLabel).toBe(`${status} ${short}`);
  });
  it.each(['A', 'R', 'T'])('status %s is priced', (status) => {
    expect(priceRow(row({ ...R99213, status }), null, opts).nonFacility.cents).toBe(9519);
  });
  it('T and R carry a note; J gives the anesthesia CF and explains base units', () => {
    expect(priceRow(row({ ...R99213, status: 'T' }), null, opts).notes.join(' ')).toMatch(/only if no other/);
    expect(priceRow(row({ ...R99213, status: 'R' }), null, opts).notes.join(' ')).toMatch(/Restricted coverage/);
    const j = priceRow(row({ code: '00100', status: 'J' }), null, opts);
    expect(j.notes.join(' ')).toContain('20.49754');
    expect(statusInfo('J').long).toMatch(/base units × the anesthesia conversion factor/);
    const ak = { ...ALASKA, anesCfNonQp: 28.15, anesCfQp: 28.29 };
    expect(priceRow(row({ code: '00100', status: 'J' }), ak, { cf: CF_2026, track: 'qp' }).notes.join(' ')).toContain('28.29');
  });
  it('NOT USED FOR MEDICARE PAYMENT rows keep the wRVU and say so', () => {
    const p = priceRow(row({ code: '22526', status: 'N', notUsedForMedicare: true, workRvu: 5.7, peNonFacility: 51.76, peFacility: 2.36, mpRvu: 0.6 }), null, opts);
    expect(p.workRvu).toBe(5.7);
    expect(p.nonFacility.cents).toBeNull();
    expect(p.notes[0]).toMatch(/NOT USED FOR MEDICARE PAYMENT.*wRVU/);
  });
  it('status table: one entry per letter with short and long text; only A/R/T priced', () => {
    expect(Object.keys(STATUS_CODES).sort().join('')).toBe('ABCDEFGHIJMNPRTX');
    for (const s of Object.values(STATUS_CODES)) {
      expect(s.short.length).toBeGreaterThan(2);
      expect(s.long.length).toBeGreaterThan(s.short.length);
      expect(s.priced).toBe(['A', 'R', 'T'].includes(s.code));
    }
    expect(statusLabel('x')).toBe('X statutory exclusion');
    expect(statusInfo('Q').priced).toBe(false);
  });
});

describe('priceRow: rounding at the end only, half-up', () => {
  const cf1 = { cf: 1 };
  it('0.15 RVU × GPCI 1.5 × CF 1 = $0.225 exactly -> $0.23 (a float product would give $0.22)', () => {
    const loc = locality('00000-01', 'TEST', 'XX', 1.5, 1, 1);
    expect(priceRow(row({ code: 'T0001', workRvu: 0.15 }), loc, cf1).nonFacility.cents).toBe(23);
  });
  it('0.29 RVU × PE GPCI 0.5 = $0.145 -> $0.15', () => {
    const loc = locality('00000-01', 'TEST', 'XX', 1, 0.5, 1);
    expect(priceRow(row({ code: 'T0001', peNonFacility: 0.29, peFacility: 0.29 }), loc, cf1).facility.cents).toBe(15);
  });
  it('just below half rounds down: 0.01 × 0.499 × 1 = $0.00499 -> $0.00', () => {
    const loc = locality('00000-01', 'TEST', 'XX', 0.499, 1, 1);
    expect(priceRow(row({ code: 'T0001', workRvu: 0.01 }), loc, cf1).nonFacility.cents).toBe(0);
  });
  it('components are not rounded separately', () => {
    // Each component 0.004 dollars (would round to 0 each), sum 0.012 -> 1 cent.
    const loc = locality('00000-01', 'TEST', 'XX', 0.4, 0.4, 0.4);
    expect(priceRow(row({ code: 'T0001', workRvu: 0.01, peNonFacility: 0.01, mpRvu: 0.01 }), loc, cf1).nonFacility.cents).toBe(1);
  });
  it('large RVUs stay exact', () => {
    expect(priceRow(row({ code: 'T0001', workRvu: 999.99, peNonFacility: 999.99, mpRvu: 999.99 }), ALASKA, opts).nonFacility.cents).toBe(
      // (999.99 × (1.5 + 1.065 + 0.551)) × 33.4009 = 999.99 × 3.116 × 33.4009 = 104076.1...
      Number((99999n * 3116n * 334009n + 5_000_000n) / 10_000_000n),
    );
  });
});

describe('priceRow: OPPS cap', () => {
  const capRow = (nonFacility: number, facility: number, modifier = ''): OppsCapRow => ({ code: '70450', modifier, localityId: MANHATTAN.id, facility, nonFacility });
  it('cap lower than formula: the cap is the amount, and says so', () => {
    // 70450 Manhattan non-fac: (0.83×1.064 + 2.30×1.162 + 0.06×1.586) × 33.4009 = 121.94
    const p = priceRow(R70450[0]!, MANHATTAN, { cf: CF_2026, cap: capRow(100.5, 100.5) });
    expect(p.nonFacility.formulaCents).toBe(12194);
    expect(p.nonFacility).toMatchObject({ cents: 10050, capApplied: true, capCents: 10050 });
    expect(p.facility.cents).toBeNull(); // NA stays NA
    expect(p.opps.status).toBe('applied');
    expect(p.opps.note).toMatch(/OPPS cap applied \(non-facility\)/);
  });
  it('cap higher than formula: formula used', () => {
    const p = priceRow(R70450[0]!, MANHATTAN, { cf: CF_2026, cap: capRow(500, 500) });
    expect(p.nonFacility).toMatchObject({ cents: 12194, capApplied: false });
    expect(p.opps.status).toBe('not-lower');
  });
  it('cap equal to the rounded formula but below the exact formula still applies (min of exact values)', () => {
    // formula exact 12194.27... cents; a cap of $121.94 is lower.
    const p = priceRow(R70450[0]!, MANHATTAN, { cf: CF_2026, cap: capRow(121.94, 121.94) });
    expect(p.nonFacility).toMatchObject({ cents: 12194, capApplied: true });
  });
  it('national: no cap, with a note', () => {
    const p = priceRow(R70450[0]!, null, { cf: CF_2026, cap: capRow(1, 1) });
    expect(p.nonFacility.capApplied).toBe(false);
    expect(p.nonFacility.cents).toBe(10655); // 3.19 × 33.4009 = 106.548871
    expect(p.opps).toMatchObject({ status: 'national' });
    expect(p.opps.note).toMatch(/No OPPS cap on national amounts/);
  });
  it('no cap row in a locality: formula, with a note when the row has OPPS values', () => {
    const p = priceRow(R70450[0]!, MANHATTAN, opts);
    expect(p.opps.status).toBe('none');
    expect(p.opps.note).toMatch(/No OPPS cap row/);
    expect(priceRow(R99213, MANHATTAN, opts).opps.note).toBeNull();
  });
});
