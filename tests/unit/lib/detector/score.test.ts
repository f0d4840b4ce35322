import { describe, expect, it } from 'vitest';
import { detectInText } from '../../../../lib/detector/candidates.ts';
import { completeDetection, passesStrictness, tierFor } from '../../../../lib/detector/score.ts';
import { loadCodeSet } from '../../../setup/code-set.ts';

const codes = loadCodeSet();
const isKnownCode = (c: string): boolean => codes.has(c);
const found = (text: string, strictness: 'strict' | 'balanced' | 'everything' = 'balanced'): string[] =>
  detectInText(text, { isKnownCode, strictness }).map((d) => d.code);

describe('detectInText: codes with evidence are found (balanced)', () => {
  it.each([
    ['CPT 99213', ['99213']],
    ['CPT®: 27447-RT', ['27447']],
    ['HCPCS G0438', ['G0438']],
    ['Proc code 20610', ['20610']],
    ['Code: 99214', ['99214']],
    ['99214-25', ['99214']],
    ['93976TC', ['93976']],
    ['HC:99213:25', ['99213']],
    ['99213 25 GC', ['99213']],
    ['97110 x4', ['97110']],
    ['97110 (2 units)', ['97110']],
    ['E/M 99214 established', ['99214']],
    ['billed 99214 today', ['99214']],
    ['E/M services (99202-99215)', ['99202', '99215']],
    ['0591T–0593T are investigational', ['0591T', '0593T']],
    ['codes 99221 through 99223', ['99221', '99223']],
    ['CPT 99202, 99203 and 99204', ['99202', '99203', '99204']],
    ['repair (49505 and 49591)', ['49505', '49591']],
    ['3074F', ['3074F']],
    ['0037U', ['0037U']],
    ['J3301', ['J3301']],
  ])('%s', (text, want) => {
    expect(found(text)).toEqual(want);
  });
});

describe('detectInText: traps are not marked (balanced)', () => {
  it.each([
    ['Spokane, WA 99202'],
    ['Spokane, WA 99203-1234'],
    ['New York, NY 10021'],
    ['ZIP 99204'],
    ['zip code 99203'],
    ['Nearby ZIP codes: 99201, 99202, 99203 and 99204'],
    ['99212 S Lefevre St'],
    ['10005 York Ave'],
    ['PO Box 99213'],
    ['Suite 10021'],
    ['Phone 509-99213'],
    ['Tel: 99213'],
    ['Claim # 99213'],
    ['Account 99214'],
    ['Acct# 10021'],
    ['MRN: 27447'],
    ['Member ID 99213'],
    ['NPI 99213'],
    ['NDC 12345-6789-01'],
    ['NDC 50242-040-62'],
    ['ICN 99213'],
    ['Check #99214'],
    ['TIN 10021'],
    ['Invoice #88305'],
    ['Dx: G8929'],
    ['ICD-10: E1100'],
    ['Diagnosis: M1711 (OA right knee), G4733 (OSA), E1100.'],
    ['$ 99213'],
    ['lot 99213-4471'],
    ['Julian 25015'],
    ['DOB 10021'],
    ['version 10021'],
    ['Ann Surg. 2019;141(3):10021-10030.'],
    ['pp. 20610–20622'],
    ['https://example.org/cpt/99213'],
    ['www.example.org/99213'],
    ['billing@99213.example'],
    ['report_99213.pdf'],
    ['scan-99213.pdf'],
    ['/claims/99213/lines'],
    ['12/99213'],
    ['section 99203'],
    ['Document ID 64483-EHP'],
  ])('%s', (text) => {
    expect(found(text)).toEqual([]);
  });
});

describe('strictness', () => {
  it('everything keeps every known, well-formed token; strict keeps only high tiers', () => {
    expect(found('Spokane, WA 99202', 'everything')).toEqual(['99202']);
    expect(found('99213 alone', 'everything')).toEqual(['99213']);
    expect(found('99213 alone', 'balanced')).toEqual([]);
    expect(found('99213-25', 'strict')).toEqual([]);
    expect(found('CPT 99213-25', 'strict')).toEqual(['99213']);
    expect(found('not a code 99999', 'everything')).toEqual([]); // membership is always required
  });

  it.each([
    [0.9, 'high'],
    [0.75, 'high'],
    [0.6, 'medium'],
    [0.5, 'medium'],
    [0.49, 'low'],
    [0, 'low'],
  ] as const)('tierFor(%d) = %s', (score, tier) => {
    expect(tierFor(score)).toBe(tier);
  });

  it('passesStrictness', () => {
    expect(passesStrictness('medium', 'balanced')).toBe(true);
    expect(passesStrictness('medium', 'strict')).toBe(false);
    expect(passesStrictness('low', 'everything')).toBe(true);
  });
});

