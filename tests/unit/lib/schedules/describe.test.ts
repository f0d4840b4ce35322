import { describe, expect, it } from 'vitest';
import { parseClfs } from '../../../../lib/cms/parse-clfs';
import { parseDmepos } from '../../../../lib/cms/parse-dmepos';
import { parseHcpcs } from '../../../../lib/cms/parse-hcpcs';
import { describeOtherSchedules, describeWithIndex, indexOtherSchedules, scheduleFor, stateOfLocality } from '../../../../lib/schedules/index';
import { fixture } from '../cms/fixtures';

const hcpcs = parseHcpcs(fixture('hcpcs-2025.csv'));
const idx = indexOtherSchedules({
  hcpcs: hcpcs.records,
  hcpcsModifiers: hcpcs.modifiers,
  clfs: parseClfs(fixture('clfs-2026.csv')).records,
  dmepos: parseDmepos(fixture('dmepos-2025.csv')).records,
});
const now = new Date('2026-05-01T00:00:00Z');
const ask = (code: string, mods: string[] = [], o: { pfsStatus?: string; state?: string | null; rural?: boolean } = {}) =>
  describeWithIndex(idx, code, mods, { pfsStatus: o.pfsStatus, state: o.state ?? null, rural: o.rural ?? false, now });

describe('scheduleFor', () => {
  const ctx = (code: string, pfsStatus?: string) => ({ hcpcs: idx.hcpcs(code), clfs: idx.clfs(code), dmepos: idx.dmepos(code), pfsStatus, state: null, rural: false, now });
  it.each([
    { code: 'G0438', pfs: 'A', want: 'PFS' },
    { code: '80053', pfs: 'X', want: 'CLFS' },
    { code: '0037U', pfs: undefined, want: 'CLFS' },
    { code: 'E0114', pfs: undefined, want: 'DMEPOS' },
    { code: 'C1776', pfs: undefined, want: 'none' },
    { code: 'J9999', pfs: 'E', want: 'none' },
    { code: '99499', pfs: 'C', want: 'PFS' },
    { code: '99999', pfs: undefined, want: null },
  ])('$code (PFS status $pfs) → $want', ({ code, pfs, want }) => {
    expect(scheduleFor(code, [], ctx(code, pfs))).toBe(want);
  });
});

describe('describeOtherSchedules', () => {
  it('CLFS: national limitation amount, setting-independent; QW row same rate', () => {
    expect(ask('80053', [], { pfsStatus: 'X' })).toMatchObject({ schedule: 'CLFS', amount: 10.56, amountLabel: 'national limitation amount', rowModifier: '', known: true });
    expect(ask('80053', ['QW'])).toMatchObject({ amount: 10.56, rowModifier: 'QW' });
    expect(ask('0037U').amount).toBe(3500);
    expect(ask('0037U').statement).toContain('$3,500.00');
  });

  it('CLFS indicator L: no amount, contractor-priced (local)', () => {
    expect(ask('0620U')).toMatchObject({ schedule: 'CLFS', amount: null, amountLabel: 'contractor-priced (local)' });
  });

  it('DMEPOS: state non-rural by default, rural as an option (rural 0.00 → NR)', () => {
    expect(ask('E0114', ['NU'], { state: 'TX' })).toMatchObject({ schedule: 'DMEPOS', amount: 57.53, amountLabel: 'TX non-rural', rowModifier: 'NU' });
    expect(ask('E0114', ['NU'], { state: 'TX', rural: true })).toMatchObject({ amount: 57.53, amountLabel: 'TX rural (same as non-rural)' });
    expect(ask('L1830', [], { state: 'TX', rural: true })).toMatchObject({ amount: 86.88, amountLabel: 'TX rural' });
    expect(ask('L1830', [], { state: 'AK' }).amount).toBe(139.65);
    expect(ask('E0601', ['RR'], { state: 'TX' }).amount).toBe(49.57);
  });

  it('DMEPOS modifier choice: the page modifier, else NU, and says so', () => {
    expect(ask('E0114', ['RR'], { state: 'TX' })).toMatchObject({ amount: 10.17, rowModifier: 'RR' });
    const none = ask('E0114', [], { state: 'TX' });
    expect(none).toMatchObject({ amount: 57.53, rowModifier: 'NU' });
    expect(none.statement).toContain('no modifier given: using the NU (new purchase) row');
    expect(ask('E0114', ['LT'], { state: 'TX' }).statement).toContain('modifier LT has no DMEPOS row: using the NU');
    expect(ask('K0001', ['RR', 'KF'], { state: 'TX' }).rowModifier).toBe('KF-RR');
  });

  it('DMEPOS national: no state → no amount, range + ceiling/floor, asks for a locality', () => {
    const a = ask('E0114', ['NU']);
    expect(a.amount).toBeNull();
    expect(a.amountLabel).toContain('$56.05–$66.58 by state');
    expect(a.amountLabel).toContain('ceiling $65.94 / floor $56.05');
    expect(a.amountLabel).toContain("choose a locality for your state's amount");
  });

  it('none: OPPS C codes, ASP drugs, S codes, terminated codes', () => {
    expect(ask('C1776')).toMatchObject({ schedule: 'none', amount: null, description: 'Fixture implantable joint thing' });
    expect(ask('C1776').statement).toMatch(/OPPS \(hospital outpatient\).*no physician fee/);
    expect(ask('J9999', [], { pfsStatus: 'E' }).statement).toMatch(/^Drug: .*ASP/);
    expect(ask('S9999').statement).toMatch(/not payable by Medicare/);
    const gone = ask('Q0001');
    expect(gone.terminated).toEqual({ date: '2020-12-31' });
    expect(gone.statement).toMatch(/^Terminated on 2020-12-31/);
  });

  it('Level II codes in the PFS: PFS, with the HCPCS long description', () => {
    expect(ask('G0438', [], { pfsStatus: 'A' })).toMatchObject({ schedule: 'PFS', amount: null, description: 'Fixture wellness visit, initial' });
  });

  it('unknown code: known false', () => {
    expect(ask('99999')).toMatchObject({ known: false, schedule: 'none' });
  });

  it('is JSON-serialisable', () => {
    const a = describeOtherSchedules('E0114', ['NU'], { hcpcs: idx.hcpcs('E0114'), clfs: [], dmepos: idx.dmepos('E0114'), state: 'NY', rural: false, now });
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
    expect(a.amount).toBe(61.45);
  });

  it('stateOfLocality', () => {
    expect(stateOfLocality({ state: 'tx' })).toBe('TX');
    expect(stateOfLocality(null)).toBeNull();
    expect(stateOfLocality({ state: '' })).toBeNull();
  });
});
