// Exact money arithmetic for the fee math: CMS decimals -> scaled integers, exact fractions of a
// cent (bigint), a single half-up rounding to cents at the end, and the USD formatter.
// Pure: no fs, no DOM. No float is ever multiplied by another float.

/** An exact, non-rounded amount in cents: `n / d` (d > 0). */
export interface Frac {
  readonly n: bigint;
  readonly d: bigint;
}

/** RVUs and global-package shares are kept in hundredths. */
export const RVU_SCALE = 100;
/** GPCIs are kept in thousandths. */
export const GPCI_SCALE = 1000;
/** Conversion factors are kept in ten-thousandths. */
export const CF_SCALE = 10_000;
/** hundredths × thousandths × ten-thousandths = 1e9 per dollar = 1e7 per cent. */
export const RAW_PER_CENT = 10_000_000n;

function scaled(x: number, scale: number, what: string): bigint {
  if (!Number.isFinite(x)) throw new RangeError(`${what} is not a finite number: ${x}`);
  return BigInt(Math.round(x * scale));
}

/** RVU (2 decimals, e.g. 1.46) -> integer hundredths (146n). */
export const rvuToHundredths = (x: number): bigint => scaled(x, RVU_SCALE, 'RVU');
/** GPCI (3 decimals, e.g. 1.064) -> integer thousandths (1064n). */
export const gpciToThousandths = (x: number): bigint => scaled(x, GPCI_SCALE, 'GPCI');
/** Conversion factor (4 decimals, e.g. 33.4009) -> integer ten-thousandths (334009n). */
export const cfToTenThousandths = (x: number): bigint => scaled(x, CF_SCALE, 'conversion factor');
/** Dollars with 2 decimals (e.g. an OPPS cap price) -> integer cents. */
export const dollarsToCents = (x: number): bigint => scaled(x, 100, 'amount');

/** A fraction of a cent. */
export const frac = (n: bigint, d: bigint = 1n): Frac => {
  if (d === 0n) throw new RangeError('zero denominator');
  return d < 0n ? { n: -n, d: -d } : { n, d };
};

/** Multiply an exact amount by the rational `num/den`. */
export const mulFrac = (a: Frac, num: bigint, den: bigint): Frac => frac(a.n * num, a.d * den);

/** a + b, exact. */
export const addFrac = (a: Frac, b: Frac): Frac => frac(a.n * b.d + b.n * a.d, a.d * b.d);
/** a − b, exact. */
export const subFrac = (a: Frac, b: Frac): Frac => frac(a.n * b.d - b.n * a.d, a.d * b.d);

/** Compare two exact amounts: negative, 0 or positive. */
export const cmpFrac = (a: Frac, b: Frac): number => {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
};

/** Round an exact amount to whole cents, half-up (toward +infinity at exactly .5). */
export function roundCents(a: Frac): number {
  // floor((2n + d) / 2d), with floor division that is correct for negatives too.
  const num = 2n * a.n + a.d;
  const den = 2n * a.d;
  let q = num / den;
  if (num % den !== 0n && num < 0n) q -= 1n;
  return Number(q);
}

/** Format integer cents as US dollars: 123456 -> "$1,234.56", -5 -> "-$0.05". */
export function formatUsd(cents: number): string {
  if (!Number.isInteger(cents)) throw new RangeError(`cents must be an integer: ${cents}`);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const dollars = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}$${dollars}.${String(abs % 100).padStart(2, '0')}`;
}

/** Integer cents -> dollars as a number for JSON output (95.19); null stays null. */
export const centsToDollars = (cents: number | null): number | null =>
  cents === null ? null : Math.round(cents) / 100;

/** A percentage for explanation strings from a rational: 17/125 -> "13.6%". */
export function percentText(num: bigint, den: bigint): string {
  // Up to 3 decimals, trailing zeros removed.
  const thousandths = (num * 100_000n + den / 2n) / den; // percent × 1000
  const whole = thousandths / 1000n;
  const rest = (thousandths % 1000n).toString().padStart(3, '0').replace(/0+$/, '');
  return rest ? `${whole}.${rest}%` : `${whole}%`;
}
