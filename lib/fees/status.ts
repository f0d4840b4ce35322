// The one table of PFS status codes (record layout RVU25D, Attachment A, ~lines 483-560) and
// PC/TC indicators (~lines 563-653): short label and long text for each. Pure data + lookups.

/** One status code: whether it is priced and how to explain it. */
export interface StatusInfo {
  code: string;
  /** Few words for a badge ("bundled"). */
  short: string;
  /** One sentence for a tooltip / the CLI. */
  long: string;
  /** True only for A, R, T: "Only RVUs associated with status codes of A, R, or T are used for Medicare payment" (layout ~line 169). */
  priced: boolean;
}

const S = (code: string, priced: boolean, short: string, long: string): StatusInfo => ({
  code,
  short,
  long,
  priced,
});

/** Status codes, record layout Attachment A. */
export const STATUS_CODES: Readonly<Record<string, StatusInfo>> = Object.freeze({
  A: S('A', true, 'active', 'Active code: paid separately under the physician fee schedule, if covered.'),
  B: S('B', false, 'bundled', 'Bundled code: payment is always bundled into payment for other services; RVUs shown are not used for Medicare payment.'),
  C: S('C', false, 'contractor-priced', 'Contractor-priced: the Medicare contractor (A/B MAC) sets the payment, usually case by case.'),
  D: S('D', false, 'deleted', 'Deleted code (deleted at the start of the year).'),
  E: S('E', false, 'excluded by regulation', 'Excluded from the physician fee schedule by regulation; no payment under the fee schedule.'),
  F: S('F', false, 'deleted (no grace period)', 'Deleted/discontinued code, not subject to a 90-day grace period.'),
  G: S('G', false, 'not valid for Medicare (grace period)', 'Not valid for Medicare: Medicare uses another code for this service (90-day grace period).'),
  H: S('H', false, 'deleted modifier', 'Deleted modifier: this TC or 26 component was deleted for the current year.'),
  I: S('I', false, 'not valid for Medicare', 'Not valid for Medicare purposes: Medicare uses another code for this service.'),
  J: S('J', false, 'anesthesia', 'Anesthesia service: priced by base units × the anesthesia conversion factor, not by RVUs.'),
  M: S('M', false, 'measurement code', 'Measurement code: used for reporting (quality) purposes only; no payment.'),
  N: S('N', false, 'non-covered', 'Non-covered service: not covered by Medicare.'),
  P: S('P', false, 'bundled/excluded', 'Bundled/excluded: no separate payment under the fee schedule (bundled when incident to a physician service, otherwise paid under another provision).'),
  R: S('R', true, 'restricted coverage', 'Restricted coverage: special coverage instructions apply; covered only in unusual circumstances.'),
  T: S('T', true, 'injection (paid alone only)', 'Injection: paid only if no other physician fee schedule service is billed the same day by the same provider.'),
  X: S('X', false, 'statutory exclusion', 'Statutory exclusion: not a "physician service"; paid under another fee schedule if at all (e.g. clinical lab, ambulance).'),
});

/** The status entry for a code; unknown letters get a generic entry (never priced). */
export function statusInfo(status: string): StatusInfo {
  const key = status.trim().toUpperCase();
  return STATUS_CODES[key] ?? S(key, false, `unknown status ${key || '(blank)'}`, `Status code "${key}" is not in the record layout; no price is computed.`);
}

/** Short label as "B bundled". */
export const statusLabel = (status: string): string => {
  const s = statusInfo(status);
  return `${s.code} ${s.short}`;
};

/** PC/TC indicator meanings (record layout, "PC/TC INDICATOR", ~lines 563-653). */
export const PCTC_INDICATORS: Readonly<Record<string, string>> = Object.freeze({
  '0': 'physician service (no professional/technical split)',
  '1': 'diagnostic test with professional (26) and technical (TC) components',
  '2': 'professional-component-only code',
  '3': 'technical-component-only code',
  '4': 'global-test-only code (its parts are separate codes)',
  '5': 'incident-to code',
  '6': 'laboratory physician interpretation code',
  '7': 'physical therapy service',
  '8': 'physician interpretation code',
  '9': 'PC/TC concept does not apply',
});

/** "indicator 0 (physician service ...)". */
export const pctcText = (pctc: string): string =>
  `PC/TC indicator ${pctc || '(blank)'} (${PCTC_INDICATORS[pctc] ?? 'unknown'})`;
