import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeDataset } from '../../../../lib/dataset/codec';
import { CodeSearch, parseCodeQuery, type SearchDoc } from '../../../../lib/search/search';
import { SYNONYMS } from '../../../../lib/search/synonyms';
import { editDistance, tokenize } from '../../../../lib/search/text';

const DATASET = fileURLToPath(new URL('../../../../data/generated/public/dataset.json', import.meta.url));

/** One row per code, global row first: what `getSearchCorpus` sends. */
function corpus(): SearchDoc[] {
  const ds = decodeDataset(readFileSync(DATASET, 'utf8'));
  const byCode = new Map<string, SearchDoc & { modifier: string }>();
  for (const r of ds.pfs) {
    const cur = byCode.get(r.code);
    if (!cur || (r.modifier === '' && cur.modifier !== '')) byCode.set(r.code, { code: r.code, description: r.description, modifier: r.modifier });
  }
  return [...byCode.values()];
}

let search: CodeSearch<SearchDoc>;
beforeAll(() => {
  search = new CodeSearch(corpus());
});

describe('ranking on the full corpus: the expected code comes first', () => {
  it.each([
    // exact codes, modifiers, prefixes
    ['99213', '99213'],
    ['88305-26', '88305'],
    ['88305 TC', '88305'],
    ['g0438', 'G0438'],
    ['0591T', '0591T'],
    ['9921', '99211'],
    ['G04', 'G0400'],
    // descriptor words
    ['total knee', '27447'],
    ['Total knee arthroplasty', '27447'],
    ['knee arthroplasty', '27447'],
    ['electrocardiogram', '93000'],
    ['metabolic panel', '80053'],
    ['mri lumbar spine w/o dye', '72148'],
    ['lipid panel', '80061'],
    ['diagnostic colonoscopy', '45378'],
    ['colonoscopy', '45378'],
    // misspellings
    ['colonscopy', '45378'],
    ['electrocardiogrm', '93000'],
    ['arthroplsty knee', '27447'],
    ['metabolc panel', '80053'],
    // abbreviations and synonyms
    ['IUI', '58322'],
    ['TKA', '27447'],
    ['tkr', '27447'],
    ['THA', '27130'],
    ['EKG', '93000'],
    ['ECG', '93000'],
    ['E/M', '99213'],
    ['e&m', '99213'],
    ['office visit', '99213'],
    ['new patient visit', '99203'],
    ['CMP', '80053'],
    ['BMP', '80048'],
    ['CBC', '85025'],
    ['A1C', '83036'],
    ['AWV', 'G0439'],
    ['CXR', '71046'],
    ['knee injection', '20610'],
    ['punch biopsy', '11104'],
  ])('%s → %s', (query, code) => {
    const hits = search.search(query);
    expect(hits[0]?.item.code).toBe(code);
  });

  it('keeps the modifiers typed with a code', () => {
    expect(search.search('88305-26')[0]).toMatchObject({ modifiers: ['26'], match: 'exact' });
  });

  it('a prefix lists codes in code order, only codes with that prefix', () => {
    const hits = search.search('9921', { limit: 10 });
    expect(hits.map((h) => h.item.code)).toEqual(['99211', '99212', '99213', '99214', '99215']);
    expect(hits.every((h) => h.match === 'prefix')).toBe(true);
  });

  it('every synonym points at codes present in the 2026 corpus', () => {
    const codes = new Set(search.docs.map((d) => d.code));
    const missing = SYNONYMS.flatMap((s) => s.codes.filter((c) => !codes.has(c)));
    expect(missing).toEqual([]);
  });
});

describe('calm with odd queries', () => {
  it.each(['', '   ', '-', '/', '12345', '99999-26', 'zzqxv', 'asdf qwer zxcv'])('%j → no results, no throw', (q) => {
    expect(search.search(q)).toEqual([]);
  });

  it('a very long query is cut, not choked on', () => {
    const t0 = performance.now();
    const hits = search.search(`total knee arthroplasty ${'lorem ipsum '.repeat(2000)}`);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(Array.isArray(hits)).toBe(true);
  });

  it('limits the number of results', () => {
    expect(search.search('a', { limit: 7 })).toHaveLength(7);
  });
});

describe('generic over { code, description, extraText? }', () => {
  const docs = [
    { code: 'E0100', description: 'Cane adjust/fixed with tip', extraText: 'Cane, includes canes of all materials, adjustable or fixed, with tip' },
    { code: 'E0105', description: 'Cane adjust/fixed quad/3 pro', extraText: 'Cane, quad or three prong, includes canes of all materials' },
    { code: 'A4206', description: 'Syringe with needle, sterile, 1cc or less' },
  ];
  const s = new CodeSearch(docs, { synonyms: [] });
  it('finds words of the extra text, below descriptor matches', () => {
    expect(s.search('materials').map((h) => h.item.code)).toEqual(['E0100', 'E0105']);
    expect(s.search('three prong')[0]?.item.code).toBe('E0105');
    expect(s.search('syringe')[0]?.item).toBe(docs[2]);
  });
});

describe('helpers', () => {
  it.each([
    ['99213', { kind: 'code', code: '99213', modifiers: [] }],
    ['88305-26', { kind: 'code', code: '88305', modifiers: ['26'] }],
    ['99213-25-gc', { kind: 'code', code: '99213', modifiers: ['25', 'GC'] }],
    ['9921', { kind: 'prefix', prefix: '9921' }],
    ['g04', { kind: 'prefix', prefix: 'G04' }],
    ['total', null],
    ['99213-xyz', null],
  ])('parseCodeQuery(%j)', (q, expected) => {
    expect(parseCodeQuery(q)).toEqual(expected);
  });

  it('tokenize and editDistance', () => {
    expect(tokenize('Office o/p est 20 min')).toEqual(['office', 'o', 'p', 'est', '20', 'min']);
    expect(editDistance('colonscopy', 'colonoscopy', 2)).toBe(1);
    expect(editDistance('ab', 'ba', 1)).toBe(1);
    expect(editDistance('kitten', 'sitting', 1)).toBe(2);
  });
});
