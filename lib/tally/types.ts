/** Types of the tally (procedure log, issue 6). Pure types; JSON-serialisable. */

/** One logged procedure. */
export interface TallyItem {
  /** Unique within the tally (the caller makes it, e.g. crypto.randomUUID()). */
  id: string;
  /** Upper-case code ("27447"). */
  code: string;
  /** Upper-case modifiers ("RT", "51"); [] for none. */
  modifiers: string[];
  /** Whole number ≥ 1. */
  units: number;
  /** When the item was added, ISO 8601 ("2026-03-01T14:05:00.000Z"). */
  addedAt: string;
  note?: string;
  /** Items with the same encounter label are one encounter (the multiple-procedure rule ranks them together). */
  encounter?: string;
}

/** What the tally needs of one unit of an item (priced at the user's locality, setting, release). */
export interface ItemPrice {
  workRvu: number;
  /** Allowed amount of one unit in dollars; null = no price in this setting. */
  allowed: number | null;
  /** Why there is no price (null when priced). */
  reason?: string | null;
  description?: string;
  /** MULT PROC indicator of the priced row ("0", "2", "3", ...); needed by the multiple-procedure rule. */
  mppIndicator?: string;
  /** ENDO BASE of the priced row ("" when none). */
  endoBase?: string;
  /** DIAGNOSTIC IMAGING FAMILY INDICATOR of the priced row ("88", "99"). */
  imagingFamily?: string;
}
