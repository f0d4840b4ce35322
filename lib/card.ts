/**
 * What the background answers about a code: the "card" every view renders (page popover, popup
 * detail, lookup command). Built by `lib/fees/card.ts` from the same fee math everywhere.
 * Pure types; importable from any context.
 */

/** A code as found on a page or typed in search: "88305" with ["26"], 2 units. */
export interface CodeRequest {
  code: string;
  modifiers?: string[];
  units?: number;
}

export interface PerSetting<T> {
  nonFacility: T;
  facility: T;
}

export interface CardRow {
  modifier: string;
  workRvu: number;
  totalRvu: PerSetting<number>;
  allowed: PerSetting<number | null>;
}

export interface CodeCard {
  code: string;
  /** The modifier whose row priced this card ("26", "TC", "53") or null for the global row. */
  modifier: string | null;
  /** Every modifier requested (as on the page), in order. */
  modifiers: string[];
  units: number;
  /** "CPT", "CPT Category II", "CPT Category III", "PLA", "MAAA", "HCPCS Level II", "CDT (dental)". */
  kind: string;
  description: string;
  /** True when the loaded release has no CPT descriptors (public build). */
  descriptorMissing: boolean;
  status: string;
  statusLabel: string;
  /** Whether the status gets a price (A, R, T). */
  priced: boolean;
  notUsedForMedicare: boolean;
  workRvu: number;
  peRvu: PerSetting<number>;
  mpRvu: number;
  totalRvu: PerSetting<number>;
  globalDays: string;
  /** Allowed amount in dollars per setting (base row, 1 unit, before modifier rules); null = no price. */
  allowed: PerSetting<number | null>;
  /** Why a setting has no price ("NA: not paid in this setting", the status label …). */
  noPriceReason: PerSetting<string | null>;
  /** After the page's modifiers and units, when any apply; null when nothing changes the fee. */
  adjusted: PerSetting<number | null> | null;
  /** One line per rule applied ("-50, bilateral indicator 1: 150%"). */
  adjustments: string[];
  /** OPPS cap note when the cap lowered an amount. */
  oppsCapNote: string | null;
  pctc: string;
  /** The -26 / -TC (and -53) rows of a PC/TC-split code, priced the same way. */
  relatedRows: CardRow[];
  locality: { id: string; name: string } | null;
  setting: 'nonFacility' | 'facility';
  cfTrack: 'nonQp' | 'qp';
  conversionFactor: number;
  release: string;
}

/** One row of the popup's search corpus (priced at the user's locality and default setting). */
export interface SearchRow {
  code: string;
  description: string;
  status: string;
  workRvu: number;
  allowed: number | null;
}
