/**
 * What the background answers about a code: the "card" every view renders (page popover, popup
 * detail). It is the lookup command's `CodePrice` (lib/fees, same math everywhere) plus what a
 * view needs around it. Pure types; importable from any context.
 */
import type { BySetting, CodePrice } from './fees/price-code';
import type { ScheduleAnswer } from './schedules/describe';

/** A code as found on a page or typed in search: "88305" with ["26"], 2 units. */
export interface CodeRequest {
  code: string;
  modifiers?: string[];
  units?: number;
}

/** Another row of the same code (-26, -TC, -53, or the global row), priced the same way. */
export interface CardRow {
  modifier: string;
  workRvu: number;
  allowed: BySetting<number | null>;
}

export interface CodeCard extends CodePrice {
  /** "CPT", "CPT Category II", "CPT Category III", "PLA", "MAAA", "HCPCS Level II", "CDT (dental)". */
  kind: string;
  /** True when the loaded release has no CPT descriptors (public build) and this code lost its text. */
  descriptorMissing: boolean;
  /** Whether the status gets a price (A, R, T). */
  priced: boolean;
  /** The user's default setting: shown first. */
  preferredSetting: 'nonFacility' | 'facility';
  /** Allowed amount of the priced row for one unit before modifier rules, in dollars. */
  baseAllowed: BySetting<number | null>;
  /** Whether modifiers or units changed the amount (then `allowed` differs from `baseAllowed`). */
  adjustedByRequest: boolean;
  /** The other rows of a PC/TC-split code (global, -26, -TC, -53). */
  relatedRows: CardRow[];
  /** False when the code is not in the PFS file at all (RVU fields are then zero and meaningless). */
  inPfs: boolean;
  /** Which fee schedule pays the code (PFS, CLFS, DMEPOS or none) and that schedule's amount. */
  schedule: ScheduleAnswer;
  /** wRVU percentile within the code's section ("80th percentile of Surgery …"); null without wRVU. */
  comparison: { text: string; percentile: number; ratioToMedian: number | null; section: string } | null;
  /** Change against the previous release the store keeps ("wRVU −2.5% vs 2025 · allowed +1.2%"); null when none. */
  yoy: { text: string; workRvuChangePct: number | null; allowedChangePct: number | null; previous: string } | null;
  /** PC/TC relations: "93000 = 93005 (technical) + 93010 (professional)"; null when none. */
  related: { text: string; codes: string[] } | null;
}

/** One row of the popup's search corpus (priced at the user's locality and default setting). */
export interface SearchRow {
  code: string;
  description: string;
  status: string;
  workRvu: number;
  /** Allowed amount at the user's locality and default setting; null = no price. */
  allowed: number | null;
}

export type { BySetting };
