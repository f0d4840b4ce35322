import { describe, expect, it } from 'vitest';
import { findCandidates, holdsKnownCode } from '../../../../lib/codes/patterns.ts';

/** Compact view: code[-mods][xunits][@role]. */
function view(text: string): string[] {
  return findCandidates(text).map(
    (c) =>
      c.code +
      (c.modifiers.length ? `-${c.modifiers.map((m) => m.value).join('-')}` : '') +
      (c.units !== null ? ` x${c.units}` : '') +
      (c.range ? ` @${c.range.role}` : ''),
  );
}

describe('findCandidates: code formats', () => {
  it.each([
    ['99213', 'cpt'],
    ['00840', 'cpt'],
    ['3074F', 'cat2'],
    ['0591T', 'cat3'],
    ['0037U', 'pla'],
    ['0002M', 'maaa'],
    ['G0438', 'hcpcs'],
    ['J3301', 'hcpcs'],
    ['V2020', 'hcpcs'],
    ['D0120', 'dental'],
  ])('%s is a %s token', (code, kind) => {
    const [c] = findCandidates(`see ${code} here`);
    expect(c).toMatchObject({ code, kind, start: 4, end: 9 });
  });

  it.each([
    ['992130', 'six digits'],
    ['A99213', 'letter + five digits'],
    ['9921', 'four digits'],
    ['W1234', 'letter outside A–V'],
    ['g0438', 'lower-case letter'],
    ['0591t', 'lower-case suffix'],
    ['1234X', 'unknown suffix'],
    ['file_99213', 'underscore-joined'],
    ['é99213', 'joined to a non-ASCII letter'],
    ['99213.00', 'decimal'],
    ['1.99213', 'decimal fraction'],
    ['$99,213.00', 'money with grouping'],
    ['20260115', 'date without separators'],
    ['1457392018', 'NPI'],
    ['N130', 'RARC'],
    ['CO-45', 'CARC'],
    ['0450', 'revenue code'],
    ['E11.65', 'dotted ICD-10'],
    ['v2.10.99213', 'version number'],
    ['1999-2005', 'range of years'],
  ])('%s is not a token (%s)', (text) => {
    expect(findCandidates(text)).toEqual([]);
  });
});

describe('findCandidates: modifiers', () => {
  it.each([
    ['99213-25', ['99213-25']],
    ['99213 25', ['99213-25']],
    ['99213-25-GC', ['99213-25-GC']],
    ['99213 25 GC', ['99213-25-GC']],
    ['27447-RT', ['27447-RT']],
    ['93976TC', ['93976-TC']],
    ['88305-26', ['88305-26']],
    ['HC:99213:25', ['99213-25']],
    ['HC:99213:25:GC', ['99213-25-GC']],
    ['E0114-NU', ['E0114-NU']],
    ['99213‑25', ['99213-25']], // non-breaking hyphen
    ['99213 ZZ', ['99213']], // unknown modifier needs a hyphen
    ['99213-ZZ', ['99213-ZZ']],
    ['93976XY', []], // glued suffix must be a known modifier
    ['99213-25.00', ['99213']], // money, not a modifier
    ['99213-2', ['99213']],
    ['99213 25 units', ['99213 x25']],
    ['99213-25-GC-59-XU-76', ['99213-25-GC-59-XU']], // at most 4
  ])('%s → %j', (text, want) => {
    expect(view(text)).toEqual(want);
  });

  it('reports modifier offsets and forms', () => {
    const [c] = findCandidates('CPT 99213-25 GC');
    expect(c?.modifiers).toEqual([
      { value: '25', start: 10, end: 12, form: 'hyphen' },
      { value: 'GC', start: 13, end: 15, form: 'space' },
    ]);
    expect(c?.extentEnd).toBe(15);
  });
});

describe('findCandidates: ranges', () => {
  it.each([
    ['99202-99215', ['99202 @start', '99215 @end']],
    ['0042T–0045T', ['0042T @start', '0045T @end']],
    ['0591T — 0594T', ['0591T @start', '0594T @end']],
    ['99202 through 99205', ['99202 @start', '99205 @end']],
    ['99202 thru 99205', ['99202 @start', '99205 @end']],
    ['99221 to 99223', ['99221 @start', '99223 @end']],
    ['A4206-A4209', ['A4206 @start', 'A4209 @end']],
    ['99215-99202', ['99215', '99202']], // descending: two codes, no range
    ['J3301-A4253', ['J3301', 'A4253']], // different letters
    ['99213-0591T', ['99213', '0591T']], // different kinds
    ['99202-1234', ['99202']], // ZIP+4 shape
  ])('%s → %j', (text, want) => {
    expect(view(text)).toEqual(want);
  });

  it('marks the endpoints only (the interior is not enumerated)', () => {
    const c = findCandidates('codes 99202-99215 apply');
    expect(c.map((x) => [x.start, x.end])).toEqual([
      [6, 11],
      [12, 17],
    ]);
    expect(c[0]?.range).toMatchObject({ partner: '99215', partnerStart: 12, separator: 'dash' });
  });
});

