/**
 * Confidence scoring for code candidates: weighs the evidence around a well-formed, known code
 * token (labels, keywords, modifiers, units, ranges, table column) against the traps that look like
 * codes (ZIPs, phone numbers, money, IDs, dates, citations, URLs, dotless ICD-10). Pure (no DOM).
 *
 * The score starts from a per-kind prior and adds fixed weights, clamped to 0..1; every weight
 * that applies is listed in `reasons`. Windows are bounded, so scoring one candidate is O(1).
 */
import { codeKindAt } from '../codes/patterns.ts';
import type { Candidate, CodeKind, Detection, Strictness, Tier } from '../codes/types.ts';
import { words } from './words.ts';

/** What the DOM layer (or a caller) knows about where the string sits. Every field is optional. */
export interface DetectContext {
  /** Text just before the string in the same visual block (e.g. previous inline element). */
  textBefore?: string;
  /** Text just after the string in the same visual block. */
  textAfter?: string;
  /** Text of the label-like element before the string's block (`<th>CPT</th>`, `<dt>`, `<label>`). */
  labelBefore?: string;
  /** Header text of the table column the string sits in. */
  columnHeader?: string;
  /** Fraction (0..1) of the column's sampled cells whose whole text is one known code. */
  columnCodeRatio?: number;
  /**
   * Text of the table row (bounded), or a function that reads it: the row's words are weak
   * evidence, read only when the rest leaves the tier open (a row's function is called once).
   */
  rowText?: string | (() => string);
  /** Modifiers read from a Mod/Modifier column of the same row. */
  rowModifiers?: string[];
  /** Units read from a Units/Qty column of the same row. */
  rowUnits?: number | null;
  /**
   * Reads the row's Mod/Units cells (instead of rowModifiers/rowUnits): called only when they
   * could change the tier; otherwise the detection is marked `rowPending` and completed by
   * {@link completeDetection} when it is shown or summarised.
   */
  rowExtras?: RowReader;
  /**
   * The table column's cache of verdicts on cells that hold one bare code and nothing else
   * (lib/detector/candidates.ts `detectNode`): such a cell's score depends on the code's kind and
   * the column only, unless the row had to be read (DetectCache.row.read).
   */
  column?: BareVerdicts;
}

/** By code kind: the detections of a bare code in a column (shared by its cells, see PendingDetection), or null if they depend on the row. */
export type BareVerdicts = Partial<Record<CodeKind, Detection[] | null>>;

/** Reads a row's Mod/Units cells when asked. */
export interface RowReader {
  read(): RowExtras | null;
}

/** Modifiers and units read from the Mod/Units cells of a code's row. */
export interface RowExtras {
  modifiers: string[];
  units: number | null;
}

/** Score at or above which a detection is `high`. */
export const HIGH_SCORE = 0.75;
/** Score at or above which a detection is `medium`. */
export const MEDIUM_SCORE = 0.5;

const PRIOR: Record<CodeKind, number> = {
  cpt: 0.35,
  cat2: 0.5,
  cat3: 0.55,
  pla: 0.55,
  maaa: 0.5,
  hcpcs: 0.5,
  dental: 0.45,
};

const W = {
  label: 0.45,
  x12: 0.45,
  keyword: 0.2,
  modifier: 0.35,
  spaceModifier: 0.25,
  units: 0.3,
  range: 0.3,
  header: 0.45,
  columnRatioHigh: 0.3,
  columnRatioSome: 0.15,
  rowExtras: 0.2,
  list: 0.15,
  foreignList: -0.3,
  negLabel: -0.7,
  hash: -0.4,
  money: -0.8,
  state: -0.7,
  hyphenNumber: -0.7,
  negKeyword: -0.15,
  icdWindowLetter: -0.35,
  icdWindowNumeric: -0.1,
  url: -0.9,
  citation: -0.5,
  street: -0.6,
  negHeader: -0.7,
} as const;

const POS_LABELS = words(
  'cpt cpts hcpcs cdt proc procs procedure procedures code codes ' +
  'svc service services px hc hcpc',
);

