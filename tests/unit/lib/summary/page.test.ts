// summarizePage: grouping by code + modifiers, counts, units (null → 1), exact totals, missing and
// unpriced cards; the CSV/TSV of the summary.
import { describe, expect, it } from 'vitest';
import { pageSummaryCsv, pageSummaryTsv, summarizePage, summaryKey, type SummaryCard } from '../../../../lib/summary/page';

const cards = new Map<string, SummaryCard>([
  ['99213', { workRvu: 1.3, allowed: 95.19, description: 'Office o/p est low 20 min' }],
  ['99213-25', { workRvu: 1.3, allowed: 95.19, description: 'Office o/p est low 20 min' }],
  ['97110', { workRvu: 0.45, allowed: 29.05, description: 'Therapeutic exercises' }],
  ['80053', { workRvu: 0, allowed: null, description: 'Comprehen metabolic panel' }],
  ['0.1', { workRvu: 0, allowed: 0.1, description: '' }],
]);

describe('summarizePage: codes another schedule pays', () => {
  const other = new Map<string, SummaryCard>([
    ['99213', { workRvu: 1.3, allowed: 95.19, description: 'Office o/p est low 20 min' }],
    // A lab test: no PFS price, the CLFS national limitation amount instead.
    ['80053', { workRvu: 0, allowed: null, description: 'Comprehen metabolic panel', other: { schedule: 'CLFS', amount: 10.56, label: 'national limitation amount' } }],
    // A DME item with its state's amount, 3 units: 3 × $1.15 in cents.
    ['A4253', { workRvu: 0, allowed: null, description: 'Blood glucose test strips', other: { schedule: 'DMEPOS', amount: 1.15, label: 'WA non-rural' } }],
    // A PFS price wins: no other schedule shown beside it.
    ['88305', { workRvu: 0.75, allowed: 71.2, description: 'Tissue exam by pathologist', other: { schedule: 'CLFS', amount: 5, label: 'x' } }],
    ['J1885', { workRvu: 0, allowed: null, description: 'Ketorolac tromethamine inj', other: null }],
  ]);
  const s = summarizePage(
    [
      { code: '99213', modifiers: [], units: null },
      { code: '80053', modifiers: [], units: null },
      { code: '80053', modifiers: [], units: null },
      { code: 'A4253', modifiers: [], units: 3 },
      { code: '88305', modifiers: [], units: null },
      { code: 'J1885', modifiers: [], units: null },
    ],
    other,
  );
  const row = (key: string) => s.rows.find((r) => r.key === key)!;

  it("shows the other schedule's amount per unit and × units on the line", () => {
    expect(row('80053').other).toEqual({ schedule: 'CLFS', amount: 10.56, label: 'national limitation amount', total: 21.12 });
    expect(row('A4253').other).toEqual({ schedule: 'DMEPOS', amount: 1.15, label: 'WA non-rural', total: 3.45 });
    expect(row('88305').other).toBeNull();
    expect(row('J1885').other).toBeNull();
    expect(row('99213').other).toBeNull();
  });

  it('keeps it out of the Allowed total and counts the line as not priced (the total is physician fee schedule amounts)', () => {
    expect(row('80053')).toMatchObject({ allowed: null, allowedTotal: null });
    expect(s.totals.allowed).toBe(166.39);
    expect(s.totals.unpriced).toBe(3);
    // The CSV's allowed columns stay empty for it.
    const csv = pageSummaryCsv(s, { bom: false }).split('\r\n');
    expect(csv.find((l) => l.startsWith('80053,'))!.endsWith(',,')).toBe(true);
  });
});

describe('summaryKey', () => {
  it.each([
    ['99213', [], '99213'], ['99213', ['25'], '99213-25'], ['99213', ['gc', ' 25 ', 'GC'], '99213-GC-25'], [' e0114 ', ['nu'], 'E0114-NU'],
  ])('%s %j → %s', (c, m, k) => expect(summaryKey(c, m)).toBe(k));
});

describe('summarizePage', () => {
  const marks = [
    { code: '99213', modifiers: [], units: null },
    { code: '97110', modifiers: [], units: 3 },
    { code: '99213', modifiers: ['25'], units: null },
    { code: '99213', modifiers: [], units: 2 },
    { code: '97110', modifiers: [], units: null },
    { code: '80053', modifiers: [], units: null },
    { code: '12345', modifiers: [], units: 0 },
  ];
  const s = summarizePage(marks, cards);

  it('rows in page order with counts and units', () => {
    expect(s.rows.map((r) => [r.key, r.count, r.units])).toEqual([
      ['99213', 2, 3], ['97110', 2, 4], ['99213-25', 1, 1], ['80053', 1, 1], ['12345', 1, 1],
    ]);
    expect(s.rows[0]).toMatchObject({ workRvu: 1.3, workRvuTotal: 3.9, allowed: 95.19, allowedTotal: 285.57 });
    expect(s.rows[1]).toMatchObject({ workRvuTotal: 1.8, allowedTotal: 116.2 });
    expect(s.rows[3]).toMatchObject({ allowed: null, allowedTotal: null, workRvuTotal: 0 });
    expect(s.rows[4]).toMatchObject({ workRvu: null, allowed: null, description: '' });
  });

  it('totals are exact sums (independent: per-unit cents × units)', () => {
    const wantCents = 9519 * 3 + 2905 * 4 + 9519 * 1;
    expect(s.totals).toEqual({ codes: 5, count: 7, units: 10, workRvu: (130 * 3 + 45 * 4 + 130) / 100, allowed: wantCents / 100, unpriced: 1, missing: 1 });
  });

  it('no float drift over many marks', () => {
    const many = Array.from({ length: 1000 }, () => ({ code: '0.1', modifiers: [], units: 1 }));
    expect(summarizePage(many, cards).totals.allowed).toBe(100);
  });

  it('empty page', () => {
    expect(summarizePage([], cards)).toEqual({ rows: [], totals: { codes: 0, count: 0, units: 0, workRvu: 0, allowed: 0, unpriced: 0, missing: 0 } });
  });

  it('CSV: header, rows, Total row, BOM by default', () => {
    const one = summarizePage([{ code: '99213', modifiers: ['25'], units: 2 }], cards);
    expect(pageSummaryCsv(one)).toBe(
      '\uFEFFCode,Modifiers,Description,Count,Units,wRVU per unit,wRVU total,Allowed per unit (USD),Allowed total (USD)\r\n' +
        '99213,25,Office o/p est low 20 min,1,2,1.30,2.60,95.19,190.38\r\n' +
        'Total,,,1,2,,2.60,,190.38\r\n',
    );
    expect(pageSummaryCsv(one, { total: false, bom: false }).split('\r\n')).toHaveLength(3);
    expect(pageSummaryTsv(one).split('\n')[1]).toBe('99213\t25\tOffice o/p est low 20 min\t1\t2\t1.30\t2.60\t95.19\t190.38');
  });
});
