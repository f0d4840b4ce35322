/**
 * The popup's code search over an in-memory corpus (one row per code). Generic over
 * `{ code, description, extraText? }` so HCPCS long descriptions can join later. Pure; importable
 * from any context. Build one `CodeSearch` per corpus (the indexes are built once), then call
 * `search()` on every keystroke.
 *
 * Order of the stages (each later stage only adds what earlier ones did not find):
 * 1. a code (`99213`, `88305-26`, `G0438`) or code prefix (`9921`, `G04`) short-circuits everything;
 * 2. synonyms/abbreviations (`lib/search/synonyms.ts`) pin their codes first;
 * 3. word search: every query word must start a descriptor word (typos corrected against the
 *    descriptor vocabulary), ranked by match quality, phrase and position bonuses, brevity;
 * 4. Fuse.js fuzzy search when words find (almost) nothing.
 */
import Fuse, { type IFuseOptions } from 'fuse.js';
import { FUSE_MAX_PATTERN, FUSE_OPTIONS } from './fuse-options';
import { SYNONYMS, WORD_ALIASES, type Synonym } from './synonyms';
import { MAX_QUERY_CHARS, MAX_QUERY_TOKENS, compactKey, editDistance, tokenize, typoBudget } from './text';

export interface SearchDoc {
  code: string;
  description: string;
  /** More searchable text (e.g. an HCPCS long descriptor); matches rank below descriptor matches. */
  extraText?: string;
}

export type MatchKind = 'exact' | 'prefix' | 'synonym' | 'words' | 'fuzzy';

export interface SearchHit<T> {
  item: T;
  /** Modifiers typed with the code (`88305-26` → ["26"]). */
  modifiers: string[];
  match: MatchKind;
  /** Higher is better; comparable within one result list only. */
  score: number;
}

export interface SearchOptions {
  /** Most results returned (default 50). */
  limit?: number;
}

/** What a code-shaped query asks for. */
export type CodeQuery = { kind: 'code'; code: string; modifiers: string[] } | { kind: 'prefix'; prefix: string };

const CODE_SHAPE = /^(?:\d{5}|\d{4}[A-Z]|[A-Z]\d{4})$/;
const PREFIX_SHAPE = /^(?:\d{1,4}|[A-Z]\d{1,3})$/;

/**
 * Read a query as a code, a code with modifiers, or a code prefix; null for anything else.
 * @example parseCodeQuery('88305-26') // { kind: 'code', code: '88305', modifiers: ['26'] }
 */
export function parseCodeQuery(query: string): CodeQuery | null {
  const q = query.trim().toUpperCase();
  if (!q) return null;
  const [head = '', ...rest] = q.split(/\s*[-:\s]\s*/);
  if (CODE_SHAPE.test(head)) {
    // A last modifier still being typed ("88305-", "88305-2") is ignored until it is complete.
    const mods = rest.length && rest[rest.length - 1]!.length < 2 && /[-:\s]/.test(query.trimStart().slice(-2)) ? rest.slice(0, -1) : rest;
    if (mods.length > 4 || !mods.every((m) => /^[A-Z0-9]{2}$/.test(m))) return null;
    return { kind: 'code', code: head, modifiers: mods };
  }
  if (rest.length === 0 && PREFIX_SHAPE.test(head)) return { kind: 'prefix', prefix: head };
  return null;
}

/** Match quality of one query word against one document (0 = no match). */
type Qualities = Float32Array;

interface TokenMatch {
  q: Qualities;
  /** The vocabulary word a misspelled token was corrected to (best candidate), else null. */
  corrected: string | null;
}

const EXTRA_FACTOR = 0.7;
const FUZZY_FACTOR = 0.55;

