// tallyCsv / tallyTsv: header row, items in log order, Total row, plain numbers, the
// multiple-procedure column, formula-safe notes, BOM.
import { describe, expect, it } from 'vitest';
import { tallyCsv, tallyTsv } from '../../../../lib/tally/export';
import type { MppResult } from '../../../../lib/tally/multiple';
import { tallyTotals } from '../../../../lib/tally/totals';
import type { TallyItem } from '../../../../lib/tally/types';

const items: TallyItem[] = [
  { id: 'a', code: '27447', modifiers: ['RT'], units: 1, addedAt: '2026-03-01T14:05:00.000Z', encounter: 'OR 1', note: 'left, "primary"' },
  { id: 'b', code: '29881', modifiers: [], units: 1, addedAt: '2026-03-01T14:06:00.000Z', encounter: 'OR 1' },
  { id: 'c', code: '99213', modifiers: [], units: 2, addedAt: '2026-03-02T09:00:00.000Z', note: '=HYPERLINK("x")' },
];
const prices: Record<string, { workRvu: number; allowed: number | null; description: string }> = {
  '27447': { workRvu: 19.11, allowed: 1181.11, description: 'Total knee arthroplasty' },
  '29881': { workRvu: 7.03, allowed: 460.02, description: 'Knee arthroscopy/surgery' },
  '99213': { workRvu: 1.3, allowed: 95.19, description: 'Office o/p est low 20 min' },
};
const t = tallyTotals(items, (i) => prices[i.code] ?? null);

describe('tallyCsv', () => {
  it('plain export', () => {
    expect(tallyCsv(t)).toBe(
      '\uFEFFDate added,Code,Modifiers,Description,Units,wRVU per unit,wRVU total,Allowed per unit (USD),Allowed total (USD),Encounter,Note\r\n' +
        '2026-03-01T14:05:00.000Z,27447,RT,Total knee arthroplasty,1,19.11,19.11,1181.11,1181.11,OR 1,"left, ""primary"""\r\n' +
        '2026-03-01T14:06:00.000Z,29881,,Knee arthroscopy/surgery,1,7.03,7.03,460.02,460.02,OR 1,\r\n' +
        '2026-03-02T09:00:00.000Z,99213,,Office o/p est low 20 min,2,1.30,2.60,95.19,190.38,,"\'=HYPERLINK(""x"")"\r\n' +
        'Total,,,,4,,28.74,,1831.51,,\r\n',
    );
  });

  it('with the multiple-procedure column and a release', () => {
    const mpp = { items: [{ item: items[0]!, allowed: 1181.11 }, { item: items[1]!, allowed: 230.01 }] } as unknown as MppResult;
    const lines = tallyCsv(t, { mpp: [mpp], release: 'RVU26C', bom: false }).split('\r\n');
    expect(lines[0]).toBe(
      'Date added,Code,Modifiers,Description,Units,wRVU per unit,wRVU total,Allowed per unit (USD),Allowed total (USD),Allowed after multiple-procedure rule (USD),Encounter,Note,Release',
    );
    expect(lines[2]).toBe('2026-03-01T14:06:00.000Z,29881,,Knee arthroscopy/surgery,1,7.03,7.03,460.02,460.02,230.01,OR 1,,RVU26C');
    expect(lines[4]).toBe('Total,,,,4,,28.74,,1831.51,1601.50,,,RVU26C');
    expect(lines[5]).toBe('');
  });

  it('TSV', () => {
    expect(tallyTsv(t).split('\n')[1]).toBe('2026-03-01T14:05:00.000Z\t27447\tRT\tTotal knee arthroplasty\t1\t19.11\t19.11\t1181.11\t1181.11\tOR 1\tleft, "primary"');
  });
});
