// toCsv / toTsv: RFC 4180 quoting, header row, CRLF, plain numbers, formula defusing, BOM.
import { describe, expect, it } from 'vitest';
import { CSV_BOM, defuseFormula, formatCell, plain2, quoteCsvField, toCsv, toTsv, type CsvColumn } from '../../../../lib/summary/csv';

interface R { t: string; m: number | null; i: number }
const cols: CsvColumn<R>[] = [
  { header: 'Text', value: (r) => r.t },
  { header: 'Amount (USD)', value: (r) => r.m, format: 'money' },
  { header: 'Count', value: (r) => r.i, format: 'int' },
];

describe('csv', () => {
  it.each([
    [0, '0.00'], [1234.5, '1234.50'], [95.19, '95.19'], [-0.05, '-0.05'], [0.1 + 0.2, '0.30'], [1e6, '1000000.00'], [NaN, ''],
  ])('plain2(%s) = %s', (x, s) => expect(plain2(x)).toBe(s));

  it.each([
    ['plain', 'plain'], ['a,b', '"a,b"'], ['say "hi"', '"say ""hi"""'], ['line\nbreak', '"line\nbreak"'], ['cr\r', '"cr\r"'], ['', ''],
  ])('quoteCsvField(%j)', (a, b) => expect(quoteCsvField(a)).toBe(b));

  it.each([
    ['=SUM(A1)', "'=SUM(A1)"], ['+1', "'+1"], ['-2', "'-2"], ['@cmd', "'@cmd"], ['\tx', "'\tx"], ['a=b', 'a=b'], ['99213', '99213'],
  ])('defuseFormula(%j)', (a, b) => expect(defuseFormula(a)).toBe(b));

  it('formatCell: numbers are not defused, null is empty', () => {
    expect(formatCell(-12.5, 'money')).toBe('-12.50');
    expect(formatCell(null, 'money')).toBe('');
    expect(formatCell(undefined)).toBe('');
    expect(formatCell(2.6, 'int')).toBe('3');
    expect(formatCell(1.3, 'rvu')).toBe('1.30');
  });

  it('toCsv: header, CRLF, quoting, no currency symbols', () => {
    const text = toCsv<R>([{ t: 'Office, est "low"', m: 95.19, i: 2 }, { t: '=1+1', m: null, i: 1 }], cols);
    expect(text).toBe('Text,Amount (USD),Count\r\n"Office, est ""low""",95.19,2\r\n\'=1+1,,1\r\n');
    expect(text).not.toContain('$');
    expect(toCsv<R>([], cols, { bom: true })).toBe(`${CSV_BOM}Text,Amount (USD),Count\r\n`);
  });

  it('toTsv: tabs, LF, no quoting, breaks become spaces', () => {
    expect(toTsv<R>([{ t: 'a\tb\r\nc', m: 1, i: 1 }, { t: '-x', m: -1, i: 0 }], cols)).toBe('Text\tAmount (USD)\tCount\na b c\t1.00\t1\n\'-x\t-1.00\t0\n');
  });
});