export class CodeSearch<T extends SearchDoc> {
  readonly docs: readonly T[];
  private readonly byCode = new Map<string, number>();
  private readonly codes: string[];
  /** Sorted unique words of all descriptors and extra texts. */
  private readonly vocab: string[];
  /** Per vocabulary word: doc ids whose descriptor / extra text holds it. */
  private readonly descPost: Int32Array[];
  private readonly extraPost: Int32Array[];
  private readonly firstWord: string[];
  private readonly wordCount: Uint8Array;
  private readonly normText: string[];
  private readonly synonyms = new Map<string, Synonym[]>();
  private fuse: Fuse<T> | null = null;

  private readonly aliases: Readonly<Record<string, readonly string[]>>;

  constructor(docs: readonly T[], options: { synonyms?: readonly Synonym[]; aliases?: Readonly<Record<string, readonly string[]>> } = {}) {
    this.aliases = options.aliases ?? WORD_ALIASES;
    this.docs = [...docs].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    this.codes = this.docs.map((d) => d.code.toUpperCase());
    this.codes.forEach((c, i) => this.byCode.set(c, i));
    const desc = new Map<string, number[]>();
    const extra = new Map<string, number[]>();
    const add = (m: Map<string, number[]>, w: string, i: number): void => {
      const list = m.get(w);
      if (!list) m.set(w, [i]);
      else if (list[list.length - 1] !== i) list.push(i);
    };
    this.firstWord = [];
    this.wordCount = new Uint8Array(this.docs.length);
    this.normText = [];
    this.docs.forEach((d, i) => {
      const words = tokenize(d.description);
      for (const w of words) add(desc, w, i);
      if (d.extraText) for (const w of tokenize(d.extraText)) add(extra, w, i);
      this.firstWord.push(words[0] ?? '');
      this.wordCount[i] = Math.min(255, words.length);
      this.normText.push(` ${words.join(' ')} `);
    });
    this.vocab = [...new Set([...desc.keys(), ...extra.keys()])].sort();
    const empty = new Int32Array(0);
    this.descPost = this.vocab.map((w) => (desc.has(w) ? Int32Array.from(desc.get(w)!) : empty));
    this.extraPost = this.vocab.map((w) => (extra.has(w) ? Int32Array.from(extra.get(w)!) : empty));
    for (const s of options.synonyms ?? SYNONYMS) {
      for (const t of s.terms) {
        const k = compactKey(t);
        const list = this.synonyms.get(k);
        if (list) list.push(s);
        else this.synonyms.set(k, [s]);
      }
    }
  }

  get size(): number {
    return this.docs.length;
  }

  /** Build the Fuse index now (e.g. when the popup is idle) instead of at the first fuzzy query. */
  warm(): void {
    this.getFuse();
  }

  /**
   * Ranked results for one query; empty for an empty or hopeless query, never throws.
   * @example search.search('88305-26')[0] // { item: {code: '88305', …}, modifiers: ['26'], match: 'exact' }
   */
  search(query: string, options: SearchOptions = {}): SearchHit<T>[] {
    const limit = Math.max(1, options.limit ?? 50);
    const q = query.slice(0, MAX_QUERY_CHARS).trim();
    if (!q) return [];

    const cq = parseCodeQuery(q);
    if (cq?.kind === 'code') return this.codeHits(cq.code, cq.modifiers, limit);
    if (cq?.kind === 'prefix') {
      const hits = this.prefixHits(cq.prefix, limit);
      if (hits.length) return hits;
    }

    const out: SearchHit<T>[] = [];
    const seen = new Set<number>();
    const push = (i: number, match: MatchKind, score: number): void => {
      if (seen.has(i) || out.length >= limit) return;
      seen.add(i);
      out.push({ item: this.docs[i]!, modifiers: [], match, score });
    };

    const tokens = tokenize(q).slice(0, MAX_QUERY_TOKENS);
    const pinned = this.synonymsFor(compactKey(q));
    let ranked = tokens.length ? this.wordSearch(tokens, pinned, false) : { hits: [], synonyms: [] as Synonym[] };
    // No row has every word: accept rows missing one word ("knee injection" → "Drain/inj joint").
    if (ranked.hits.length === 0 && tokens.length > 1) ranked = this.wordSearch(tokens, pinned, true);
    ranked.synonyms.forEach((s) => {
      if (!pinned.includes(s)) pinned.push(s);
    });
    let rank = 0;
    for (const s of pinned) {
      for (const c of s.codes) {
        const i = this.byCode.get(c);
        if (i !== undefined) push(i, 'synonym', 10 - rank++ * 0.01);
      }
    }
    for (const h of ranked.hits) push(h.i, 'words', h.score);

    // Fuse only when nothing else matched: it is the slow stage (a scan of every row).
    if (out.length === 0 && q.length >= 4 && /[a-z]{3}/i.test(q) && !cq) {
      const pattern = q.slice(0, FUSE_MAX_PATTERN);
      for (const r of this.getFuse().search(pattern, { limit })) {
        push(r.refIndex, 'fuzzy', 1 - (r.score ?? 1));
      }
    }
    return out;
  }

