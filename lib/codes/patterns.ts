/**
 * The code grammar: finds every well-formed CPT/HCPCS token in a string, with the modifiers, units
 * and range partner written next to it. Pure (no DOM, no data); importable from anywhere.
 *
 * One left-to-right pass over the string, no backtracking regex, so the cost is linear in the
 * input (and capped at {@link MAX_SCAN_CHARS} by default).
 *
 * Word-boundary rules (what makes a token well formed):
 * - A token is a maximal run of ASCII letters and digits. The characters around it must not be a
 *   letter, a digit or `_` of any script (so `A99213`, `992130`, `file_99213`, `é99213` are not codes).
 * - The run is exactly a code (5 characters), or a code followed by a glued known modifier that
 *   contains a letter (`93976TC`), or by glued units (`99213x2`).
 * - Letters must be upper case (`G0438`, `0591T`, `-RT`); `g0438` is not a code.
 * - A run followed by `.digit` or preceded by `digit.` is a decimal number (`99213.00`, `1.99213`).
 * - Code shapes: 5 digits (cpt); 4 digits + F/T/U/M (cat2/cat3/pla/maaa); a letter A–V + 4 digits
 *   (hcpcs; D = dental).
 *
 * What is attached to a code (in this order):
 * - a range: `-`, `–`, `—` (optionally spaced) or `through` / `thru` / `to`, then a whole code of the
 *   same kind that sorts after it (`99202-99215`, `0591T – 0593T`, `99202 through 99205`);
 * - modifiers (up to 4): `-XX` (any two [0-9A-Z]), `:XX` after an X12 qualifier (`HC:99213:25`),
 *   ` XX` (one or two spaces; known modifiers only, `99213 25 GC`), or glued (`93976TC`, known only);
 * - units: `x2`, `× 2`, `(2 units)`, `(x2)`, `2 units`, `, 2 units`.
 */
import { isKnownModifier, isModifierShape } from './modifiers.ts';
import type { Candidate, CodeKind, ModifierMatch, RangeInfo } from './types.ts';

/** Default number of characters scanned per string; the rest is ignored. */
export const MAX_SCAN_CHARS = 100_000;

/** At most this many modifiers are read after one code. */
const MAX_MODIFIERS = 4;

const NON_ASCII_WORD = /[\p{L}\p{N}\p{M}]/u;
const X12_QUALIFIERS = new Set(['HC', 'HP', 'AD', 'ER', 'IV', 'WK']);

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}
/** Whether the character code is an ASCII letter or digit (CODE_SHAPE_RE's look-behind class). */
export function isAsciiAlnum(c: number): boolean {
  return isDigit(c) || isUpper(c) || (c >= 97 && c <= 122);
}
function isUpperAlnum(c: number): boolean {
  return isDigit(c) || isUpper(c);
}
/** Horizontal space inside a line: space, tab, NBSP, thin and narrow no-break spaces. */
function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0 || c === 0x2009 || c === 0x202f || c === 0x2007;
}
/** Hyphen-minus and the dashes people type for ranges. */
function isDash(c: number): boolean {
  return c === 45 || (c >= 0x2010 && c <= 0x2014) || c === 0x2212;
}

/**
 * True when the character at `i` is part of a word (a letter, digit, mark or `_` of any script).
 * Out-of-range indices are not word characters.
 */
export function isWordCharAt(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false;
  const c = text.charCodeAt(i);
  if (c < 128) return isAsciiAlnum(c) || c === 95;
  return NON_ASCII_WORD.test(text.charAt(i));
}

/**
 * The kind of the 5 characters at `i` if they have a code's shape (upper case), else null.
 * Does not check boundaries.
 */
export function codeKindAt(text: string, i: number): CodeKind | null {
  if (i < 0 || i + 5 > text.length) return null;
  if (!isDigit(text.charCodeAt(i + 1)) || !isDigit(text.charCodeAt(i + 2)) || !isDigit(text.charCodeAt(i + 3))) {
    return null;
  }
  const c0 = text.charCodeAt(i);
  const c4 = text.charCodeAt(i + 4);
  if (isDigit(c0)) {
    if (isDigit(c4)) return 'cpt';
    switch (c4) {
      case 70: // F
        return 'cat2';
      case 84: // T
        return 'cat3';
      case 85: // U
        return 'pla';
      case 77: // M
        return 'maaa';
      default:
        return null;
    }
  }
  // A (65) .. V (86); D (68) is dental.
  if (c0 >= 65 && c0 <= 86 && isDigit(c4)) return c0 === 68 ? 'dental' : 'hcpcs';
  return null;
}

