/**
 * The text of a run of consecutive text nodes, read at once (the scanner reads a group of a wide
 * element's children with one `textContent` per child), with the known-code windows found in it: the scanner
 * then reads `data` only of the nodes whose own text may hold a known code. Reading a node's
 * `data` makes a string and a wrapper in the content script's world (~1 µs); a 20,000-row claim
 * table has 160,000 text nodes long enough to hold a code and one code per row. It also knows
 * where each row's text ends, so that the walk can pass over the rest of a row in which no
 * known-code window starts ({@link TextSegment.skipIdleRow}).
 * Pure: the scanner feeds the walked nodes' lengths, in walk order. Content-script only.
 */
import { isAsciiAlnum, MAX_SCAN_CHARS } from '../codes/patterns';

const NO_ROWS: readonly number[] = [];

/**
 * Appends the start of every known-code window of a text to `out`, ascending: as
 * `knownCodeWindows` (lib/codes/patterns) finds them; CodeSet.windows in the scanner.
 */
export type KnownWindows = (text: string, out: number[]) => void;

export class TextSegment {
  #text = '';
  /** Where the next node's text starts in `text`. */
  #pos = 0;
  /** Known-code windows of `text`, ascending, and the first one not yet passed. */
  readonly #hits: number[] = [];
  #next = 0;
  /** Nodes accounted for since the segment was loaded. */
  taken = 0;

  /** Where each row of the segment starts and ends in `text`, ascending, and the row the walk was last in. */
  #starts: readonly number[] = NO_ROWS;
  #ends: readonly number[] = NO_ROWS;
  #row = 0;
  /** Whether the rest of a row was passed over (see {@link skipIdleRow}; not the text between two rows alone). */
  skipped = false;

  /** Whether nodes of the segment remain to be accounted for. */
  get active(): boolean {
    return this.#pos < this.#text.length;
  }

  /** Whether every node of the segment was accounted for (not cleared before its end). */
  get done(): boolean {
    return this.#text.length > 0 && this.#pos === this.#text.length;
  }

  /** Whether any known-code window was found (else no node of the segment holds a known code). */
  get hasHits(): boolean {
    return this.#hits.length > 0;
  }

  /**
   * Starts a segment: `text` is the text of the next nodes of the walk, from the next one on.
   * `starts`, `ends`: where the subtrees it was read from (a table's rows) start and end in it,
   * ascending (text between them is other nodes'), for {@link skipIdleRow}.
   */
  load(text: string, windows: KnownWindows, starts: readonly number[] = NO_ROWS, ends: readonly number[] = NO_ROWS): void {
    this.clear();
    this.#text = text;
    this.#starts = starts;
    this.#ends = ends;
    windows(text, this.#hits);
  }

  clear(): void {
    this.#text = '';
    this.#pos = 0;
    this.#hits.length = 0;
    this.#next = 0;
    this.taken = 0;
    this.#starts = this.#ends = NO_ROWS;
    this.#row = 0;
    this.skipped = false;
  }

  /**
   * When no known-code window starts between the next node of the walk and the start of the row
   * after the one it is in (or after the next row, between rows; the end of that row when it is
   * the last), none of those nodes holds a known code: they are accounted for, and the index of
   * that row (in `load`'s `ends`) is returned. The walk goes on at the first node of the row
   * after it, when there is one in the segment, else after its last node. Between two rows, when
   * no window starts before the next row, the walk likewise goes on at that row (the index of
   * the row before it is returned). Otherwise -1.
   */
  skipIdleRow(): number {
    const ends = this.#ends;
    const pos = this.#pos;
    let r = this.#row;
    while (r < ends.length && (ends[r] as number) <= pos) r++;
    this.#row = r;
    if (r >= ends.length) return -1;
    const to = (r + 1 < ends.length ? this.#starts[r + 1] : ends[r]) as number;
    const hits = this.#hits;
    let k = this.#next;
    while (k < hits.length && (hits[k] as number) < pos) k++;
    this.#next = k;
    if (k < hits.length && (hits[k] as number) < to) {
      // A window ahead: between two rows (a row walked to its end), the text up to the next row
      // is still passed over when none starts in it (the walk goes on at that row).
      // (The rows themselves were walked, not passed over: `skipped` stays as it is; the text
      // between them counts as one node, as a whitespace node walked would.)
      const start = this.#starts[r] as number;
      if (r === 0 || pos >= start || (hits[k] as number) < start) return -1;
      this.#pos = start;
      this.taken++;
      return r - 1;
    }
    this.#pos = to;
    this.skipped = true;
    return r;
  }

  /**
   * Accounts for the next node of the walk (`length` characters): false when its own text holds
   * no known code (holdsKnownCode would be false: no window starts in it after a character that
   * is not an ASCII letter or digit, or at its start), true when it may. Null when the node does
   * not fit in what is left of the segment (the segment is dropped: read the node).
   */
  take(length: number, maxChars = MAX_SCAN_CHARS): boolean | null {
    const from = this.#pos;
    const to = from + length;
    if (to > this.#text.length) {
      this.clear();
      return null;
    }
    this.#pos = to;
    this.taken++;
    const hits = this.#hits;
    const last = Math.min(to, from + maxChars) - 5;
    let k = this.#next;
    while (k < hits.length && (hits[k] as number) < from) k++;
    let found = false;
    for (; k < hits.length && (hits[k] as number) <= last; k++) {
      const p = hits[k] as number;
      if (p === from || !isAsciiAlnum(this.#text.charCodeAt(p - 1))) {
        found = true;
        break;
      }
    }
    this.#next = k;
    return found;
  }
}
