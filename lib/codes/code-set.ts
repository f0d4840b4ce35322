/**
 * The loaded release's codes as a compact membership set, for the page scanner: one bit per
 * possible code shape the detector recognises (400,000 bits = 50 kB, 66,668 characters of
 * base64). The background builds it once per release from the database's index keys; each page
 * asks for it once, so the scanner knows at once whether a code-shaped string is a real code —
 * no message per batch of candidates, and the page's codes never leave the tab at all.
 * Pure (no browser APIs beyond `atob`/`btoa`, present in pages, workers and Node).
 *
 * Layout (the shapes `codeKindAt` accepts; anything else is not a code the scanner can find):
 *   `ddddd`                → 0 … 99,999            (CPT, the number itself)
 *   `dddd` + F | T | U | M → 100,000 … 139,999     (Category II / III, PLA, MAAA)
 *   letter A–Z + `dddd`    → 140,000 … 399,999     (HCPCS Level II, dental)
 */

/** Number of bits in the set. */
export const CODE_SPACE = 400_000;
const SUFFIXES = 'FTUM';

function digit(code: string, i: number): number {
  const c = code.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/** The bit of a code (upper case, 5 characters) in the set, or -1 for a shape it cannot hold. */
export function codeIndex(code: string): number {
  return code.length === 5 ? codeIndexAt(code, 0) : -1;
}

/** The bit of the five characters of `s` from `i` (upper case), or -1 (as {@link codeIndex}). */
function codeIndexAt(s: string, i: number): number {
  const d1 = digit(s, i + 1);
  const d2 = digit(s, i + 2);
  const d3 = digit(s, i + 3);
  if (d1 < 0 || d2 < 0 || d3 < 0) return -1;
  const mid = d1 * 100 + d2 * 10 + d3;
  const d0 = digit(s, i);
  const d4 = digit(s, i + 4);
  if (d0 >= 0) {
    if (d4 >= 0) return d0 * 10_000 + mid * 10 + d4;
    const k = SUFFIXES.indexOf(s.charAt(i + 4));
    return k < 0 ? -1 : 100_000 + k * 10_000 + d0 * 1000 + mid;
  }
  const letter = s.charCodeAt(i) - 65;
  if (letter < 0 || letter > 25 || d4 < 0) return -1;
  return 140_000 + letter * 10_000 + mid * 10 + d4;
}

/** Base64 of the bit set of `codes` (shapes {@link codeIndex} cannot hold are left out). */
export function encodeCodeSet(codes: Iterable<string>): string {
  const bytes = new Uint8Array(CODE_SPACE / 8);
  for (const code of codes) {
    const i = codeIndex(code.toUpperCase());
    if (i >= 0) bytes[i >> 3]! |= 1 << (i & 7);
  }
  let bin = '';
  for (let i = 0; i < bytes.length; i += 8192) bin += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return btoa(bin);
}

/** Membership in an encoded set. Throws on a string that is not one (wrong length, not base64). */
export class CodeSet {
  private readonly bits: string;

  constructor(encoded: string) {
    const bits = atob(encoded);
    if (bits.length !== CODE_SPACE / 8) throw new Error(`Not a code set (${bits.length} bytes)`);
    this.bits = bits;
  }

  /** Whether the release knows `code` (case-insensitive). */
  has(code: string): boolean {
    let i = codeIndex(code);
    if (i < 0) i = codeIndex(code.toUpperCase());
    return this.bit(i);
  }

  /**
   * Appends to `out` the start of every five-character window of `text` shaped as a code
   * (`[0-9A-V]`, three digits, `[0-9FTUM]`, whatever precedes it) that the set holds, ascending:
   * what `knownCodeWindows(text, (s, i) => set.has(s.slice(i, i + 5)), out)` (lib/codes/patterns)
   * finds in upper-case text, in one pass over the characters with no call per window and each
   * digit read once. The scanner runs it over the text of every group of rows it reads: on the
   * 20k-row claim page's 104 segments (~521,000 code-shaped windows) 17.7 ms against 25.4 ms
   * with a lookup per window (Node, median of 21 runs).
   */
  windows(text: string, out: number[]): void {
    const bits = this.bits;
    const n = text.length;
    let run = 0;
    // The last three digits (those of the window being looked at, once run ≥ 3).
    let d1 = 0;
    let d2 = 0;
    let d3 = 0;
    for (let i = 0; i < n; i++) {
      const d = text.charCodeAt(i) - 48;
      if (!(d >= 0 && d <= 9)) {
        run = 0;
        continue;
      }
      d1 = d2;
      d2 = d3;
      d3 = d;
      if (++run < 3 || i < 3 || i + 1 >= n) continue;
      // The window is text[i-3 … i+1]: its first character a digit or A–V, its last a digit or a suffix.
      const mid = d1 * 100 + d2 * 10 + d3;
      const f = text.charCodeAt(i - 3) - 48;
      const l = text.charCodeAt(i + 1) - 48;
      let bit = -1;
      if (l >= 0 && l <= 9) {
        if (f >= 0 && f <= 9) bit = f * 10_000 + mid * 10 + l;
        else if (f >= 17 && f <= 38) bit = 140_000 + (f - 17) * 10_000 + mid * 10 + l;
      } else if (f >= 0 && f <= 9) {
        // F, T, U, M (character code − 48): the blocks of codeIndexAt, compared (no lookup by key).
        const block = l === 22 ? 100_000 : l === 36 ? 110_000 : l === 37 ? 120_000 : l === 29 ? 130_000 : -1;
        if (block >= 0) bit = block + f * 1000 + mid;
      }
      if (bit >= 0 && ((bits.charCodeAt(bit >> 3) >> (bit & 7)) & 1) === 1) out.push(i - 3);
    }
  }

  private bit(i: number): boolean {
    return i >= 0 && ((this.bits.charCodeAt(i >> 3) >> (i & 7)) & 1) === 1;
  }
}
