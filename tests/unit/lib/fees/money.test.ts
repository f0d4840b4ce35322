import { describe, expect, it } from 'vitest';
import {
  centsToDollars,
  cfToTenThousandths,
  formatUsd,
  frac,
  gpciToThousandths,
  percentText,
  roundCents,
  rvuToHundredths,
} from '../../../../lib/fees/money';

describe('money: scaling', () => {
  it('converts CMS decimals to integers without float drift', () => {
    expect(rvuToHundredths(1.46)).toBe(146n);
    expect(rvuToHundredths(0.29)).toBe(29n);
    expect(rvuToHundredths(19.11)).toBe(1911n);
    expect(gpciToThousandths(1.064)).toBe(1064n);
    expect(gpciToThousandths(1.5)).toBe(1500n);
    expect(gpciToThousandths(0.551)).toBe(551n);
    expect(cfToTenThousandths(33.4009)).toBe(334009n);
    expect(cfToTenThousandths(33.5675)).toBe(335675n);
  });
  it('rejects non-finite numbers', () => {
    expect(() => rvuToHundredths(Number.NaN)).toThrow(/finite/);
  });
});

describe('money: roundCents (half-up, once)', () => {
  it('rounds exactly .5 up', () => {
    expect(roundCents(frac(5n, 10n))).toBe(1);
    expect(roundCents(frac(225n, 10n))).toBe(23);
    expect(roundCents(frac(15n, 2n))).toBe(8);
  });
  it('rounds just below .5 down and just above up', () => {
    expect(roundCents(frac(4_999_999n, 10_000_000n))).toBe(0);
    expect(roundCents(frac(5_000_001n, 10_000_000n))).toBe(1);
    expect(roundCents(frac(9_519_256_500n, 1_000_000n))).toBe(9519);
  });
  it('handles negatives toward +infinity at .5', () => {
    expect(roundCents(frac(-5n, 10n))).toBe(0);
    expect(roundCents(frac(-6n, 10n))).toBe(-1);
    expect(roundCents(frac(-15n, 10n))).toBe(-1);
  });
});

describe('money: formatUsd', () => {
  it('formats cents as dollars with thousands separators', () => {
    expect(formatUsd(0)).toBe('$0.00');
    expect(formatUsd(5)).toBe('$0.05');
    expect(formatUsd(9519)).toBe('$95.19');
    expect(formatUsd(123456)).toBe('$1,234.56');
    expect(formatUsd(123456789)).toBe('$1,234,567.89');
    expect(formatUsd(-5)).toBe('-$0.05');
  });
  it('rejects fractional cents', () => {
    expect(() => formatUsd(1.5)).toThrow();
  });
  it('centsToDollars keeps null', () => {
    expect(centsToDollars(9519)).toBe(95.19);
    expect(centsToDollars(null)).toBeNull();
  });
  it('percentText', () => {
    expect(percentText(17n, 125n)).toBe('13.6%');
    expect(percentText(5n, 8n)).toBe('62.5%');
    expect(percentText(3n, 2n)).toBe('150%');
    expect(percentText(4n, 25n)).toBe('16%');
  });
});
