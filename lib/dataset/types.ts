/**
 * The dataset contract: what the pipeline (`lib/cms`) produces, what the extension bundles as
 * `/dataset.json`, what the store (`lib/db`) holds and what the fee math (`lib/fees`) reads.
 * Pure types; importable from anywhere.
 *
 * Numbers are kept exactly as CMS prints them (RVUs with 2 decimals, GPCIs with 3, CF with 4);
 * `lib/fees` converts them to integers before any arithmetic, so no float ever drifts.
 */

/** Bump when the shape of {@link Dataset} changes (the store reseeds and migrates on a change). */
export const DATASET_SCHEMA_VERSION = 2;

/** "13202-01": MAC number, a hyphen, and the 2-digit locality number (zero-padded). */
export type LocalityId = `${string}-${string}`;

/** One row of the PFS relative value file (PPRRVU), keyed by code + modifier. */
export interface PfsRow {
  /** HCPCS/CPT code, upper case, 5 characters ("99213", "0591T", "G0438"). */
  code: string;
  /** Modifier of this row ("" for the global row; "26", "TC", "53"). */
  modifier: string;
  /** Short descriptor; "" when the build left CPT descriptors out. */
  description: string;
  /** Status code: A, B, C, D, E, F, G, H, I, J, M, N, P, R, T, X. */
  status: string;
  /** "NOT USED FOR MEDICARE PAYMENT" is set (RVUs published for other payers). */
  notUsedForMedicare: boolean;
  workRvu: number;
  peNonFacility: number;
  /** NON-FAC NA INDICATOR: the service is not normally paid in an office setting. */
  nonFacilityNa: boolean;
  peFacility: number;
  facilityNa: boolean;
  mpRvu: number;
  totalNonFacility: number;
  totalFacility: number;
  /** PC/TC indicator "0".."9". */
  pctc: string;
  /** "000", "010", "090", "XXX", "YYY", "ZZZ", "MMM". */
  globalDays: string;
  /** Pre/intra/post-operative shares of the global package (fractions, e.g. 0.10). */
  preOp: number;
  intraOp: number;
  postOp: number;
  multProc: string;
  bilatSurg: string;
  asstSurg: string;
  coSurg: string;
  teamSurg: string;
  /** 2026+ `PRIC IND` ("9" in non-QP files, "1" in QP files); null where the file has no such column. */
  pricInd: string | null;
  endoBase: string;
  conversionFactor: number;
  physSupervision: string;
  calcFlag: string;
  imagingFamily: string;
  oppsPeNonFacility: number;
  oppsPeFacility: number;
  oppsMp: number;
}

export interface Locality {
  id: LocalityId;
  /** MAC (contractor) number, 5 digits ("02102"). */
  mac: string;
  /** 2-digit locality number ("01"). */
  locality: string;
  /** 2-letter state abbreviation from the GPCI file ("NY"). */
  state: string;
  /** Locality name as in the GPCI file ("MANHATTAN", "REST OF CALIFORNIA"). */
  name: string;
  /** State name and fee schedule area as in the locality-county file, when joined. */
  stateName: string;
  feeScheduleArea: string;
  /** County list as in the locality-county file ("ALL COUNTIES", "BRONX, KINGS, ..."). */
  counties: string;
  /** Work GPCI with the 1.0 floor. */
  workGpci: number;
  peGpci: number;
  mpGpci: number;
  /** Anesthesia conversion factors for this locality, when the ANES file has it. */
  anesCfNonQp: number | null;
  anesCfQp: number | null;
}

/** One OPPS cap row: the capped price of code+modifier in one locality. */
export interface OppsCapRow {
  code: string;
  modifier: string;
  localityId: LocalityId;
  facility: number;
  nonFacility: number;
}

/**
 * One procedure code (RECID 3) of the HCPCS Level II file. Descriptions are CMS public-domain text.
 * Dates are YYYYMMDD as printed ("" when blank).
 */
export interface HcpcsRow {
  /** Level II code, trimmed, upper case ("E0114", "C1776"). */
  code: string;
  longDescription: string;
  shortDescription: string;
  /** ADD DT. */
  addDate: string;
  /** ACT EFF DT. */
  effectiveDate: string;
  /** TERM DT: the last valid date of a terminated code; null when the code is current. */
  termDate: string | null;
  /** COV: C carrier judgment, D special coverage instructions, I not payable by Medicare, M non-covered, S statutory non-coverage. */
  coverage: string;
  /** BETOS category ("D1E", "O1E", "M5D"). */
  betos: string;
  /** ACTION CD of the quarter (N no change, A added, C changed, D deleted, …). */
  actionCode: string;
}

/** One Level II modifier (RECID 7) of the HCPCS file: useful to explain modifiers on a page. */
export interface HcpcsModifier {
  /** Trimmed ("A1", "NU", "RR"). */
  code: string;
  longDescription: string;
}