/** Words that turn a following "code" into something else ("zip code", "reason code"). */
const NEG_CODE_QUALIFIERS = words(
  'zip postal post area dx icd icd10 diagnosis diag reason adjustment adj ' +
  'remark carc rarc revenue rev group promo discount access security country ' +
  'tax bar qr status pos place type bill payer error verification ' +
  'confirmation authorization auth referral ndc drg taxonomy coupon sort routing',
);

/** Label words that make a number something else: addresses and contact, identifiers, dates, versions and citations, diagnoses and money. */
const NEG_LABELS = words(
  'zip zipcode postal postcode phone tel telephone fax ph cell mobile ext ' +
  'pager suite ste box apt bldg room rm floor fl ' +
  'claim clm acct account check chk cheque eft trace member mbr subscriber ' +
  'mrn npi ndc icn dcn tcn tin ein ssn invoice inv policy group grp ' +
  'ref reference id no nbr num number accession specimen batch lot ' +
  'serial sn po ticket confirmation authorization auth ' +
  'payer routing badge employee emp sku part model ' +
  'date dob dos born julian dated issued version ver v build release ' +
  'firmware vol volume pp p page pages doi pmid pmcid issn isbn chapter ' +
  'section sec year fy ' +
  'icd icd10 icd9 dx diagnosis diagnoses diag drg revenue rev usd amount ' +
  'amt total balance bal price cost',
);

// coding verbs and service words
const POS_WORDS = words(
  'cpt hcpcs cdt code codes coded coding proc procedure procedures service ' +
  'services svc mod modifier modifiers units unit billed billing allowed paid ' +
  'rvu rvus wrvu wrvus visit visits charge charges hc ' +
  'bill billable report reported reporting submit submitted performed injection ' +
  'injections guidance surgeon assistant dispense dispensed ordered',
);

const NEG_WORDS = words('zip zipcode postal phone tel telephone fax address street suite avenue');

const ICD_WORDS = words('icd icd10 dx diagnosis diagnoses diag');

const STREET_SUFFIXES = words(
  'st street ave avenue rd road blvd boulevard drive ln lane way ct ' +
  'court pl place pkwy parkway hwy highway cir circle ter terrace trl ' +
  'trail sq square',
);

const STATES = new Set(
  ('AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND ' +
    'OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR GU VI AS MP').split(' '),
);

const TOKEN_RE = /[A-Za-z0-9]+|[#$@]/g;
const STATE_BEFORE_RE = /(?:^|[^A-Za-z])([A-Z]{2})[,.]?[ \u00a0]{1,3}$/;
const CITATION_BEFORE_RE = /[\d)][ \u00a0]?[:;][ \u00a0]?$/;
const POSITIVE_HEADER_RE = /\b(?:cpt|hcpcs?|cdt|proc(?:edure)?s?|codes?|svc|services?|px|charge code|billing code)\b/;
const NEGATIVE_HEADER_RE =
  /\b(?:zip|postal|phone|tel|fax|npi|ndc|account|acct|mrn|claim|member|check|icn|invoice|date|dob|dos|icd|icd-10|dx|diag\w*|rev|revenue|reason|carc|rarc|adj\w*|group|ssn|tin|lot|serial|id|amount|amt|paid|billed|allowed|balance)\b|#|\$/;

/** Lower-cased alphanumeric tokens (and `#`, `$`, `@`) of a short string. */
function tokens(s: string): readonly string[] {
  return s.match(TOKEN_RE) ?? NO_TOKENS;
}
const NO_TOKENS: readonly string[] = [];

interface Keywords {
  /** The first positive / negative keyword, whether a diagnosis word occurs. */
  pos: string | undefined;
  neg: string | undefined;
  icd: boolean;
}

/** Any word of `set` as a whole token (a run of ASCII letters and digits), any case. */
function wordRe(set: Set<string>): RegExp {
  return new RegExp(`(?<![A-Za-z0-9])(?:${[...set].join('|')})(?![A-Za-z0-9])`, 'i');
}
const POS_WORD_RE = wordRe(POS_WORDS);
const NEG_WORD_RE = wordRe(NEG_WORDS);
const ICD_WORD_RE = wordRe(ICD_WORDS);

