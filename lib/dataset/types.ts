/**
 * The dataset contract: what the pipeline (`lib/cms`) produces, what the extension bundles as
 * `/dataset.json`, what the store (`lib/db`) holds and what the fee math (`lib/fees`) reads.
 * Pure types; importable from anywhere.
 *
 * Numbers are kept exactly as CMS prints them (RVUs with 2 decimals, GPCIs with 3, CF with 4);
 * `lib/fees` converts them to integers before any arithmetic, so no float ever drifts.
 */

/** Bump when the shape of {@link Dataset} changes (the store reseeds and migrates on a change). */
export const DATASET_SCHEMA_VERSION = 1;

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

export interface SourceFile {
  /** Role of the file in the release: "pfs", "gpci", "locco", "anes", "oppscap". */
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
  sources: SourceFile[];
  report: FileReport[];
}

/** Status codes that get a price; every other status gets a label. */
export const PRICED_STATUSES = new Set(['A', 'R', 'T']);
