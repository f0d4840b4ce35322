/**
 * Header mapping for every CMS file, as data: canonical field → accepted header spellings (compared
 * after `normalizeHeader`: upper case, single spaces, "CO- SURG" → "CO-SURG", leading year dropped).
 * A renamed column in a new release is a one-line change here. Pure data; importable anywhere.
 */
import type { PfsRow } from '../dataset/types';

export interface ColumnSpec {
  /** Accepted spellings; a string is compared after normalisation, a RegExp is tested on the normalised header. */
  headers: readonly (string | RegExp)[];
  required: boolean;
}
export type ColumnSpecs<K extends string> = Record<K, ColumnSpec>;

const req = (...headers: (string | RegExp)[]): ColumnSpec => ({ headers, required: true });
const opt = (...headers: (string | RegExp)[]): ColumnSpec => ({ headers, required: false });

/** PPRRVU (RVU25D record layout; 2026 adds PRIC IND). Stacked headers are joined top to bottom. */
export const PFS_COLUMNS: ColumnSpecs<keyof PfsRow> = {
  code: req('HCPCS', 'HCPCS CODE'),
  modifier: req('MOD', 'MODIFIER'),
  description: req('DESCRIPTION', 'SHORT DESCRIPTION'),
  status: req('STATUS CODE', 'STATUS'),
  notUsedForMedicare: req('NOT USED FOR MEDICARE PAYMENT'),
  workRvu: req('WORK RVU'),
  peNonFacility: req('NON-FAC PE RVU', 'NON-FACILITY PE RVU'),
  nonFacilityNa: req('NON-FAC NA INDICATOR', 'NON-FACILITY NA INDICATOR'),
  peFacility: req('FACILITY PE RVU'),
  facilityNa: req('FACILITY NA INDICATOR'),
  mpRvu: req('MP RVU'),
  totalNonFacility: req('NON-FACILITY TOTAL'),
  totalFacility: req('FACILITY TOTAL'),
  pctc: req('PCTC IND', 'PCTC INDICATOR'),
  globalDays: req('GLOB DAYS', 'GLOBAL DAYS'),
  preOp: req('PRE OP'),
  intraOp: req('INTRA OP'),
  postOp: req('POST OP'),
  multProc: req('MULT PROC'),
  bilatSurg: req('BILAT SURG'),
  asstSurg: req('ASST SURG'),
  coSurg: req('CO-SURG', 'CO SURG'),
  teamSurg: req('TEAM SURG'),
  pricInd: opt('PRIC IND', 'PRICING INDICATOR'),
  endoBase: req('ENDO BASE'),
  conversionFactor: req('CONV FACTOR', 'CONVERSION FACTOR'),
  physSupervision: req('PHYSICIAN SUPERVISION OF DIAGNOSTIC PROCEDURES'),
  calcFlag: req('CALCULATION FLAG'),
  imagingFamily: req('DIAGNOSTIC IMAGING FAMILY INDICATOR'),
  oppsPeNonFacility: req('NON-FACILITY PE USED FOR OPPS PAYMENT AMOUNT'),
  oppsPeFacility: req('FACILITY PE USED FOR OPPS PAYMENT AMOUNT'),
  oppsMp: req('MP USED FOR OPPS PAYMENT AMOUNT'),
};

/** GPCI (Addendum E). Raw 2025 has one work column (with floor); the January 2026 copy has both. */
export const GPCI_COLUMNS = {
  mac: req('MEDICARE ADMINISTRATIVE CONTRACTOR (MAC)', 'MEDICARE ADMINISTRATIVE CONTRACTOR', 'MAC', 'CONTRACTOR'),
  state: req('STATE'),
  locality: req('LOCALITY NUMBER', 'LOCALITY'),
  name: req('LOCALITY NAME'),
  workGpci: req('PW GPCI (WITH 1.0 FLOOR)', 'PW GPCI', 'WORK GPCI'),
  workGpciNoFloor: opt('PW GPCI (WITHOUT 1.0 FLOOR)'),
  peGpci: req('PE GPCI'),
  mpGpci: req('MP GPCI'),
} satisfies ColumnSpecs<string>;

/** LOCCO (counties per locality). CMS spells "Adminstrative". */
export const LOCCO_COLUMNS = {
  mac: req('MEDICARE ADMINSTRATIVE CONTRACTOR', 'MEDICARE ADMINISTRATIVE CONTRACTOR', 'MAC', 'CONTRACTOR'),
  locality: req('LOCALITY NUMBER', 'LOCALITY'),
  stateName: req('STATE'),
  feeScheduleArea: req('FEE SCHEDULE AREA'),
  counties: req('COUNTIES'),
} satisfies ColumnSpecs<string>;

/** ANES: the national CFs are in the header text ("... of 20.3178"). 2026 has QP then non-QP columns. */
export const ANES_COLUMNS = {
  mac: req('CONTRACTOR', 'MAC'),
  locality: req('LOCALITY', 'LOCALITY NUMBER'),
  name: req('LOCALITY NAME'),
  cfQp: opt(/^QUALIFYING APM NATIONAL ANES(THESIA)? CF\b/),
  cfNonQp: opt(/^NON-QUALIFYING APM NATIONAL ANES(THESIA)? CF\b/),
  cfSingle: opt(/^NATIONAL ANES(THESIA)? CF\b/),
} satisfies ColumnSpecs<string>;

/** OPPSCAP. CMS prints "NON-FACILTY PRICE" (sic). */
export const OPPSCAP_COLUMNS = {
  code: req('HCPCS'),
  modifier: req('MOD', 'MODIFIER'),
  procStat: opt('PROCSTAT'),
  mac: req('CARRIER', 'MAC', 'CONTRACTOR'),
  locality: req('LOCALITY'),
  facility: req('FACILITY PRICE'),
  nonFacility: req('NON-FACILTY PRICE', 'NON-FACILITY PRICE'),
} satisfies ColumnSpecs<string>;