/** `text.slice(i, i+2)` if it is two upper-case alphanumerics standing alone (not a decimal). */
function twoCharsAt(text: string, i: number, n: number): string | null {
  if (i + 2 > n) return null;
  if (!isUpperAlnum(text.charCodeAt(i)) || !isUpperAlnum(text.charCodeAt(i + 1))) return null;
  if (isWordCharAt(text, i + 2)) return null;
  if (text.charCodeAt(i + 2) === 46 && isDigit(text.charCodeAt(i + 3))) return null; // "25.00"
  return text.slice(i, i + 2);
}

/** A standalone code token of exactly 5 characters starting at `i`, or null. */
function standaloneCodeAt(text: string, i: number, n: number): CodeKind | null {
  if (i + 5 > n || isWordCharAt(text, i - 1) || isWordCharAt(text, i + 5)) return null;
  if (text.charCodeAt(i + 5) === 46 && isDigit(text.charCodeAt(i + 6))) return null;
  return codeKindAt(text, i);
}

function skipSpaces(text: string, i: number, n: number, max: number): number {
  let k = 0;
  while (i < n && k < max && isSpace(text.charCodeAt(i))) {
    i++;
    k++;
  }
  return i;
}

/** Case-insensitive match of a lower-case ASCII word at `i`, followed by a non-word character. */
function wordAt(text: string, i: number, word: string): boolean {
  if (i + word.length > text.length) return false;
  for (let k = 0; k < word.length; k++) {
    if ((text.charCodeAt(i + k) | 0x20) !== word.charCodeAt(k)) return false;
  }
  return !isWordCharAt(text, i + word.length);
}

/** Reads 1–3 digits at `i` (not followed by a word char or a decimal part); returns [value, end]. */
function smallNumberAt(text: string, i: number, n: number): [number, number] | null {
  let j = i;
  while (j < n && j - i < 4 && isDigit(text.charCodeAt(j))) j++;
  const len = j - i;
  if (len < 1 || len > 3 || isWordCharAt(text, j)) return null;
  if (text.charCodeAt(j) === 46 && isDigit(text.charCodeAt(j + 1))) return null;
  const value = Number(text.slice(i, j));
  return value >= 1 ? [value, j] : null;
}

/** End of a units word (`units`, `unit`, `un`; also `u` when `short`) at `i`, or -1. */
function unitsWordAt(text: string, i: number, short = false): number {
  for (const w of ['units', 'unit', 'un']) if (wordAt(text, i, w)) return i + w.length;
  return short && wordAt(text, i, 'u') ? i + 1 : -1;
}

/**
 * Units written right after a code (and its modifiers) at `p`: `x2`, `× 2`, `(2 units)`, `(x2)`,
 * `2 units`, `, 2 units`, `- 2 units`. Returns [units, end] or null.
 */
function unitsAt(text: string, p: number, n: number): [number, number] | null {
  const s = skipSpaces(text, p, n, 3);
  const c = text.charCodeAt(s);
  // x2, × 2
  if (c === 120 || c === 88 || c === 0xd7) {
    const num = smallNumberAt(text, skipSpaces(text, s + 1, n, 2), n);
    if (num) return num;
    return null;
  }
  // (2 units), (x2), (2 u)
  if (c === 40) {
    let q = skipSpaces(text, s + 1, n, 1);
    const cx = text.charCodeAt(q);
    const hasX = cx === 120 || cx === 88 || cx === 0xd7;
    if (hasX) q = skipSpaces(text, q + 1, n, 1);
    const num = smallNumberAt(text, q, n);
    if (!num) return null;
    q = skipSpaces(text, num[1], n, 1);
    if (!hasX) {
      const w = unitsWordAt(text, q, true);
      if (w < 0) return null;
      q = skipSpaces(text, w, n, 1);
    }
    return text.charCodeAt(q) === 41 ? [num[0], q + 1] : null;
  }
  // 2 units / , 2 units / - 2 units
  let q = s;
  if (c === 44 || c === 59 || isDash(c)) q = skipSpaces(text, s + 1, n, 2);
  if (q === p) return null; // digits glued to the code are not units
  const num = smallNumberAt(text, q, n);
  if (!num) return null;
  const w = unitsWordAt(text, skipSpaces(text, num[1], n, 2));
  return w < 0 ? null : [num[0], w];
}

interface RangeEnd {
  start: number;
  end: number;
  code: string;
  separator: 'dash' | 'word';
}

