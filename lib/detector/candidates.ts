/**
 * The detection engine: well-formed tokens (lib/codes/patterns) → known codes (injected
 * `isKnownCode`) → scored with their context (score.ts, extract.ts) → filtered by the user's
 * strictness. `detectInText` is pure; `detectInRoot` / `detectInNodes` read the DOM they are given
 * and nothing else (no globals, no browser APIs). Content-script only.
 */
import { codeKindAt, findCandidates, holdsKnownCode, MAX_SCAN_CHARS } from '../codes/patterns.ts';
import type { Candidate, Detection, Strictness } from '../codes/types.ts';
import { contextFor, createDetectCache, isAlnum, type DetectCache } from './extract.ts';
import { finishDetection, passesStrictness, scoreCandidate, type DetectContext, type PendingDetection } from './score.ts';
import { collectTextNodes, isInSkippedSubtree } from './text-walker.ts';

export type { DetectContext } from './score.ts';

export { createDetectCache, type DetectCache } from './extract.ts';

/** Options of {@link detectInText}. */
export interface DetectTextOptions {
  /** Membership in the loaded code set (upper-case, 5 characters). Required, never sufficient. */
  isKnownCode(code: string): boolean;
  /** Default 'balanced'. */
  strictness?: Strictness;
  context?: DetectContext;
  /** Characters scanned in `text` (default {@link MAX_SCAN_CHARS}); the rest is ignored. */
  maxChars?: number;
}

/** Environment of {@link detectInRoot} / {@link detectInNodes}. */
export interface DetectEnv {
  /** Membership in the loaded code set (upper-case, 5 characters). */
  isKnownCode(code: string): boolean;
  /** Default 'balanced'. */
  strictness?: Strictness;
  /** Returns false for an element that is not rendered; its subtree is skipped. */
  isVisible?(el: Element): boolean;
  /**
   * `isVisible(el)` true implies every ancestor of `el` is rendered (as `checkVisibility()`), so
   * ancestors above a visible element are not asked. Default false.
   */
  visibleCoversAncestors?: boolean;
  /** Maximum text nodes collected by {@link detectInRoot} (default 200 000). */
  maxNodes?: number;
  /** Characters scanned per text node (default 100 000). */
  maxCharsPerNode?: number;
  /** Reuse table/row caches across calls within one scan pass; a fresh one is made otherwise. */
  cache?: DetectCache;
}

/** One detection located in the DOM: `[start, end)` are offsets of the code token in `node.data`. */
export interface DomDetection extends PendingDetection {
  node: Text;
  start: number;
  end: number;
}

/**
 * Finds, scores and filters the codes in one string. Offsets in the result index `text`.
 * Neighbouring text given in `context.textBefore/After` is read for evidence (a modifier in the
 * next element, a label in the previous one) but never reported.
 * @example
 * detectInText('CPT 99213-25 x2', { isKnownCode: (c) => codes.has(c) });
 * // [{ code: '99213', modifiers: ['25'], units: 2, start: 4, end: 9, tier: 'high', … }]
 */
export function detectInText(text: string, opts: DetectTextOptions): Detection[] {
  const strictness = opts.strictness ?? 'balanced';
  const ctx = opts.context ?? {};
  const body = text.length > (opts.maxChars ?? MAX_SCAN_CHARS) ? text.slice(0, opts.maxChars ?? MAX_SCAN_CHARS) : text;
  let before = (ctx.textBefore ?? '').slice(-64);
  let after = (ctx.textAfter ?? '').slice(0, 64);
  // Text from another node is a separate word unless punctuation joins them.
  if (before !== '' && isAlnum(before.charAt(before.length - 1)) && isAlnum(body.charAt(0))) before += ' ';
  if (after !== '' && isAlnum(after.charAt(0)) && isAlnum(body.charAt(body.length - 1))) after = ' ' + after;
  const full = before + body + after;
  const offset = before.length;
  const limit = offset + body.length;

  const all = findCandidates(full, { maxChars: full.length });
  const out: Detection[] = [];
  let rangeScore: ReturnType<typeof scoreCandidate> | undefined;
  for (let k = 0; k < all.length; k++) {
    const c = all[k] as Candidate;
    // Only known codes of this node are scored, and range starts (their end shares the verdict).
    const reported = c.start >= offset && c.end <= limit && opts.isKnownCode(c.code);
    if (!reported && c.range?.role !== 'start') {
      rangeScore = undefined;
      continue;
    }
    let scored: ReturnType<typeof scoreCandidate>;
    if (c.range?.role === 'end' && rangeScore) {
      // Both ends of a range share one verdict (the label before the start, the traps around both).
      scored = rangeScore;
    } else {
      // A range is scored as one unit: from its start's label to its end's trailing text.
      const unit = c.range?.role === 'start' ? { ...c, extentEnd: c.range.partnerEnd } : c;
      scored = scoreCandidate({
        text: full,
        candidate: unit,
        prev: all[k - 1],
        next: c.range?.role === 'start' ? all[k + 2] : all[k + 1],
        isKnownCode: opts.isKnownCode,
        context: ctx,
      });
    }
    rangeScore = c.range?.role === 'start' ? scored : undefined;
    if (!reported) continue;
    if (!passesStrictness(scored.tier, strictness)) continue;
    let modifiers = c.modifiers.map((m) => m.value);
    const rowMods = ctx.rowModifiers ?? scored.extras?.modifiers;
    if (modifiers.length === 0 && rowMods) modifiers = [...rowMods];
    const d: Detection = {
      code: c.code,
      kind: c.kind,
      modifiers,
      units: c.units ?? ctx.rowUnits ?? scored.extras?.units ?? null,
      start: c.start - offset,
      end: c.end - offset,
      score: scored.score,
      tier: scored.tier,
      reasons: scored.reasons,
    };
    if (c.range) d.rangeRole = c.range.role;
    if (scored.rowPending) d.rowPending = true;
    out.push(d);
  }
  return out;
}

