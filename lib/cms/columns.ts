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

/** Columns a parser reads past: one optional field per header so `mapColumns` still rejects unknown ones. */
function ignored(...headers: string[]): ColumnSpecs<string> {
  return Object.fromEntries(headers.map((h) => [`ignore:${h}`, opt(h)]));
}

/**
 * HCPCS Level II file (HCPC20xx_<MON>_ANWEB, xlsx/CSV conversion: 48 columns, one header line).
 * Only the fields below are kept; the rest are listed so a new column still fails loudly.
 */
export const HCPCS_COLUMNS = {
  code: req('HCPC', 'HCPCS'),
  seqnum: opt('SEQNUM'),
  recid: req('RECID'),
  longDescription: req('LONG DESCRIPTION'),
  shortDescription: req('SHORT DESCRIPTION'),
  coverage: req('COV'),
  betos: req('BETOS'),
  addDate: req('ADD DT', 'ADD DATE'),
  effectiveDate: req('ACT EFF DT', 'ACTION EFFECTIVE DATE'),
  termDate: req('TERM DT', 'TERMINATION DATE'),
  actionCode: req('ACTION CD', 'ACTION CODE'),
  ...ignored(
    'PRICE1', 'PRICE2', 'PRICE3', 'PRICE4', 'MULT_PI', 'CIM1', 'CIM2', 'CIM3', 'MCM1', 'MCM2', 'MCM3', 'STATUTE',
    'LABCERT1', 'LABCERT2', 'LABCERT3', 'LABCERT4', 'LABCERT5', 'LABCERT6', 'LABCERT7', 'LABCERT8',
    'XREF1', 'XREF2', 'XREF3', 'XREF4', 'XREF5', 'ASC_GRP', 'ASC_DT', 'OPPS', 'OPPS_PI', 'OPPS_DT', 'PROCNOTE',
    'TOS1', 'TOS2', 'TOS3', 'TOS4', 'TOS5', 'ANEST_BU',
  ),
} satisfies ColumnSpecs<string>;

/** CLFS public use file (PUF_CLFS_CY20xx_QnV1.csv; record layout: Attachment A-1 of the CLFS readme). */
export const CLFS_COLUMNS = {
  year: req('YEAR'),
  code: req('HCPCS'),
  modifier: req('MOD', 'MODIFIER'),
  effectiveDate: req('EFF_DATE', 'EFFECTIVE DATE'),
  indicator: req('INDICATOR'),
  rate: req('RATE', 'PAYMENT RATE'),
  shortDescription: req('SHORTDESC', 'SHORT DESCRIPTION'),
  longDescription: opt('LONGDESC', 'LONG DESCRIPTION'),
  extendedDescription: opt('EXTENDEDLONGDESC', 'EXTENDED LONG DESCRIPTION'),
} satisfies ColumnSpecs<string>;

/**
 * DMEPOS fee schedule (DMEPOS<yy>_<MON>.csv). The per-state `XX (NR)` / `XX (R)` columns are matched by
 * {@link DMEPOS_STATE_COLUMN}, not listed here.
 */
export const DMEPOS_COLUMNS = {
  code: req('HCPCS'),
  modifier: req('MOD'),
  modifier2: req('MOD2'),
  jurisdiction: req('JURIS', 'JURISDICTION'),
  category: req('CATG', 'CATEGORY'),
  ceiling: req('CEILING'),
  floor: req('FLOOR'),
  description: req('DESCRIPTION'),
} satisfies ColumnSpecs<string>;

/** A DMEPOS state column header after normalisation: "TX (NR)" → TX non-rural, "TX (R)" → rural. */
export const DMEPOS_STATE_COLUMN = /^([A-Z]{2}) \((NR|R)\)$/;
