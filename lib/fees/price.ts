// Base pricing of one PFS row: allowed(setting) = [work×wGPCI + PE(setting)×peGPCI + MP×mpGPCI] × CF
// (record layout RVU25D ~lines 47-56), exact integers, rounded half-up to cents once at the end,
// then the OPPS imaging cap as min(formula, cap) (~lines 59-73). Pure; the modifier step is separate.

import type { ConversionFactors, Locality, LocalityId, OppsCapRow, PfsRow } from '../dataset/types';
import {
  RAW_PER_CENT,
  cfToTenThousandths,
  cmpFrac,
  dollarsToCents,
  formatUsd,
  frac,
  gpciToThousandths,
  roundCents,
  rvuToHundredths,
  type Frac,
} from './money';
import { statusInfo } from './status';

/** The two PFS settings: non-facility (office) and facility (hospital, ASC, SNF). */
export type Setting = 'nonFacility' | 'facility';
/** Both settings, non-facility first. */
export const SETTINGS: readonly Setting[] = ['nonFacility', 'facility'];
/** Conversion-factor track: not a qualifying APM participant (default) or qualifying APM participant. */
export type CfTrack = 'nonQp' | 'qp';

/** The reason given when a setting's NA indicator is set. */
export const REASON_NA = 'not paid in this setting (NA)';

/** One setting's price. `cents` is null when there is no price; `reason` then says why. */
export interface SettingPrice {
  cents: number | null;
  reason: string | null;
  /** Exact unrounded amount in cents (after the OPPS cap); null with cents. */
  exact: Frac | null;
  /** Exact unrounded components (work, PE, MP) in cents, before any cap; null when not priced. */
  parts: { work: Frac; pe: Frac; mp: Frac } | null;
  /** Formula amount before the cap, rounded (null when not priced). */
  formulaCents: number | null;
  /** The locality's OPPS-capped price for this setting, when a cap row was given. */
  capCents: number | null;
  /** True when the cap was lower than the formula and replaced it. */
  capApplied: boolean;
}

/** OPPS imaging cap information for one priced row. */
export interface OppsInfo {
  /** "applied" (cap lower in at least one setting), "not-lower" (cap row given, formula lower or equal),
   * "none" (no cap row), "national" (no cap for national amounts). */
  status: 'applied' | 'not-lower' | 'none' | 'national';
  note: string | null;
  capCents: { nonFacility: number | null; facility: number | null } | null;
}

/** Options of {@link priceRow}. */
export interface PriceOptions {
  /** Conversion-factor track; default 'nonQp'. */
  track?: CfTrack;
  /** The dataset's conversion factors, or one CF to use as is. */
  cf: ConversionFactors | number;
  /** The OPPS cap row of (code, modifier, locality), if the OPPSCAP file has one. */
  cap?: OppsCapRow | null;
}

/** Base price of one row. wRVU and totals are always present, priced or not. */
export interface RowPrice {
  code: string;
  modifier: string;
  status: string;
  /** "A active", "B bundled" ... */
  statusLabel: string;
  statusText: string;
  /** True when the status is priced (A, R, T). */
  payable: boolean;
  workRvu: number;
  peRvu: { nonFacility: number; facility: number };
  mpRvu: number;
  totalRvu: { nonFacility: number; facility: number };
  track: CfTrack;
  /** The CF used (dollars per RVU). */
  conversionFactor: number;
  localityId: LocalityId | null;
  nonFacility: SettingPrice;
  facility: SettingPrice;
  opps: OppsInfo;
  /** Explanations that do not block a price (T, R, NOT USED FOR MEDICARE PAYMENT, ...). */
  notes: string[];
}

/** The CF of a track. */
export function conversionFactorFor(cf: ConversionFactors | number, track: CfTrack = 'nonQp'): number {
  return typeof cf === 'number' ? cf : track === 'qp' ? cf.qp : cf.nonQp;
}

const unpriced = (reason: string): SettingPrice => ({
  cents: null,
  reason,
  exact: null,
  parts: null,
  formulaCents: null,
  capCents: null,
  capApplied: false,
});

/**
 * Price one PFS row in a locality (null = national, GPCIs of 1).
 * Returns cents per setting, or null with a reason (NA indicator, or a status other than A/R/T).
 */