/**
 * Detects in one text node, appending to `out`. `checkAncestors`: whether the node may lie in a
 * skipped or invisible subtree — checked only for text found to hold a code, since the
 * visibility check reads style. `checked`: the node's text, when the caller has read it and
 * found that it holds a known code (else it is read and checked here).
 */
export function detectNode(node: Text, env: DetectEnv & { cache: DetectCache }, out: DomDetection[], checkAncestors: boolean, checked?: string): void {
  const maxChars = env.maxCharsPerNode ?? MAX_SCAN_CHARS;
  const data = checked ?? node.data;
  const cache = env.cache;
  // Cheap pre-check on the node alone: no known code token, nothing to do.
  if (checked === undefined && !holdsKnownCode(data, env.isKnownCode, maxChars)) return;
  const context = contextFor(node, cache, env.isKnownCode);
  // A table cell holding one bare code and nothing around it (most code columns): its verdict is
  // the column's for that kind of code, computed once — unless the scoring had to read the row.
  const column = context.column;
  const kind = column && data.length === 5 && !context.textBefore && !context.textAfter && !context.labelBefore ? codeKindAt(data, 0) : null;
  const known = kind ? column![kind] : null;
  const dets = known ?? detectInText(data, { isKnownCode: env.isKnownCode, strictness: env.strictness, context, maxChars });
  if (known === undefined) column![kind!] = cache.row.read ? null : dets.map((d) => ({ ...d, shared: true }));
  // Ancestors last: most text that gets this far and is not a code (a ZIP+4 in a ZIP column)
  // is turned down by scoring, and the check reads ancestors (and style, when env.isVisible is
  // given). (Scoring reads no style, and a column's verdict does not depend on the cell's visibility.)
  if (dets.length === 0 || (checkAncestors && isInSkippedSubtree(node, env.isVisible, cache.skipped, env.visibleCoversAncestors))) return;
  // (A column's verdict is shared, not copied per cell: `code` says whose it is now; see PendingDetection.)
  const code = known ? data : undefined;
  for (const d of dets) out.push({ node, start: d.start, end: d.end, detection: d, row: d.rowPending ? context.rowExtras : undefined, code });
}

/**
 * Scans the given text nodes (e.g. the ones a MutationObserver reported). Nodes inside skipped or
 * invisible subtrees (checked through their ancestors, cached) are ignored.
 */
export function detectInNodes(nodes: Iterable<Text>, env: DetectEnv): DomDetection[] {
  const withCache = { ...env, cache: env.cache ?? createDetectCache() };
  const out: DomDetection[] = [];
  for (const node of nodes) {
    if (node.nodeType !== 3) continue;
    detectNode(node, withCache, out, true);
  }
  return completed(out);
}

/** Detections made whole (the scanner leaves that to markDetection). */
function completed(out: DomDetection[]): DomDetection[] {
  for (const f of out) finishDetection(f);
  return out;
}

/**
 * Scans everything visible under `root` (a document, an element or an open shadow root; shadow
 * trees inside it are not entered: pass each one from `findOpenShadowRoots`).
 * @example
 * const hits = detectInRoot(document.body, {
 *   isKnownCode: (c) => codeSet.has(c),
 *   strictness: 'balanced',
 *   isVisible: (el) => el.checkVisibility(),
 * });
 * for (const { node, start, end, detection } of hits) highlight(node, start, end, detection);
 */
export function detectInRoot(root: Node, env: DetectEnv): DomDetection[] {
  const withCache = { ...env, cache: env.cache ?? createDetectCache() };
  const nodes = collectTextNodes(root, { isVisible: env.isVisible, maxNodes: env.maxNodes });
  const out: DomDetection[] = [];
  for (const node of nodes) detectNode(node, withCache, out, false);
  return completed(out);
}
