/**
 * Text normalisation shared by the popup search and the locality search: lower-case ASCII word
 * tokens, and a bounded edit distance for typo tolerance. Pure; importable from anywhere.
 */

/** Longest query we look at; anything beyond is ignored (a pasted paragraph stays fast). */
export const MAX_QUERY_CHARS = 80;
/** At most this many words of a query are matched. */
export const MAX_QUERY_TOKENS = 8;

/** Lower-case word tokens: runs of ASCII letters/digits ("Office o/p est" → office, o, p, est). */
export function tokenize(text: string): string[] {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .match(/[a-z0-9]+/g) ?? []
  );
}

/** A key for comparing abbreviations: "E/M", "e&m", "E M" → "em". */
export function compactKey(text: string): string {
  return tokenize(text).join('');
}

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transposition), or `max + 1` as
 * soon as it must exceed `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  let prev2 = new Array<number>(lb + 1).fill(0);
  let prev = Array.from({ length: lb + 1 }, (_, j) => j);
  let cur = new Array<number>(lb + 1).fill(0);
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1);
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ca === cb ? 0 : 1));
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[lb]!;
}

/** How many typos a word of this length may carry: none up to 3 letters, 1 up to 5, then 2. */
export function typoBudget(length: number): number {
  return length <= 3 ? 0 : length <= 5 ? 1 : 2;
}