  private getFuse(): Fuse<T> {
    if (!this.fuse) {
      const opts = FUSE_OPTIONS as IFuseOptions<T>;
      this.fuse = new Fuse(this.docs, opts, Fuse.createIndex(opts.keys ?? [], this.docs));
    }
    return this.fuse;
  }

  private synonymsFor(key: string): Synonym[] {
    return [...(this.synonyms.get(key) ?? [])];
  }

  private codeHits(code: string, modifiers: string[], limit: number): SearchHit<T>[] {
    const i = this.byCode.get(code);
    if (i === undefined) return [];
    const out: SearchHit<T>[] = [{ item: this.docs[i]!, modifiers, match: 'exact', score: 100 }];
    // Then the codes of the same family (99213 → 99211…99215), as a courtesy.
    for (const h of this.prefixHits(code.slice(0, 4), limit)) {
      if (out.length >= limit) break;
      if (h.item.code.toUpperCase() !== code) out.push(h);
    }
    return out;
  }

  private prefixHits(prefix: string, limit: number): SearchHit<T>[] {
    const out: SearchHit<T>[] = [];
    for (let i = lowerBound(this.codes, prefix); i < this.codes.length && out.length < limit; i++) {
      if (!this.codes[i]!.startsWith(prefix)) break;
      out.push({ item: this.docs[i]!, modifiers: [], match: 'prefix', score: 50 - out.length * 0.01 });
    }
    return out;
  }

  /** Documents that match every token, best first; plus synonyms reached through typo corrections. */
  private wordSearch(tokens: string[], already: Synonym[], relaxed: boolean): { hits: { i: number; score: number }[]; synonyms: Synonym[] } {
    const n = this.docs.length;
    const variants: string[][] = [tokens];
    // One-word abbreviations inside a longer query ("ekg interpretation") also search their expansion.
    tokens.forEach((t, k) => {
      const syn = tokens.length > 1 ? this.synonyms.get(t)?.[0] : undefined;
      if (syn) variants.push([...tokens.slice(0, k), ...tokenize(syn.expansion), ...tokens.slice(k + 1)]);
    });
    for (const s of already) variants.push(tokenize(s.expansion));

    const best = new Float32Array(n);
    const synonyms: Synonym[] = [];
    const cache = new Map<string, TokenMatch | null>();
    variants.forEach((vt, vi) => {
      const matches: TokenMatch[] = [];
      let missing = 0;
      for (let k = 0; k < vt.length; k++) {
        const t = vt[k]!;
        const key = `${t}|${k === vt.length - 1 && vi === 0 ? 1 : 0}`;
        let m = cache.get(key);
        if (m === undefined) {
          m = this.matchToken(t, k === vt.length - 1 && vi === 0);
          cache.set(key, m);
        }
        if (m) matches.push(m);
        else missing++;
      }
      const allowedMisses = relaxed ? 1 : 0;
      if (missing > allowedMisses || matches.length === 0) return;
      const slack = allowedMisses - missing;
      if (vi === 0 && matches.some((m) => m.corrected)) {
        const fixed = compactKey(matches.map((m, k) => m.corrected ?? vt[k]!).join(' '));
        for (const s of this.synonymsFor(fixed)) if (!already.includes(s)) synonyms.push(s);
      }
      const phrase = vt.length > 1 ? ` ${vt.join(' ')}` : null;
      const first = vt[0]!;
      for (let i = 0; i < n; i++) {
        let sum = 0;
        let misses = 0;
        for (let k = 0; k < matches.length && misses <= slack; k++) {
          const q = matches[k]!.q[i]!;
          if (q === 0) misses++;
          sum += q;
        }
        if (misses > slack) continue;
        let score = (sum / vt.length) * (relaxed ? 0.6 : 1);
        if (phrase && this.normText[i]!.includes(phrase)) score += 0.15;
        if (this.firstWord[i]!.startsWith(first)) score += 0.1;
        score -= 0.01 * this.wordCount[i]!;
        if (score > best[i]!) best[i] = score;
      }
    });
    const hits: { i: number; score: number }[] = [];
    for (let i = 0; i < n; i++) if (best[i]! > 0) hits.push({ i, score: best[i]! });
    hits.sort((a, b) => b.score - a.score || a.i - b.i);
    return { hits, synonyms };
  }

