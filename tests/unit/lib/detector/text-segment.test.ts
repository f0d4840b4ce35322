import { describe, expect, it } from 'vitest';
import { holdsKnownCode, knownCodeWindows } from '../../../../lib/codes/patterns';
import { TextSegment } from '../../../../lib/detector/text-segment';

/** A set that knows every third code shape (both answers occur often). */
const isKnownCode = (c: string): boolean => (c.charCodeAt(0) + c.charCodeAt(4)) % 3 === 0;
const isKnownAt = (s: string, i: number): boolean => isKnownCode(s.slice(i, i + 5));
/** The segment's window finder over that set (the scanner's is CodeSet.windows, equal to this: code-set.test). */
const windows = (text: string, out: number[]): void => knownCodeWindows(text, isKnownAt, out);

function random(seed: number): () => number {
  return () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
}

const PIECES = [...'0123456789', ...'ADGJTUFMVWZ', ...'adtx', ' ', '-', '.', '/', '$', 'é', '٣', '\n', '99213', '99214', 'G0438', '0037U', '3288F', '992', '13', 'CLM-2026-', '1234567890', '(800) 555-0199', '25'];

/** Random node texts: mostly short, digits and code-shaped pieces often split across nodes. */
function nodesOf(rnd: () => number, count: number): string[] {
  return Array.from({ length: count }, () => {
    let s = '';
    const len = Math.floor(rnd() * (rnd() < 0.1 ? 60 : 14));
    while (s.length < len) s += PIECES[Math.floor(rnd() * PIECES.length)];
    return s;
  });
}

describe('knownCodeWindows', () => {
  it('finds every known code-shaped window, whatever precedes it, and nothing else', () => {
    const rnd = random(5);
    for (let t = 0; t < 2000; t++) {
      const text = nodesOf(rnd, 6).join('');
      const got: number[] = [];
      knownCodeWindows(text, isKnownAt, got);
      const expected: number[] = [];
      for (let i = 0; i + 5 <= text.length; i++) if (/^[0-9A-V]\d{3}[0-9FTUM]$/.test(text.slice(i, i + 5)) && isKnownAt(text, i)) expected.push(i);
      expect(got, JSON.stringify(text)).toEqual(expected);
    }
  });
});