/** One row of the Clinical Laboratory Fee Schedule (keyed by code + modifier). */
export interface ClfsRow {
  /** "80053", "0037U", "G0103". */
  code: string;
  /** "" or "QW" (CLIA-waived version, same rate). */
  modifier: string;
  /** N = national limitation amount, L = local (contractor-priced). */
  indicator: string;
  /** National limitation amount in dollars; null when the file has no national amount (indicator L, RATE 0). */
  rate: number | null;
  /** EFF_DATE, YYYYMMDD. */
  effectiveDate: string;
  /** SHORTDESC; "" when the build left CPT descriptors out (codes starting with a digit). */
  shortDescription: string;
  /** EXTENDEDLONGDESC (the full descriptor), else LONGDESC; "" when CPT descriptors are left out. */
  longDescription: string;
}

/**
 * DMEPOS state order of the CMS file (AL … WY, DC, then the non-continental AK, HI, PR, VI); the
 * codec stores each row's amounts as one flat array in this order.
 */
export const DMEPOS_STATES = [
  'AL', 'AR', 'AZ', 'CA', 'CO', 'CT', 'DC', 'DE', 'FL', 'GA', 'IA', 'ID', 'IL', 'IN', 'KS', 'KY', 'LA', 'MA',
  'MD', 'ME', 'MI', 'MN', 'MO', 'MS', 'MT', 'NC', 'ND', 'NE', 'NH', 'NJ', 'NM', 'NV', 'NY', 'OH', 'OK', 'OR',
  'PA', 'RI', 'SC', 'SD', 'TN', 'TX', 'UT', 'VA', 'VT', 'WA', 'WI', 'WV', 'WY', 'AK', 'HI', 'PR', 'VI',
] as const;

/** One row of the DMEPOS fee schedule (keyed by code + modifier + modifier2). */
export interface DmeposRow {
  code: string;
  /** "NU" new purchase, "RR" rental, "UE" used, "" none, … */
  modifier: string;
  modifier2: string;
  /** JURIS: D = DME MAC, L = local, J = joint. */
  jurisdiction: string;
  /** CATG: IN, PO, CR, OS, SD, OX, … */
  category: string;
  /** National ceiling / floor (0 when the code is not subject to them). */
  ceiling: number;
  floor: number;
  /** Short description as printed in the DMEPOS file. */
  description: string;
  /**
   * State (2-letter) → [non-rural, rural] amounts in dollars, exactly as printed. A rural 0 means
   * "use the non-rural amount" (CMS); a non-rural 0 means no amount for that state.
   */
  amounts: Record<string, [nonRural: number, rural: number]>;
}

export interface SourceFile {
  /** Role of the file in the release: "pfs", "gpci", "locco", "anes", "oppscap", "hcpcs", "clfs", "dmepos". */
  role: string;
  file: string;
  bytes: number;
  sha256: string;
}

export interface FileReport {
  role: string;
  file: string;
  rowsRead: number;
  accepted: number;
  rejected: Record<string, number>;
  /** Non-fatal remarks (joins, fills, assumptions), e.g. "QP CF not known for 2027: using the file's CF". */
  notes?: string[];
}

export interface ReleaseInfo {
  /** "RVU26C". */
  id: string;
  year: number;
  /** "July" etc. as printed in the title line. */
  quarterName: string;
  /** "06/30/2026" as printed ("RELEASED 06/30/2026"); "" if absent. */
  released: string;
  /** Human title line from the file. */
  title: string;
}

export interface ConversionFactors {
  /** Non-qualifying APM CF (the default): the CONV FACTOR column of a non-QP file. */
  nonQp: number;
  /** Qualifying APM participant CF (the CONV FACTOR column of a QP file); equals nonQp for years with one CF. */
  qp: number;
  anesNonQp: number | null;
  anesQp: number | null;
}

export interface Dataset {
  schemaVersion: number;
  release: ReleaseInfo;
  conversionFactors: ConversionFactors;
  /** False when the build left CPT descriptors out (public distribution). */
  cptDescriptors: boolean;
  pfs: PfsRow[];
  localities: Locality[];
  oppsCap: OppsCapRow[];
  /** HCPCS Level II procedure codes (current and terminated), sorted by code; [] when the build had no HCPCS file. */
  hcpcs: HcpcsRow[];
  /** HCPCS Level II modifiers, sorted by code. */
  hcpcsModifiers: HcpcsModifier[];
  /** CLFS rows sorted by code, modifier; [] when the build had no CLFS file. */
  clfs: ClfsRow[];
  /** DMEPOS rows sorted by code, modifier, modifier2; [] when the build had no DMEPOS file. */
  dmepos: DmeposRow[];
  sources: SourceFile[];
  report: FileReport[];
}

/** Status codes that get a price; every other status gets a label. */
export const PRICED_STATUSES = new Set(['A', 'R', 'T']);