describe('detectInText: output shape and context', () => {
  it('reports code offsets, modifiers, units, tier and reasons', () => {
    const [d] = detectInText('CPT 99213-25 x2', { isKnownCode });
    expect(d).toMatchObject({ code: '99213', kind: 'cpt', modifiers: ['25'], units: 2, start: 4, end: 9, tier: 'high' });
    expect(d?.reasons).toEqual(expect.arrayContaining(['label:cpt', 'modifier', 'units']));
  });

  it('gives range endpoints their roles', () => {
    expect(detectInText('CPT 99202-99215', { isKnownCode }).map((d) => d.rangeRole)).toEqual(['start', 'end']);
  });

  it('uses the column header, column ratio and row Mod/Units cells', () => {
    const [d] = detectInText('99213', {
      isKnownCode,
      context: { columnHeader: 'CPT', columnCodeRatio: 0.9, rowModifiers: ['25'], rowUnits: 2 },
    });
    expect(d).toMatchObject({ code: '99213', modifiers: ['25'], units: 2, tier: 'high' });
    expect(detectInText('99203', { isKnownCode, context: { columnHeader: 'ZIP', columnCodeRatio: 0.9 } })).toEqual([]);
    expect(detectInText('99203', { isKnownCode, context: { columnHeader: 'Account#' } })).toEqual([]);
  });

  it('reads neighbouring text for evidence but reports offsets in the node text', () => {
    const [d] = detectInText('99213', { isKnownCode, context: { textBefore: 'CPT ', textAfter: '-25' } });
    expect(d).toMatchObject({ start: 0, end: 5, modifiers: ['25'] });
    expect(detectInText('99203', { isKnownCode, context: { textBefore: 'Spokane, WA' } })).toEqual([]);
    // A token split across nodes is never reported.
    expect(detectInText('213', { isKnownCode, context: { textBefore: '99' } })).toEqual([]);
  });

  it('uses a label element only when nothing precedes the code', () => {
    expect(found('99214')).toEqual([]);
    expect(detectInText('99214', { isKnownCode, context: { labelBefore: 'CPT' } }).map((d) => d.code)).toEqual(['99214']);
    expect(detectInText('99214', { isKnownCode, context: { labelBefore: 'MRN' } })).toEqual([]);
  });
});

describe('detectInText: the row\'s words', () => {
  it('are read only when they could change the tier, and then count', () => {
    let reads = 0;
    const row = (text: string) => () => (reads++, text);
    // Header, column and Units already make it high whatever the row says: the row is not read.
    const decided = detectInText('99213', { isKnownCode, context: { columnHeader: 'CPT', columnCodeRatio: 0.9, rowUnits: 1, rowText: row('Office visit billed') } });
    expect(decided.map((d) => d.tier)).toEqual(['high']);
    expect(reads).toBe(0);
    // A bare code in a column of codes with no header: medium or low depending on the row.
    const open = { isKnownCode, strictness: 'strict' as const };
    const withWords = detectInText('99213', { ...open, context: { columnCodeRatio: 0.9, rowText: row('Office visit billed') } });
    expect(reads).toBe(1);
    const without = detectInText('99213', { ...open, context: { columnCodeRatio: 0.9, rowText: row('Seen by Dr. Smith') } });
    expect(reads).toBe(2);
    const plain = detectInText('99213', { ...open, context: { columnCodeRatio: 0.9, rowText: 'Office visit billed' } });
    expect(withWords.map((d) => d.reasons)).toEqual(plain.map((d) => d.reasons));
    expect(withWords[0]?.reasons).toContain('kw:visit');
    expect(without).toEqual([]);
  });

  it('a row read once serves every cell of that row', () => {
    let reads = 0;
    const rowText = () => (reads++, 'Office visit billed 99213 99214');
    for (const code of ['99213', '99214']) detectInText(code, { isKnownCode, strictness: 'strict', context: { columnCodeRatio: 0.9, rowText } });
    expect(reads).toBe(1);
  });
});

