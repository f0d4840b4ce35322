import { describe, expect, it } from 'vitest';
import { CODE_SPACE, CodeSet, codeIndex, encodeCodeSet } from '../../../../lib/codes/code-set';
import { codeKindAt, knownCodeWindows } from '../../../../lib/codes/patterns';
import { claimPage } from '../../../bench/pages';
import { loadCodeSet } from '../../../setup/code-set.ts';

/** Every 5-character string of the shapes the detector recognises. */
function* everyShape(): Generator<string> {
  for (let n = 0; n < 10_000; n++) {
    const four = String(n).padStart(4, '0');
    for (let d = 0; d < 10; d++) yield four + d;
    for (const s of 'FTUM') yield four + s;
    for (let l = 65; l <= 90; l++) yield String.fromCharCode(l) + four;
  }
}

describe('codeIndex', () => {
  it('maps every code shape to its own bit inside the space', () => {
    const seen = new Uint8Array(CODE_SPACE);
    let count = 0;
    const outside: string[] = [];
    for (const code of everyShape()) {
      const i = codeIndex(code);
      if (!(i >= 0 && i < CODE_SPACE)) outside.push(code);
      else if (seen[i] === 0) count++;
      seen[i] = 1;
    }
    expect(outside).toEqual([]);
    expect(count).toBe(CODE_SPACE);
  });

  it('holds every shape the detector finds, and nothing else', () => {
    for (const code of ['99213', '0037U', '1234F', '0591T', '0002M', 'G0438', 'D0120', 'E0114', 'V2020']) {
      expect(codeKindAt(code, 0)).not.toBeNull();
      expect(codeIndex(code)).toBeGreaterThanOrEqual(0);
    }
    for (const code of ['9921', '992134', '0001A', '99 13', 'G043', 'g0438', '12.45', 'ÄÖÜ12', '']) expect(codeIndex(code)).toBe(-1);
  });
});

describe('CodeSet', () => {
  it('answers exactly the encoded codes, in either case', () => {
    const codes = ['99213', '00100', '0037U', '1234F', 'G0438', 'Z9999', 'a1234'];
    const set = new CodeSet(encodeCodeSet(codes));
    for (const c of codes) expect(set.has(c)).toBe(true);
    expect(set.has('g0438')).toBe(true);
    for (const c of ['99214', '00101', '0037T', 'G0439', 'Y9999', '0001A', '']) expect(set.has(c)).toBe(false);
  });

  /** The reference windows() is held to: a window's five characters, upper case only (the scanner's shapes are), looked up with has(). */
  const hasAt = (set: CodeSet, s: string, i: number): boolean => {
    const five = s.slice(i, i + 5);
    return i >= 0 && five.length === 5 && five === five.toUpperCase() && set.has(five);
  };

  it('windows() finds exactly what knownCodeWindows finds through has() on each upper-case window: random text over every shape, and a claim page', () => {
    // Every suffix and letter block, W–Z (not windows), lower case (not windows), codes at the very start and end.
    const codes = ['99213', '00100', '10021', '0037U', '1234F', '3288T', '0001M', '9999U', 'A0428', 'G0438', 'J3301', 'V2020', 'W1234', 'Z9999', 'E0114', '00000', '99999'];
    const set = new CodeSet(encodeCodeSet(codes));
    const at = (s: string, i: number) => hasAt(set, s, i);
    const pieces = [...'0123456789', ...'AFGJMTUVWZ', ...'afmtu', ' ', '-', '.', '/', '٣', '\n', ...codes, '992', '13', '0037', '1234567890'];
    let seed = 11;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    let found = 0;
    for (let t = 0; t < 3000; t++) {
      let text = '';
      const len = Math.floor(rnd() * 80);
      while (text.length < len) text += pieces[Math.floor(rnd() * pieces.length)];
      const want: number[] = [];
      knownCodeWindows(text, at, want);
      const got: number[] = [];
      set.windows(text, got);
      expect(got, JSON.stringify(text)).toEqual(want);
      found += got.length;
    }
    expect(found).toBeGreaterThan(2000);
    // The bench's claim page (every row: a code, ZIP+4, phone, NPI, claim number), with the real release's codes.
    const real = new CodeSet(encodeCodeSet(loadCodeSet()));
    const page = claimPage(500).replace(/<[^>]+>/g, '');
    const want: number[] = [];
    knownCodeWindows(page, (s, i) => hasAt(real, s, i), want);
    const got: number[] = [];
    real.windows(page, got);
    expect(got).toEqual(want);
    expect(got.length).toBeGreaterThan(500);
  });

  it('encodes to 50 kB of bits (66,668 characters of base64)', () => {
    expect(encodeCodeSet([]).length).toBe(66_668);
    expect(new CodeSet(encodeCodeSet([])).has('99213')).toBe(false);
  });

  it('rejects a string that is not a code set', () => {
    expect(() => new CodeSet('AAAA')).toThrow(/Not a code set/);
    expect(() => new CodeSet('not base64!')).toThrow();
  });
});
