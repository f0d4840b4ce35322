/**
 * Code grammar types shared by `lib/codes` (pure grammar) and `lib/detector` (page scanning).
 * Pure types, no runtime code; importable from anywhere.
 */

/**
 * What a well-formed code token is:
 * - `cpt`: CPT Category I, 5 digits (`99213`)
 * - `cat2` / `cat3` / `pla` / `maaa`: 4 digits + F / T / U / M (`3074F`, `0591T`, `0037U`, `0002M`)
 * - `hcpcs`: HCPCS Level II, a letter A–V (not D) + 4 digits (`G0438`)
 * - `dental`: CDT, D + 4 digits (`D0120`)
 */
export type CodeKind = 'cpt' | 'cat2' | 'cat3' | 'pla' | 'maaa' | 'hcpcs' | 'dental';

/** How a modifier was attached to its code. */
export type ModifierForm = 'hyphen' | 'space' | 'glued' | 'colon';

/** A modifier found next to a code, with its offsets in the scanned text. */
export interface ModifierMatch {
  /** Two characters, upper case: `25`, `TC`, `RT`. */
  value: string;
  start: number;
  end: number;
  form: ModifierForm;
}

/** The other endpoint of a range such as `99202-99215` or `99202 through 99205`. */
export interface RangeInfo {
  /** Which end of the range this candidate is. */
  role: 'start' | 'end';
  partner: string;
  partnerStart: number;
  partnerEnd: number;
  /** `dash` for `-`, `–`, `—` (with or without spaces); `word` for through/thru/to. */
  separator: 'dash' | 'word';
}

/**
 * One well-formed code token found by {@link import('./patterns.ts').findCandidates}.
 * Offsets are UTF-16 indices into the scanned string; `start`/`end` cover the code token only
 * (never its modifiers or units), `extentEnd` covers everything attached to it.
 */
export interface Candidate {
  /** Upper-case code, 5 characters. */
  code: string;
  kind: CodeKind;
  start: number;
  end: number;
  modifiers: ModifierMatch[];
  /** Units written next to the code (`x2`, `× 2`, `(2 units)`, `2 units`), else null. */
  units: number | null;
  range?: RangeInfo;
  /** End of the code plus attached modifiers and units. */
  extentEnd: number;
  /** The code follows an X12 composite qualifier such as `HC:` (835/837 style). */
  x12: boolean;
}

/** The user setting that chooses how much evidence a code needs before it is marked. */
export type Strictness = 'strict' | 'balanced' | 'everything';

/** Confidence tier derived from the score. */
export type Tier = 'high' | 'medium' | 'low';

/** A scored, confirmed detection inside one string. Offsets cover the code token only. */
export interface Detection {
  code: string;
  kind: CodeKind;
  modifiers: string[];
  units: number | null;
  start: number;
  end: number;
  /** 0..1. */
  score: number;
  tier: Tier;
  /** Short machine-readable reasons (`label:cpt`, `modifier`, `neg:state`…), for debugging and tests. */
  reasons: string[];
  rangeRole?: 'start' | 'end';
  /**
   * The Mod/Units cells of the code's table row were not read yet (they cannot change the tier):
   * `modifiers`, `units`, `score` and `reasons` are completed when the code is shown or summarised
   * (lib/detector/score.ts `completeDetection`).
   */
  rowPending?: boolean;
  /**
   * Set on a table column's verdict, shared by the column's cells that hold one bare code: its
   * `code` is the first cell's, and it is never changed. Each cell gets its own copy when it is
   * shown or summarised (lib/detector/score.ts `finishDetection`). A field, not a set kept by a
   * module: the content script and the interactive part are separate bundles.
   */
  shared?: true;
}