describe('findCandidates: units', () => {
  it.each([
    ['97110 x2', 2],
    ['97110x2', 2],
    ['97110 X 3', 3],
    ['97110 × 2', 2],
    ['97110 (2 units)', 2],
    ['97110 (x4)', 4],
    ['97110 2 units', 2],
    ['97110, 4 units', 4],
    ['97110-GP x4', 4],
    ['J3301 x10', 10],
  ])('%s → %d units', (text, units) => {
    expect(findCandidates(text)[0]?.units).toBe(units);
  });

  it.each(['97110 x', '97110 (2)', '97110 2 visits', '97110 x0', '97110 x1000', '97110 X-ray'])('%s has no units', (text) => {
    expect(findCandidates(text)[0]?.units ?? null).toBeNull();
  });
});

describe('findCandidates: linear time and caps', () => {
  it('ignores text beyond maxChars', () => {
    const text = 'x'.repeat(200) + ' 99213';
    expect(findCandidates(text, { maxChars: 100 })).toEqual([]);
    expect(findCandidates(text)).toHaveLength(1);
  });

  it('scans a 1 MB string in time proportional to its length', () => {
    const unit = 'CPT 99213-25 x2, 99202–99215; ZIP 99201-1234 $99,213.00 ' + '7'.repeat(40) + ' ';
    const small = unit.repeat(Math.ceil(100_000 / unit.length));
    const big = unit.repeat(Math.ceil(1_000_000 / unit.length));
    // Best of 5 runs each, after a warm-up, so JIT and GC noise do not decide the ratio.
    const time = (s: string): number => {
      let best = Infinity;
      for (let k = 0; k < 5; k++) {
        const t0 = performance.now();
        findCandidates(s, { maxChars: Infinity });
        best = Math.min(best, performance.now() - t0);
      }
      return best;
    };
    time(big);
    const ratio = time(big) / Math.max(time(small), 0.5);
    // 10× the input: linear ≈ 10, quadratic ≈ 100. The generous bound keeps a loaded CI machine from deciding.
    expect(ratio).toBeLessThan(40);
  });
});

describe('holdsKnownCode: the scanner pre-filter', () => {
  it('answers exactly as findCandidates + the set, on random and adversarial text', () => {
    // A set that knows every third code shape: both answers occur often.
    const isKnownCode = (c: string): boolean => (c.charCodeAt(0) + c.charCodeAt(4)) % 3 === 0;
    let seed = 7;
    const rnd = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const alphabet = [...'0123456789', ...'ADGJTUFMVWZ', ...'adtx', ' ', '-', '.', ',', '_', '$', ':', 'é', '٣', 'HC:', ' units', 'x', '99213', '99214', 'G0438', '0037U', '3288F', '992', '25', 'TC'];
    let agreed = 0;
    let held = 0;
    for (let i = 0; i < 5000; i++) {
      let s = '';
      const len = Math.floor(rnd() * 40);
      while (s.length < len) s += alphabet[Math.floor(rnd() * alphabet.length)];
      const expected = findCandidates(s).some((c) => isKnownCode(c.code));
      expect(holdsKnownCode(s, isKnownCode), JSON.stringify(s)).toBe(expected);
      agreed++;
      if (expected) held++;
    }
    expect(agreed).toBe(5000);
    expect(held).toBeGreaterThan(100);
  });

  it('answers exactly as findCandidates + the set on five-character text (a cell holding one token)', () => {
    const all = (_code: string): boolean => true;
    const chars = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefgtuvz-. ';
    let seed = 11;
    const rnd = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const texts: string[] = [];
    for (const letter of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789') for (const last of '0123456789FTUMXZ') texts.push(`${letter}123${last}`, `${letter}000${last}`);
    for (let i = 0; i < 20_000; i++) texts.push(Array.from({ length: 5 }, () => chars[Math.floor(rnd() * chars.length)]).join(''));
    let held = 0;
    for (const s of texts) {
      const expected = findCandidates(s).some((c) => all(c.code));
      expect(holdsKnownCode(s, all), JSON.stringify(s)).toBe(expected);
      if (expected) held++;
    }
    expect(held).toBeGreaterThan(500);
  });

  it('drops text with no code shape without asking the set, and respects maxChars', () => {
    let asked = 0;
    const count = (): boolean => (asked++, true);
    expect(holdsKnownCode('01/02/2026 $1,234.56 (555) 555-0199', count)).toBe(false);
    expect(asked).toBe(0);
    expect(holdsKnownCode('CLM-2026-12345678', count)).toBe(false); // code-shaped start, but an 8-digit number
    expect(holdsKnownCode('x'.repeat(200) + ' 99213', () => true, 100)).toBe(false);
    expect(holdsKnownCode('x'.repeat(200) + ' 99213', () => true)).toBe(true);
  });
});