/** A range partner after a code ending at `p`: `-99215`, ` – 0593T`, ` through 99205`. */
function rangeAt(text: string, p: number, n: number, code: string, kind: CodeKind): RangeEnd | null {
  const s = skipSpaces(text, p, n, 2);
  let t: number;
  let separator: 'dash' | 'word';
  if (isDash(text.charCodeAt(s))) {
    t = skipSpaces(text, s + 1, n, 2);
    separator = 'dash';
  } else if (s > p) {
    let w = -1;
    for (const word of ['through', 'thru', 'to']) {
      if (wordAt(text, s, word)) {
        w = s + word.length;
        break;
      }
    }
    if (w < 0) return null;
    t = skipSpaces(text, w, n, 2);
    if (t === w) return null;
    separator = 'word';
  } else {
    return null;
  }
  const endKind = standaloneCodeAt(text, t, n);
  if (endKind !== kind) return null;
  const endCode = text.slice(t, t + 5);
  // Same letter for Level II codes; the end must sort after the start.
  if (endCode.charCodeAt(0) !== code.charCodeAt(0) && !isDigit(code.charCodeAt(0))) return null;
  if (endCode <= code) return null;
  return { start: t, end: t + 5, code: endCode, separator };
}

/**
 * Five characters of a code's shape at the start of an ASCII-alphanumeric run (see codeKindAt).
 * Looser than findCandidates (no run-length, decimal or word-boundary rules beyond ASCII): a
 * superset, for the pre-filter below.
 */
const CODE_SHAPE_RE = /(?<![A-Za-z0-9])[0-9A-V]\d{3}[0-9FTUM]/g;

/**
 * Whether `text` holds a known code: `findCandidates(text).some((c) => isKnownCode(c.code))`, with
 * one regex in front: most text on a page (dates, amounts, phone numbers, words) has no
 * code-shaped token at all, and text whose code-shaped tokens are all unknown is not tokenized.
 * It runs on every text node of a page: the regex scans in native code (a loop over characters
 * in script is slower on prose, where the script has not been optimised yet), and `test` builds
 * no match object.
 * @param maxChars characters looked at (default {@link MAX_SCAN_CHARS}), as findCandidates.
 */
export function holdsKnownCode(text: string, isKnownCode: (code: string) => boolean, maxChars = MAX_SCAN_CHARS): boolean {
  const s = text.length > maxChars ? text.slice(0, maxChars) : text;
  const re = CODE_SHAPE_RE;
  let known = false;
  re.lastIndex = 0;
  while (!known && re.test(s)) known = isKnownCode(s.slice(re.lastIndex - 5, re.lastIndex));
  re.lastIndex = 0;
  // Text that is one code-shaped token and nothing else (a table cell) holds that code: nothing to tokenize.
  return known && (s.length === 5 ? codeKindAt(s, 0) !== null : findCandidates(s, { maxChars }).some((c) => isKnownCode(c.code)));
}

/**
 * The start of every five-character window of `text` shaped as CODE_SHAPE_RE matches (`[0-9A-V]`,
 * three digits, `[0-9FTUM]`) whatever precedes it, that `isKnownAt(text, i)` accepts; ascending,
 * appended to `out`. For text made of several nodes' text, every match holdsKnownCode could find
 * in one node's text is among them (see lib/detector/text-segment). No substring is made.
 * The readable definition: the scanner runs CodeSet.windows, which unit tests hold equal to it.
 */
export function knownCodeWindows(text: string, isKnownAt: (s: string, i: number) => boolean, out: number[]): void {
  const n = text.length;
  let run = 0;
  for (let i = 0; i < n; i++) {
    if (!isDigit(text.charCodeAt(i))) {
      run = 0;
      continue;
    }
    // Digits at i-2…i: the window starts at i-3 and ends at i+1.
    if (++run < 3 || i < 3) continue;
    const first = text.charCodeAt(i - 3);
    const last = text.charCodeAt(i + 1);
    if ((isDigit(first) || (first >= 65 && first <= 86)) && (isDigit(last) || last === 70 || last === 84 || last === 85 || last === 77) && isKnownAt(text, i - 3)) out.push(i - 3);
  }
}

/**
 * Every well-formed code token in `text`, in order, with attached modifiers, units and range
 * partners. Membership in a code set is NOT checked here (see `lib/detector`).
 *
 * @param options.maxChars characters scanned (default {@link MAX_SCAN_CHARS}); the rest is ignored.
 * @example
 * findCandidates('CPT 99213-25 x2'); // [{ code: '99213', start: 4, end: 9, modifiers: [{ value: '25', … }], units: 2, … }]
 * findCandidates('99202-99215'); // two candidates, range roles 'start' and 'end'
 */
