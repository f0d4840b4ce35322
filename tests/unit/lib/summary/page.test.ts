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