describe("detectInText: the row's Mod/Units cells, read lazily", () => {
  const extras = { modifiers: ['25'], units: 2 };
  const eager = (context: object, strictness: 'strict' | 'balanced' = 'balanced') =>
    detectInText('99213', { isKnownCode, strictness, context: { ...context, rowModifiers: extras.modifiers, rowUnits: extras.units } });

  it('are left unread when they cannot change the tier, and completing the detection gives what reading them gives', () => {
    let reads = 0;
    const rowExtras = { read: () => (reads++, extras) };
    const context = { columnHeader: 'CPT', columnCodeRatio: 0.9 };
    const [d] = detectInText('99213', { isKnownCode, context: { ...context, rowExtras } });
    expect(reads).toBe(0);
    expect(d).toMatchObject({ tier: 'high', modifiers: [], units: null, rowPending: true });
    completeDetection(d!, rowExtras);
    expect(reads).toBe(1);
    const [e] = eager(context);
    expect(d).toEqual(e);
    // Completing twice reads once.
    completeDetection(d!, rowExtras);
    expect(reads).toBe(1);
  });

  it('are read during scoring when they could change the tier (and then decide it)', () => {
    let reads = 0;
    const rowExtras = { read: () => (reads++, extras) };
    // A column of codes without a header: 0.65 (medium) without the cells, 0.85 (high) with them.
    const [d] = detectInText('99213', { isKnownCode, strictness: 'strict', context: { columnCodeRatio: 0.9, rowExtras } });
    expect(reads).toBe(1);
    expect(d).toEqual(eager({ columnCodeRatio: 0.9 }, 'strict')[0]);
    expect(d).toMatchObject({ tier: 'high', modifiers: ['25'], units: 2 });
    expect(d?.rowPending).toBeUndefined();
    // Empty cells: no weight, and strict mode does not show the code.
    expect(detectInText('99213', { isKnownCode, strictness: 'strict', context: { columnCodeRatio: 0.9, rowExtras: { read: () => null } } })).toEqual([]);
  });

  it('never under a header that rules codes out', () => {
    let reads = 0;
    expect(detectInText('99213', { isKnownCode, context: { columnHeader: 'ZIP', columnCodeRatio: 0.9, rowExtras: { read: () => (reads++, extras) } } })).toEqual([]);
    expect(reads).toBe(0);
  });
});

describe('fuzz: random and adversarial input', () => {
  let seed = 12345;
  const rnd = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const alphabet = [
    ...'0123456789',
    ...'ADEGJKLMTUFVWXZ',
    ...'adgtxu',
    ' ', ' ', '-', '–', '—', ':', '.', ',', '$', '#', '(', ')', '×', '/', '_', '\n', '\u00a0',
    'é', 'Ж', '中', '٣', '😀', '\u0301',
    'CPT ', 'HC:', ' through ', ' to ', ' units', 'x', 'WA ', 'ZIP ', 'http://', '@',
  ];
  const randomString = (len: number): string => {
    let s = '';
    while (s.length < len) s += alphabet[Math.floor(rnd() * alphabet.length)];
    return s;
  };

  it('2,000 random and adversarial strings never throw and offsets stay in range', () => {
    const inputs: string[] = [];
    for (let i = 0; i < 1950; i++) inputs.push(randomString(Math.floor(rnd() * 300)));
    inputs.push('9'.repeat(100_000), '99213'.repeat(20_000), '99213-'.repeat(10_000), '99213 25 '.repeat(10_000));
    inputs.push('-'.repeat(50_000) + '99213', ' '.repeat(50_000) + '99213 ' + ' '.repeat(50_000));
    inputs.push('99202-99215-'.repeat(5_000), 'HC:99213:25:'.repeat(5_000), '(' + '2 units)'.repeat(5_000));
    inputs.push('\ud800'.repeat(1_000) + '99213', '99213'.split('').join('\u0301'), '𝟗𝟗𝟐𝟏𝟑');
    while (inputs.length < 2000) inputs.push(randomString(2000));
    expect(inputs.length).toBe(2000);
    for (const text of inputs) {
      for (const strictness of ['balanced', 'everything'] as const) {
        const ds = detectInText(text, { isKnownCode, strictness });
        for (const d of ds) {
          expect(d.start).toBeGreaterThanOrEqual(0);
          expect(d.end).toBeLessThanOrEqual(text.length);
          expect(text.slice(d.start, d.end)).toBe(d.code);
        }
      }
    }
  }, 60_000);

  it('a 1 MB string costs at most ~20× a 100 kB one (linear; the default cap keeps both bounded)', () => {
    const chunk = 'Ln 3 CPT 99213-25 x2 Spokane, WA 99202-1234 $99,213.00 acct 10021 ' + '123456789'.repeat(5) + ' é中 ';
    const small = chunk.repeat(Math.ceil(100_000 / chunk.length));
    const big = chunk.repeat(Math.ceil(1_000_000 / chunk.length));
    const time = (s: string, maxChars = Infinity): number => {
      let best = Infinity;
      for (let k = 0; k < 3; k++) {
        const t0 = performance.now();
        detectInText(s, { isKnownCode, strictness: 'everything', maxChars });
        best = Math.min(best, performance.now() - t0);
      }
      return best;
    };
    time(small);
    const tSmall = Math.max(time(small), 1);
    // 10× the input: linear ≈ 10, quadratic ≈ 100. The generous bound keeps a loaded CI machine from deciding.
    expect(time(big) / tSmall).toBeLessThan(40);
    // With the default per-string cap (100 000 chars), 1 MB costs about what 100 kB does.
    expect(time(big, 100_000) / tSmall).toBeLessThan(5);
  }, 60_000);
});