export function findCandidates(text: string, options: { maxChars?: number } = {}): Candidate[] {
  const n = Math.min(text.length, options.maxChars ?? MAX_SCAN_CHARS);
  const out: Candidate[] = [];
  let i = 0;
  while (i < n) {
    if (!isAsciiAlnum(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && isAsciiAlnum(text.charCodeAt(j))) j++;
    const len = j - i;
    if (len < 5 || len > 9 || isWordCharAt(text, i - 1) || (j < n && isWordCharAt(text, j))) {
      i = j;
      continue;
    }
    // Decimal numbers: 99213.00, 1.99213
    if (
      (text.charCodeAt(j) === 46 && isDigit(text.charCodeAt(j + 1))) ||
      (text.charCodeAt(i - 1) === 46 && isDigit(text.charCodeAt(i - 2)))
    ) {
      i = j;
      continue;
    }
    const kind = codeKindAt(text, i);
    if (!kind) {
      i = j;
      continue;
    }
    const code = text.slice(i, i + 5);
    const modifiers: ModifierMatch[] = [];
    let units: number | null = null;
    if (len === 7 && /[A-Z]/.test(text.slice(i + 5, j)) && isKnownModifier(text.slice(i + 5, j))) {
      modifiers.push({ value: text.slice(i + 5, j), start: i + 5, end: j, form: 'glued' });
    } else if (len >= 7 && (text.charCodeAt(i + 5) | 0x20) === 120) {
      const num = smallNumberAt(text, i + 6, j);
      if (!num || num[1] !== j) {
        i = j;
        continue;
      }
      units = num[0];
    } else if (len !== 5) {
      i = j;
      continue;
    }
    const before3 = i >= 3 ? text.slice(i - 3, i) : '';
    const x12 =
      before3.charCodeAt(2) === 58 && X12_QUALIFIERS.has(before3.slice(0, 2)) && !isWordCharAt(text, i - 4);
    let p = j;

    // Range: only directly after a bare code.
    if (len === 5) {
      const r = rangeAt(text, p, n, code, kind);
      if (r) {
        const startInfo: RangeInfo = {
          role: 'start',
          partner: r.code,
          partnerStart: r.start,
          partnerEnd: r.end,
          separator: r.separator,
        };
        const endInfo: RangeInfo = {
          role: 'end',
          partner: code,
          partnerStart: i,
          partnerEnd: i + 5,
          separator: r.separator,
        };
        out.push({ code, kind, start: i, end: i + 5, modifiers, units, range: startInfo, extentEnd: i + 5, x12 });
        out.push({ code: r.code, kind, start: r.start, end: r.end, modifiers: [], units: null, range: endInfo, extentEnd: r.end, x12: false });
        i = r.end;
        continue;
      }
    }

    // Modifiers.
    if (units === null) {
      let lastForm = modifiers[0]?.form ?? null;
      while (modifiers.length < MAX_MODIFIERS && p < n) {
        const c = text.charCodeAt(p);
        if (c === 45 || c === 0x2011) {
          const m = twoCharsAt(text, p + 1, n);
          if (!m || !isModifierShape(m)) break;
          modifiers.push({ value: m, start: p + 1, end: p + 3, form: 'hyphen' });
          p += 3;
          lastForm = 'hyphen';
          continue;
        }
        if (c === 58 && (x12 || lastForm === 'colon')) {
          const m = twoCharsAt(text, p + 1, n);
          if (!m) break;
          modifiers.push({ value: m, start: p + 1, end: p + 3, form: 'colon' });
          p += 3;
          lastForm = 'colon';
          continue;
        }
        if (isSpace(c)) {
          const s = skipSpaces(text, p, n, 2);
          const m = twoCharsAt(text, s, n);
          // X1–X5 are modifiers, but "99213 X3" far more often means three units.
          if (!m || !isKnownModifier(m) || /^X\d$/.test(m)) break;
          // "99213 25 units" is units, not a modifier.
          if (unitsWordAt(text, skipSpaces(text, s + 2, n, 2)) >= 0 && /^\d\d$/.test(m)) break;
          modifiers.push({ value: m, start: s, end: s + 2, form: 'space' });
          p = s + 2;
          lastForm = 'space';
          continue;
        }
        break;
      }
      const u = unitsAt(text, p, n);
      if (u) {
        units = u[0];
        p = u[1];
      }
    } else {
      p = j;
    }
    out.push({ code, kind, start: i, end: i + 5, modifiers, units, extentEnd: p, x12 });
    i = Math.max(p, j);
  }
  return out;
}