describe('TextSegment: which walked nodes may hold a known code', () => {
  it('never passes over a node whose text holds one, and passes over most that hold none', () => {
    const rnd = random(9);
    let held = 0;
    let read = 0;
    let nodes = 0;
    for (let t = 0; t < 3000; t++) {
      const texts = nodesOf(rnd, 1 + Math.floor(rnd() * 12));
      const seg = new TextSegment();
      seg.load(texts.join(''), windows);
      for (const text of texts) {
        const may = seg.take(text.length);
        const holds = holdsKnownCode(text, isKnownCode);
        nodes++;
        if (holds) held++;
        if (may) read++;
        // Exact: a node is read exactly when the pre-filter's look-behind regex finds a known window in it.
        const shape = /(?<![A-Za-z0-9])[0-9A-V]\d{3}[0-9FTUM]/g;
        let expected = false;
        for (let m = shape.exec(text); m && !expected; m = shape.exec(text)) expected = isKnownCode(m[0]);
        expect(may, JSON.stringify({ texts, text })).toBe(expected);
        if (holds) expect(may).toBe(true);
      }
      expect(seg.active).toBe(false);
    }
    expect(held).toBeGreaterThan(1000);
    expect(read).toBeLessThan(nodes / 2);
  });

  it('counts every node, short or empty, and ends exactly with the text it was given', () => {
    const seg = new TextSegment();
    seg.load('\n99213\nab\n\n', windows);
    expect(seg.active).toBe(true);
    expect(seg.take(1)).toBe(false);
    expect(seg.take(5)).toBe(isKnownCode('99213'));
    expect(seg.take(0)).toBe(false);
    expect(seg.take(3)).toBe(false);
    expect(seg.active).toBe(true);
    expect(seg.take(2)).toBe(false);
    expect(seg.active).toBe(false);
    expect(seg.done).toBe(true);
    expect(seg.taken).toBe(5);
    seg.clear();
    expect(seg.done).toBe(false);
  });

  it('says whether any node of it may hold a known code (a group without one is passed over)', () => {
    const seg = new TextSegment();
    const known = ['99213', '99214', '99215'].find(isKnownCode) as string;
    seg.load(`Claim CLM-2026 paid $1,234.56\nCPT ${known}`, windows);
    expect(seg.hasHits).toBe(true);
    seg.load('Claim CLM-2026 paid $1,234.56 on 01/02/2026, call (800) 555-0199', windows);
    expect(seg.hasHits).toBe(false);
  });

  it('drops itself when a node runs past its end (the page changed): the node must be read', () => {
    const seg = new TextSegment();
    seg.load('12345', windows);
    expect(seg.take(9)).toBeNull();
    expect(seg.active).toBe(false);
    expect(seg.done).toBe(false);
  });

  it('looks at the first maxChars characters of a node, as holdsKnownCode does', () => {
    const seg = new TextSegment();
    const known = ['99213', '99214', '99215'].find(isKnownCode) as string;
    seg.load(`${'.'.repeat(20)} ${known}`, windows);
    expect(seg.take(26, 20)).toBe(false);
    seg.load(`${'.'.repeat(20)} ${known}`, windows);
    expect(seg.take(26, 26)).toBe(true);
  });

  it('passes over the rest of a row only when none of the nodes passed over holds a known code', () => {
    let skips = 0;
    let skippedNodes = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const rnd = random(seed);
      // Rows of nodes, with text nodes before some of them (whitespace, or anything): `row` is
      // the row a node is in or comes before (`between`).
      const items: Array<{ row: number; between: boolean; text: string }> = [];
      const starts: number[] = [];
      const ends: number[] = [];
      let text = '';
      for (let row = 0; row < 12; row++) {
        for (const t of nodesOf(rnd, rnd() < 0.5 ? 1 + Math.floor(rnd() * 2) : 0)) {
          items.push({ row, between: true, text: t });
          text += t;
        }
        starts.push(text.length);
        for (const t of nodesOf(rnd, Math.floor(rnd() * 8))) {
          items.push({ row, between: false, text: t });
          text += t;
        }
        ends.push(text.length);
      }
      const seg = new TextSegment();
      seg.load(text, windows, starts, ends);
      for (let i = 0; i < items.length; i++) {
        const may = seg.take(items[i]!.text.length);
        if (holdsKnownCode(items[i]!.text, isKnownCode)) expect(may, `seed ${seed}, node ${i}`).toBe(true);
        const r = seg.skipIdleRow();
        if (r < 0) continue;
        // The walk goes on at row r + 1's first node (the scanner sets the walker on its element),
        // or after row r's last node when it is the last row: none of the nodes passed over holds a known code.
        // (An empty row r + 1: the walk goes on with what follows it.)
        let next = items.findIndex((it, j) => j > i && ((it.row === r + 1 && !it.between) || it.row > r + 1));
        if (next < 0) next = items.length;
        expect(next, `seed ${seed}: row ${r} has nodes left`).toBeGreaterThan(i + 1);
        for (let j = i + 1; j < next; j++) {
          expect(holdsKnownCode(items[j]!.text, isKnownCode), `seed ${seed}, node ${j} passed over`).toBe(false);
          skippedNodes++;
        }
        skips++;
        i = next - 1;
      }
      // Every character accounted for: the walk and the segment stayed aligned.
      if (text !== '') expect(seg.done, `seed ${seed}`).toBe(true);
    }
    // The test means something: rows were passed over, with nodes in them.
    expect(skips).toBeGreaterThan(300);
    expect(skippedNodes).toBeGreaterThan(300);
  });

  it('passes over a row only up to the next known code, and nothing without rows', () => {
    const seg = new TextSegment();
    seg.load('ab cd', windows);
    seg.take(2);
    expect(seg.skipIdleRow()).toBe(-1);
    expect(seg.skipped).toBe(false);
    const known = ['99213', '99214', '99215'].find(isKnownCode) as string;
    // Rows "ab", "|<code>" and "|ef" ("|" the text between rows).
    seg.load(`ab|${known}|ef`, windows, [0, 3, 9], [2, 8, 11]);
    seg.take(2);
    // Row 0 walked to its end, a window in row 1: the text between them is passed over (the walk
    // goes on at row 1's first node, as after row 0), not the window.
    expect(seg.skipIdleRow()).toBe(0);
    // (No row was passed over, and the text between them counts as a node walked.)
    expect(seg.skipped).toBe(false);
    expect(seg.taken).toBe(2);
    expect(seg.take(5)).toBe(true);
    expect(seg.skipIdleRow()).toBe(2);
    expect(seg.skipped).toBe(true);
    expect(seg.done).toBe(true);
    // A window in the text between two rows: it is walked.
    seg.load(`ab|${known}|ef`, windows, [0, 9], [2, 11]);
    seg.take(2);
    expect(seg.skipIdleRow()).toBe(-1);
    expect(seg.skipped).toBe(false);
    expect(seg.take(7)).toBe(true);
  });
});