/**
 * Adds the keywords of `s` to `k` (first positive and negative word win): one regex per list, no
 * token array.
 */
function scanKeywords(s: string, k: Keywords): void {
  if (s === '') return;
  if (k.pos === undefined) k.pos = POS_WORD_RE.exec(s)?.[0].toLowerCase();
  if (k.neg === undefined) k.neg = NEG_WORD_RE.exec(s)?.[0].toLowerCase();
  if (!k.icd) k.icd = ICD_WORD_RE.test(s);
}

/** The last row's keywords: the cells of one row are scored one after another and share them. */
let lastRow: { source: string | (() => string); keywords: Keywords } | null = null;

function rowKeywords(source: string | (() => string)): Keywords {
  if (lastRow?.source !== source) {
    const keywords: Keywords = { pos: undefined, neg: undefined, icd: false };
    scanKeywords((typeof source === 'string' ? source : source()).slice(0, 300), keywords);
    lastRow = { source, keywords };
  }
  return lastRow.keywords;
}

/**
 * A column header's verdict (any case): every cell of the column shares it, so it is cached by the
 * header string itself (bounded cache; no lower-cased copy per cell).
 */
const headerCache = new Map<string, { positive: boolean; negative: boolean }>();

export function headerVerdict(header: string): { positive: boolean; negative: boolean } {
  let v = headerCache.get(header);
  if (!v) {
    const h = header.toLowerCase();
    const positive = POSITIVE_HEADER_RE.test(h);
    v = { positive, negative: NEGATIVE_HEADER_RE.test(h) && !(positive && !/date|dos|dob|#/.test(h)) };
    if (headerCache.size >= 500) headerCache.clear();
    headerCache.set(header, v);
  }
  return v;
}

function isCodeShaped(tok: string): boolean {
  return tok.length === 5 && codeKindAt(tok, 0) !== null;
}

/** Tier for a score. */
export function tierFor(score: number): Tier {
  if (score >= HIGH_SCORE) return 'high';
  if (score >= MEDIUM_SCORE) return 'medium';
  return 'low';
}

/**
 * Whether a detection of this tier is shown at this strictness: 'strict' shows high only,
 * 'balanced' (default) high and medium, 'everything' every known, well-formed code.
 */
export function passesStrictness(tier: Tier, strictness: Strictness): boolean {
  if (strictness === 'everything') return true;
  if (strictness === 'strict') return tier === 'high';
  return tier !== 'low';
}

/** Input of {@link scoreCandidate}. */
export interface ScoreInput {
  /** The string the candidate was found in (with any neighbouring text already joined). */
  text: string;
  candidate: Candidate;
  /** The candidates just before and after in the same string, if any. */
  prev?: Candidate;
  next?: Candidate;
  isKnownCode(code: string): boolean;
  context?: DetectContext;
}

/** Result of {@link scoreCandidate}. */
export interface ScoreResult {
  score: number;
  tier: Tier;
  reasons: string[];
  /** The row's Mod/Units (read because they could change the tier). */
  extras?: RowExtras | null;
  /** The row's Mod/Units were left unread: they cannot change the tier (see DetectContext.rowExtras). */
  rowPending?: boolean;
}

interface LabelInfo {
  word: string | undefined;
  /** The word before `word` (for "zip code"). */
  qualifier: string | undefined;
  hash: boolean;
}

/** Walks back from the code over list separators and other codes to the nearest word. */
function nearestLabel(toks: readonly string[], more: readonly string[]): LabelInfo {
  const all = more.length > 0 ? [...more, ...toks] : toks;
  let i = all.length - 1;
  let skipped = 0;
  let hash = false;
  while (i >= 0 && skipped < 16) {
    const t = all[i] ?? '';
    const lower = t.toLowerCase();
    if (t === '#') {
      hash = true;
    } else if (
      isCodeShaped(t) ||
      lower === 'and' ||
      lower === 'or' ||
      (t.length === 2 && /^[0-9A-Z]{2}$/.test(t) && isCodeShaped(all[i - 1] ?? ''))
    ) {
      skipped++;
    } else {
      break;
    }
    i--;
  }
  let q = i - 1;
  while (q >= 0 && all[q] === '#') q--;
  return { word: all[i]?.toLowerCase(), qualifier: all[q]?.toLowerCase(), hash };
}

/** The whitespace-delimited run around [start, end) (bounded), for URL / e-mail / path checks. */
function enclosingRun(text: string, start: number, end: number): string {
  let a = start;
  let b = end;
  const minA = Math.max(0, start - 120);
  const maxB = Math.min(text.length, end + 120);
  while (a > minA && !/\s/.test(text.charAt(a - 1))) a--;
  while (b < maxB && !/\s/.test(text.charAt(b))) b++;
  return text.slice(a, b);
}

function isDashChar(ch: string): boolean {
  return ch === '-' || ch === '\u2010' || ch === '\u2011' || ch === '\u2012' || ch === '\u2013' || ch === '\u2014';
}

/**
 * Scores one candidate (already known to be in the code set). Returns the score, its tier and the
 * reasons that moved it.
 */
export function scoreCandidate(input: ScoreInput): ScoreResult {
  const { text, candidate: c, isKnownCode } = input;
  const ctx = input.context ?? {};
  const reasons: string[] = [];
  let score = PRIOR[c.kind];
  const add = (w: number, reason: string): void => {
    score += w;
    reasons.push(reason);
  };

  const beforeStart = Math.max(0, c.start - 160);
  const before = text.slice(beforeStart, c.start);
  const after = text.slice(c.extentEnd, c.extentEnd + 48);
  let beforeToks = tokens(before);
  // The window may cut a word in half: drop it.
  if (beforeStart > 0 && /[A-Za-z0-9]/.test(text.charAt(beforeStart - 1))) beforeToks = beforeToks.slice(1);
  // The label element before the block counts only when nothing but punctuation precedes the code.
  const labelText = beforeStart === 0 && beforeToks.length === 0 && ctx.labelBefore ? ctx.labelBefore.slice(-60) : '';
  const labelToks = tokens(labelText);

  // --- nearest label ---
  const label = nearestLabel(beforeToks, labelToks);
  let labelPositive = false;
  if (c.x12) {
    add(W.x12, 'x12');
    labelPositive = true;
  } else if (label.word !== undefined && POS_LABELS.has(label.word)) {
    if ((label.word === 'code' || label.word === 'codes') && label.qualifier && NEG_CODE_QUALIFIERS.has(label.qualifier)) {
      add(W.negLabel, `neg:label:${label.qualifier}-code`);
    } else {
      add(W.label, `label:${label.word}`);
      labelPositive = true;
    }
  } else if (label.word !== undefined && NEG_LABELS.has(label.word)) {
    add(W.negLabel, `neg:label:${label.word}`);
  }
  if (label.hash && !labelPositive) add(W.hash, 'neg:hash');

  // --- keywords in the window (and the row) ---
  const kw: Keywords = { pos: undefined, neg: undefined, icd: false };
  scanKeywords(text.slice(Math.max(0, c.start - 80), c.start), kw);
  scanKeywords(after, kw);
  scanKeywords(labelText, kw);
  let pos = kw.pos;
  let icd = kw.icd;
  // Diagnosis labels reach further: "Diagnosis: M1711 (…), G4733 (…), E1100."
  if (!icd) for (const t of beforeToks) if (ICD_WORDS.has(t.toLowerCase())) icd = true;
  if (pos === undefined && /\bE\/M\b/i.test(text.slice(Math.max(0, c.start - 80), c.start) + after)) pos = 'e/m';
  if (pos !== undefined) add(W.keyword, `kw:${pos}`);
  if (kw.neg !== undefined) add(W.negKeyword, `neg:kw:${kw.neg}`);
  const icdWeight = c.kind === 'cpt' ? W.icdWindowNumeric : W.icdWindowLetter;
  if (icd && !labelPositive) add(icdWeight, 'neg:icd-context');

  // --- what is attached ---
  const mods = c.modifiers;
  if (mods.some((m) => m.form !== 'space')) add(W.modifier, 'modifier');
  else if (mods.length > 0) add(W.spaceModifier, 'modifier:space');
  if (c.units !== null) add(W.units, 'units');
  if (c.range && isKnownCode(c.range.partner)) add(W.range, `range:${c.range.separator}`);

  // Another known code listed right next to this one ("49505 and 49650", "99202, 99203").
  const near = (o: Candidate | undefined, gap: string): boolean =>
    o !== undefined && !c.range && isKnownCode(o.code) && gap.length <= 12 && /^[\s,;/&]*(?:(?:and|or)[\s,]*)?$/i.test(gap);
  if (
    near(input.prev, input.prev ? text.slice(input.prev.extentEnd, c.start) : '') ||
    near(input.next, input.next ? text.slice(c.extentEnd, input.next.start) : '')
  ) {
    add(W.list, 'list');
  }
  // Listed next to code-shaped tokens that are NOT codes: another code system (dotless ICD-10, IDs).
  const foreign = (o: Candidate | undefined, gap: () => string): boolean =>
    o !== undefined && !isKnownCode(o.code) && o.kind === c.kind && gap().length <= 60 && !/\n/.test(gap());
  if (
    c.kind !== 'cpt' &&
    (foreign(input.prev, () => (input.prev ? text.slice(input.prev.extentEnd, c.start) : '')) ||
      foreign(input.next, () => (input.next ? text.slice(c.extentEnd, input.next.start) : '')))
  ) {
    add(W.foreignList, 'neg:listed-with-non-codes');
  }

  // --- table column ---
  const v = ctx.columnHeader ? headerVerdict(ctx.columnHeader) : undefined;
  const negHeader = v?.negative ?? false;
  if (negHeader) add(W.negHeader, 'neg:header');
  else if (v?.positive) add(W.header, 'header');
  if (!negHeader && ctx.columnCodeRatio !== undefined) {
    if (ctx.columnCodeRatio >= 0.5) add(W.columnRatioHigh, 'column');
    else if (ctx.columnCodeRatio >= 0.25) add(W.columnRatioSome, 'column:some');
  }
  const rowRead = (ctx.rowModifiers?.length ?? 0) > 0 || (ctx.rowUnits ?? null) !== null;
  if (!negHeader && rowRead) add(W.rowExtras, ROW_EXTRAS);
  // Cells still to read: their weight counts as possible below.
  const lazy = !negHeader && !rowRead && ctx.rowExtras !== undefined;

  // --- traps ---
  const rawBefore = text.slice(Math.max(0, c.start - 8), c.start);
  if (/\$[ \u00a0]{0,2}$/.test(rawBefore)) add(W.money, 'neg:money');
  if (!c.x12 && STATE_BEFORE_RE.test(rawBefore)) {
    const m = STATE_BEFORE_RE.exec(rawBefore);
    if (m?.[1] && STATES.has(m[1])) add(W.state, `neg:state:${m[1]}`);
  }
  const b1 = text.charAt(c.start - 1);
  const b2 = text.charAt(c.start - 2);
  const a1 = text.charAt(c.extentEnd);
  const a2 = text.charAt(c.extentEnd + 1);
  const hyphenBefore = isDashChar(b1) && /\d/.test(b2) && c.range?.role !== 'end';
  const hyphenAfter = isDashChar(a1) && /\d/.test(a2) && c.range?.role !== 'start';
  if (hyphenBefore || hyphenAfter) add(W.hyphenNumber, 'neg:hyphenated-number');
  else if ((b1 === '/' && /\d/.test(b2)) || (a1 === '/' && /\d/.test(a2) && !isCodeShaped(text.slice(c.extentEnd + 1, c.extentEnd + 6)))) {
    add(W.hyphenNumber, 'neg:slashed-number');
  }
  if (CITATION_BEFORE_RE.test(rawBefore) && !c.x12 && !labelPositive) add(W.citation, 'neg:citation');
  const run = enclosingRun(text, c.start, c.extentEnd);
  if (
    run.includes('@') ||
    run.includes('://') ||
    /www\./i.test(run) ||
    run.includes('=') ||
    run.includes('\\') ||
    (run.includes('/') && /[a-z]{3}/.test(run)) ||
    /^\.[A-Za-z]{2,4}\b/.test(text.slice(c.extentEnd, c.extentEnd + 6))
  ) {
    add(W.url, 'neg:url-or-file');
  }
  const afterToks = tokens(after);
  const first = afterToks[0] ?? '';
  if (/^(?:[A-Z][a-z]+|[NSEW]|NE|NW|SE|SW)$/.test(first) && afterToks.slice(1, 4).some((t) => STREET_SUFFIXES.has(t.toLowerCase()))) {
    add(W.street, 'neg:street-address');
  }

  // --- the row's words (the same for every cell of a row): weak evidence, read only when they
  // could change the tier (reading a row's text is the costliest part of a table cell's context).
  if (ctx.rowText !== undefined) {
    const up = (pos === undefined ? W.keyword : 0) + (lazy ? W.rowExtras : 0);
    const down = (kw.neg === undefined ? W.negKeyword : 0) + (icd || labelPositive ? 0 : icdWeight);
    if (tierFor(clamp(score + up)) !== tierFor(clamp(score + down))) {
      const row = rowKeywords(ctx.rowText);
      if (pos === undefined && row.pos !== undefined) add(W.keyword, `kw:${row.pos}`);
      if (kw.neg === undefined && row.neg !== undefined) add(W.negKeyword, `neg:kw:${row.neg}`);
      if (!icd && !labelPositive && row.icd) add(icdWeight, 'neg:icd-context');
    }
  }

  // The row's Mod/Units cells: read now only if they could change the tier.
  let extras: RowExtras | null | undefined;
  if (lazy && tierFor(clamp(score)) !== tierFor(clamp(score + W.rowExtras))) {
    extras = ctx.rowExtras!.read();
    if (extras) add(W.rowExtras, ROW_EXTRAS);
  }
  const clamped = clamp(score);
  return { score: clamped, tier: tierFor(clamped), reasons, extras, rowPending: lazy && extras === undefined };
}

const ROW_EXTRAS = 'row:mod-units';

/**
 * Completes a detection left `rowPending` with its row's Mod/Units cells (their weight cannot
 * change its tier): modifiers and units the code's own text did not give, score and reasons.
 */
export function completeDetection(d: Detection, row: RowReader): Detection {
  if (!d.rowPending) return d;
  delete d.rowPending;
  const e = row.read();
  if (e) {
    if (d.modifiers.length === 0) d.modifiers = e.modifiers;
    d.units ??= e.units;
    d.score = clamp(d.score + W.rowExtras);
    // (New arrays, not pushed: a column's verdict shares its arrays between the rows' detections.)
    d.reasons = [...d.reasons, ROW_EXTRAS];
  }
  return d;
}

/** A detection as the scanner keeps it until it is shown or summarised (see {@link finishDetection}). */
export interface PendingDetection {
  /** Read it through finishDetection: until then it may be a table column's verdict shared by many cells. */
  detection: Detection;
  /** Reads the row's Mod/Units cells of a `rowPending` detection. */
  row?: RowReader;
  /**
   * Set while `detection` is a column's verdict shared with other cells (each cell of a big table
   * keeps a pointer to it, not a copy of ~70 bytes): this cell's code.
   */
  code?: string;
}

/**
 * A detection made whole, once, when it is shown, summarised or returned: its own copy of a shared
 * column verdict (arrays shared: detections are not changed in place), its row's cells read.
 */
export function finishDetection(f: PendingDetection): Detection {
  if (f.code !== undefined) {
    f.detection = { ...f.detection, code: f.code };
    delete f.detection.shared;
    f.code = undefined;
  }
  if (f.row) {
    completeDetection(f.detection, f.row);
    f.row = undefined;
  }
  return f.detection;
}

/** A score clamped to 0..1 and rounded to hundredths. */
function clamp(score: number): number {
  return Math.max(0, Math.min(1, Math.round(score * 100) / 100));
}