  /** Qualities of one query word over all documents, or null when no descriptor word fits. */
  private matchToken(t: string, isLast: boolean): TokenMatch | null {
    const q = new Float32Array(this.docs.length);
    let any = false;
    const mark = (wi: number, quality: number): void => {
      for (const d of this.descPost[wi]!) if (quality > q[d]!) q[d] = quality;
      const xq = quality * EXTRA_FACTOR;
      for (const d of this.extraPost[wi]!) if (xq > q[d]!) q[d] = xq;
      any = true;
    };
    const lo = lowerBound(this.vocab, t);
    for (let wi = lo; wi < this.vocab.length; wi++) {
      const w = this.vocab[wi]!;
      if (!w.startsWith(t)) break;
      mark(wi, w === t ? 1 : 0.6 + (0.4 * t.length) / w.length);
    }
    for (const alias of Object.hasOwn(this.aliases, t) ? (this.aliases[t] ?? []) : []) {
      const wi = lowerBound(this.vocab, alias);
      if (this.vocab[wi] === alias) mark(wi, 0.9);
    }
    if (any) return { q, corrected: null };

    // No word starts with t: correct typos against the words sharing its first letter.
    const budget = typoBudget(t.length);
    if (budget === 0) return null;
    const from = lowerBound(this.vocab, t[0]!);
    const found: { wi: number; d: number; partial: boolean }[] = [];
    for (let wi = from; wi < this.vocab.length; wi++) {
      const w = this.vocab[wi]!;
      if (w[0] !== t[0]) break;
      let d = editDistance(t, w, budget);
      let partial = false;
      if (isLast && d > 0 && w.length > t.length) {
        // Still typing: compare with the word's beginning too ("colonsc" ~ "colonosc…").
        const dp = Math.min(editDistance(t, w.slice(0, t.length), budget), editDistance(t, w.slice(0, t.length + 1), budget));
        if (dp < d) {
          d = dp;
          partial = true;
        }
      }
      if (d <= budget) found.push({ wi, d, partial });
    }
    // Keep only the closest words: "colonscopy" → "colonoscopy" (1 edit), not "colostomy" (2).
    const minD = Math.min(...found.map((f) => f.d));
    let bestWord: string | null = null;
    for (const f of found) {
      if (f.d !== minD) continue;
      mark(f.wi, FUZZY_FACTOR * (f.partial ? 0.9 : 1));
      if (!bestWord || (!f.partial && this.vocab[f.wi]!.length < bestWord.length)) bestWord = this.vocab[f.wi]!;
    }
    return any ? { q, corrected: bestWord } : null;
  }
}

/** First index whose value is >= `key` in a sorted array. */
function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