export function priceRow(row: PfsRow, locality: Locality | null, options: PriceOptions): RowPrice {
  const track = options.track ?? 'nonQp';
  const cfValue = conversionFactorFor(options.cf, track);
  const info = statusInfo(row.status);
  const notes: string[] = [];
  if (row.notUsedForMedicare) {
    notes.push('NOT USED FOR MEDICARE PAYMENT: RVUs are published for other payers; wRVU shown for tracking.');
  }
  if (info.code === 'T') notes.push(info.long);
  if (info.code === 'R') notes.push(info.long);
  if (info.code === 'J') {
    const anes =
      locality === null
        ? typeof options.cf === 'number'
          ? null
          : track === 'qp'
            ? options.cf.anesQp
            : options.cf.anesNonQp
        : track === 'qp'
          ? locality.anesCfQp
          : locality.anesCfNonQp;
    if (anes !== null) notes.push(`Anesthesia conversion factor${locality ? ' for this locality' : ' (national)'}: ${anes}.`);
  }

  const wg = locality ? gpciToThousandths(locality.workGpci) : 1000n;
  const pg = locality ? gpciToThousandths(locality.peGpci) : 1000n;
  const mg = locality ? gpciToThousandths(locality.mpGpci) : 1000n;
  const cf = cfToTenThousandths(cfValue);
  const work = rvuToHundredths(row.workRvu);
  const mp = rvuToHundredths(row.mpRvu);

  const cap = options.cap ?? null;
  const capFor = (s: Setting): number | null =>
    cap && locality ? Number(dollarsToCents(s === 'facility' ? cap.facility : cap.nonFacility)) : null;

  const priceSetting = (s: Setting): SettingPrice => {
    const na = s === 'facility' ? row.facilityNa : row.nonFacilityNa;
    if (!info.priced) return unpriced(`status ${info.code}: ${info.short}`);
    if (na) return unpriced(REASON_NA);
    const pe = rvuToHundredths(s === 'facility' ? row.peFacility : row.peNonFacility);
    // Each part in units of 1e-9 dollar = 1e-7 cent.
    const parts = {
      work: frac(work * wg * cf, RAW_PER_CENT),
      pe: frac(pe * pg * cf, RAW_PER_CENT),
      mp: frac(mp * mg * cf, RAW_PER_CENT),
    };
    const formula = frac((work * wg + pe * pg + mp * mg) * cf, RAW_PER_CENT);
    const formulaCents = roundCents(formula);
    const capCents = capFor(s);
    const capApplied = capCents !== null && cmpFrac(frac(BigInt(capCents)), formula) < 0;
    const exact = capApplied && capCents !== null ? frac(BigInt(capCents)) : formula;
    return { cents: roundCents(exact), reason: null, exact, parts, formulaCents, capCents, capApplied };
  };

  const nonFacility = priceSetting('nonFacility');
  const facility = priceSetting('facility');

  let opps: OppsInfo;
  const hasOppsValues = row.oppsPeNonFacility > 0 || row.oppsPeFacility > 0 || row.oppsMp > 0;
  if (!locality) {
    opps = {
      status: 'national',
      note: cap || hasOppsValues ? 'No OPPS cap on national amounts (the cap is set per locality).' : null,
      capCents: null,
    };
  } else if (!cap) {
    opps = {
      status: 'none',
      note: hasOppsValues ? 'No OPPS cap row for this code and locality: formula amount used.' : null,
      capCents: null,
    };
  } else {
    const c = { nonFacility: capFor('nonFacility'), facility: capFor('facility') };
    const applied = SETTINGS.filter((s) => (s === 'facility' ? facility : nonFacility).capApplied);
    const capText = `${formatUsd(c.nonFacility ?? 0)} non-facility / ${formatUsd(c.facility ?? 0)} facility`;
    if (!info.priced) {
      opps = { status: 'not-lower', note: `OPPS cap for this locality: ${capText} (a contractor price cannot exceed it).`, capCents: c };
    } else if (applied.length > 0) {
      const where = applied.map((s) => (s === 'facility' ? 'facility' : 'non-facility')).join(' and ');
      opps = { status: 'applied', note: `OPPS cap applied (${where}): the lower of the PFS formula and the capped price ${capText}.`, capCents: c };
    } else {
      opps = { status: 'not-lower', note: `OPPS cap ${capText} is not lower than the PFS formula: formula amount used.`, capCents: c };
    }
  }

  return {
    code: row.code,
    modifier: row.modifier,
    status: info.code,
    statusLabel: `${info.code} ${info.short}`,
    statusText: info.long,
    payable: info.priced,
    workRvu: row.workRvu,
    peRvu: { nonFacility: row.peNonFacility, facility: row.peFacility },
    mpRvu: row.mpRvu,
    totalRvu: { nonFacility: row.totalNonFacility, facility: row.totalFacility },
    track,
    conversionFactor: cfValue,
    localityId: locality?.id ?? null,
    nonFacility,
    facility,
    opps,
    notes,
  };
}
