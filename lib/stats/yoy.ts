/**
 * Year-over-year change of a code's wRVU and allowed amount against a previous release (issue 6):
 * "wRVU −2.5% vs 2025 · allowed +1.2%". Pure.
 *
 * Rounding: the change is computed exactly from integers (wRVU in hundredths, allowed in cents) and
 * rounded once to 0.1 percentage point, half away from zero (so +2.45% → +2.5% and −2.45% → −2.5%;
 * the sign never depends on the rounding direction). The text uses a true minus sign (U+2212) and
 * "+" for increases; an exact tie prints "unchanged", a change that rounds to 0.0 keeps its sign
 * ("+0.0%"). A previous value of 0 with a current value above 0 has no percentage (null): the text
 * says "was 0". An absent amount (null) on either side gives null and is left out of the text.
 */

/** One release's figures for a code: wRVU and the allowed amount in dollars (null = no price). */
export interface YearFigures {
  workRvu: number;
  allowed: number | null;
}

/** Result of {@link yearOverYear}. */
export interface YearOverYear {
  /** Change in percent, rounded to 0.1 (−2.5); null when it has no value (absent or previous 0). */
  workRvuChangePct: number | null;
  allowedChangePct: number | null;
  /** "wRVU −2.5% vs 2025 · allowed +1.2%", "not in 2025", "wRVU unchanged vs 2025". */
  text: string;
}

/**
 * Exact percentage change from integer `prev` to integer `cur`, rounded to 0.1 half away from zero.
 * Null when prev is 0 and cur is not (undefined change) or prev is negative.
 */
export function percentChange(prev: number, cur: number): number | null {
  if (!Number.isInteger(prev) || !Number.isInteger(cur)) throw new RangeError('percentChange takes integers');
  if (prev < 0) return null;
  if (prev === 0) return cur === 0 ? 0 : null;
  const num = Math.abs(cur - prev) * 1000; // tenths of a percent × prev
  const tenths = Math.floor((2 * num + prev) / (2 * prev)); // round half up on the magnitude
  const signed = cur < prev ? -tenths : tenths;
  return signed === 0 ? 0 : signed / 10;
}

/** "+1.2%", "−2.5%", "+0.0%" (direction kept), "unchanged". */
function signedText(pct: number, prev: number, cur: number): string {
  if (cur === prev) return 'unchanged';
  const sign = cur > prev ? '+' : '\u2212';
  return `${sign}${Math.abs(pct).toFixed(1)}%`;
}

const toHundredths = (x: number): number => Math.round(x * 100);

/**
 * The change of a code from the previous release (null = the code is not in that release) to the
 * current one. `previousLabel` names the previous release in the text ("2025", "RVU25D").
 */
export function yearOverYear(current: YearFigures, previous: YearFigures | null, previousLabel: string): YearOverYear {
  if (previous === null) return { workRvuChangePct: null, allowedChangePct: null, text: `not in ${previousLabel}` };
  const wPrev = toHundredths(previous.workRvu);
  const wCur = toHundredths(current.workRvu);
  const workRvuChangePct = percentChange(wPrev, wCur);
  let allowedChangePct: number | null = null;
  let allowedText: string | null = null;
  if (current.allowed !== null && previous.allowed !== null) {
    const aPrev = toHundredths(previous.allowed);
    const aCur = toHundredths(current.allowed);
    allowedChangePct = percentChange(aPrev, aCur);
    allowedText = allowedChangePct === null ? `allowed was $0.00 in ${previousLabel}` : `allowed ${signedText(allowedChangePct, aPrev, aCur)}`;
  }
  const workText =
    workRvuChangePct === null ? `wRVU was 0 in ${previousLabel}` : `wRVU ${signedText(workRvuChangePct, wPrev, wCur)} vs ${previousLabel}`;
  return { workRvuChangePct, allowedChangePct, text: allowedText ? `${workText} · ${allowedText}` : workText };
}
