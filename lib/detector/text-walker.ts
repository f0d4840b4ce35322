/**
 * Collects the text nodes a person can see and is not typing into, under a given root (document,
 * element or open shadow root). Pure DOM traversal with the environment injected (`isVisible`), so
 * it runs in happy-dom/jsdom tests and in the content script. Content-script only (no browser APIs).
 *
 * Skipped subtrees (FILTER_REJECT): script, style, noscript, template, head/title/meta, iframe,
 * object, embed, canvas, input, textarea, select, option/optgroup, datalist;
 * `[contenteditable]` (true / "" / plaintext-only) and everything inside it; the elements we create
 * (tag, id or class starting with `rvu-lens`); and whatever `isVisible(el)` rejects, when given.
 * `aria-hidden="true"` is NOT skipped: it hides content from screen readers, not from the eye.
 * Nor is `[hidden]`: it is a display state like `display: none` (a closed tab panel), which the
 * page may change at any time; the page scanner marks such text and the browser paints it when
 * shown (see lib/detector/scanner).
 */

import { POPOVER_TAG } from '../ui/popover-tag.ts';
import { words } from './words.ts';

/** The prefix of every element, class and id the extension creates. */
export const OWN_PREFIX = 'rvu-lens';

const SKIP_LOCAL_NAMES = words(
  'script style noscript template head title meta link iframe frame object ' +
  'embed canvas input textarea select option optgroup datalist',
);

/** A selector for the elements {@link shouldSkipElement} skips by tag or attribute (not ours by class or id). */
export const SKIPPED_SELECTOR = `${[...SKIP_LOCAL_NAMES].join(',')},[contenteditable]`;

/**
 * Every element {@link shouldSkipElement} skips matches this (and a few more: any contenteditable,
 * an id or class merely holding the prefix). Our only element with the prefix as a tag is the
 * popover host (a selector cannot match a tag prefix).
 */
const MAY_SKIP_SELECTOR = `${SKIPPED_SELECTOR},[id^=${OWN_PREFIX}],[class*=${OWN_PREFIX}],${POPOVER_TAG}`;

/** Whether elements with this (lower-case) local name are skipped with their subtree. */
export function isSkippedTag(localName: string): boolean {
  return SKIP_LOCAL_NAMES.has(localName);
}

/** Options of {@link collectTextNodes}. */
export interface CollectOptions {
  /** Returns false for an element that is not rendered (display:none, visibility:hidden…). */
  isVisible?(el: Element): boolean;
  /** Stop after this many text nodes (default 200 000). */
  maxNodes?: number;
  /** Keep only nodes that may hold a code (4+ consecutive digits). Default true. */
  digitsOnly?: boolean;
}

/** Node types as numbers (no global Node needed in tests; a number costs no bytes in the bundle). */
export const NODE_ELEMENT = 1;
export const NODE_TEXT = 3;
export const NODE_DOCUMENT = 9;
/** NodeFilter constants as numbers, likewise; shared with the scanner. */
export const SHOW_ELEMENT = 0x1;
export const SHOW_TEXT = 0x4;
export const FILTER_ACCEPT = 1;
export const FILTER_REJECT = 2;
export const FILTER_SKIP = 3;

function hasOwnPrefix(el: Element): boolean {
  if (el.localName.startsWith(OWN_PREFIX)) return true;
  if (el.id !== '' && el.id.startsWith(OWN_PREFIX)) return true;
  const cls = el.getAttribute('class');
  if (cls === null || !cls.includes(OWN_PREFIX)) return false;
  for (const c of cls.split(/\s+/)) if (c.startsWith(OWN_PREFIX)) return true;
  return false;
}

function isEditableHost(el: Element): boolean {
  const v = el.getAttribute('contenteditable');
  if (v === null) return false;
  const s = v.trim().toLowerCase();
  return s === '' || s === 'true' || s === 'plaintext-only';
}

/**
 * True when `el` and its whole subtree must not be scanned (see the file header). Does not look
 * at ancestors (see {@link isInSkippedSubtree}) and does not check visibility.
 */
export function shouldSkipElement(el: Element): boolean {
  const name = el.localName;
  if (SKIP_LOCAL_NAMES.has(name) || name.startsWith(OWN_PREFIX)) return true;
  // Most elements carry no attribute at all: one call answers the two attribute rules.
  if (!el.hasAttributes()) return false;
  return isEditableHost(el) || hasOwnPrefix(el);
}

/**
 * True when `node` lies inside a skipped or invisible element (walks ancestors, crossing open
 * shadow-root boundaries). `cache` memoises the answer per element across calls.
 * `visibleCoversAncestors`: `isVisible(el)` true means every ancestor is rendered too (as
 * `checkVisibility()`: no box under a `display: none` ancestor), so above the first visible
 * element only tags and attributes are checked. Without `isVisible` (the page scanner) only tags
 * and attributes are checked at all, so the same selector path serves.
 */
export function isInSkippedSubtree(
  node: Node,
  isVisible?: (el: Element) => boolean,
  cache?: AncestorMemo,
  visibleCoversAncestors = false,
): boolean {
  // Text in a table cell or a paragraph (every code the scanner checks): its two nearest elements
  // (a cell, its row) are checked in script; above them one selector match up the tree in the
  // browser answers the tag and attribute rules without a script wrapper per ancestor, and is
  // remembered for the element it started from (`top`, a table body: the next codes of the table
  // stop there). Only a match (rare) is looked at closely below.
  // (Its parent, grandparent and great-grandparent as contextFor just read them, if it did.)
  const up = cache?.node === node ? cache.up : undefined;
  if (cache) cache.node = undefined;
  if ((visibleCoversAncestors || isVisible === undefined) && (up !== undefined || node.nodeType === NODE_TEXT)) {
    const first = up ? (up[0] as Element | null) : node.parentElement;
    let el = first;
    for (let n = 0; n < 2 && el !== null && el !== cache?.top; n++) {
      if (shouldSkipElement(el)) return true;
      el = up ? (up[n + 1] as Element | null) : el.parentElement;
    }
    if (el !== null && (el === cache?.top || el.closest(MAY_SKIP_SELECTOR) === null)) {
      if (isVisible !== undefined && !isVisible(first as Element)) return true;
      if (el === cache?.top) return false;
      const top = el.getRootNode();
      // (Above a visible element only tags and attributes count, in the host's tree too.)
      if (top.nodeType === 11) return !!(top as ShadowRoot).host && isInSkippedSubtree((top as ShadowRoot).host, undefined, cache, true);
      if (cache) cache.top = el;
      return false;
    }
  }
  const path = PATH;
  path.length = 0; // (emptied first: a call that threw leaves nothing behind)
  let result = false;
  let visible = isVisible;
  // Up through parentElement (no node-type read per level); where it ends, a shadow root's host.
  let below: Node = node;
  let el: Element | null = node.nodeType === NODE_ELEMENT ? (node as Element) : node.parentElement;
  for (;;) {
    if (el === null) {
      const top = below.parentNode;
      const host = top?.nodeType === 11 ? (top as ShadowRoot).host : undefined;
      if (!host) break; // the document, a detached tree, or a fragment without a host
      el = host;
    }
    const k = cache ? cache.lastIndexOf(el) : -1;
    if (k >= 0) {
      result = cache![k + 1] as boolean;
      break;
    }
    path.push(el);
    if (shouldSkipElement(el)) {
      result = true;
      break;
    }
    if (visible !== undefined) {
      if (!visible(el)) {
        result = true;
        break;
      }
      if (visibleCoversAncestors) visible = undefined;
    }
    below = el;
    el = el.parentElement;
  }
  if (cache) {
    for (const el of path) cache.push(el, result);
    if (cache.length > 2 * MEMO_MAX) cache.splice(0, cache.length - MEMO_MAX);
  }
  return result;
}

/** The elements walked by one isInSkippedSubtree call (reused: it runs for every code-holding text). */
const PATH: Element[] = [];

/** Answers an {@link AncestorMemo} keeps: the most recent 32 to 64 (ancestors shared by many codes come back). */
const MEMO_MAX = 64;

/**
 * isInSkippedSubtree's answers for the elements of the last ancestor chains walked: element,
 * answer, element, answer…, found by identity. Not a Map: a DOM wrapper used as a key gets an
 * identity hash, and the browser then keeps it alive as long as its node (on a 20,000-row table,
 * every code's cell and row: ~0.7 MB).
 */
export type AncestorMemo = Array<Element | boolean> & {
  /** An element none of whose ancestors (nor itself) a tag or attribute rule skips, in a document (not a shadow tree). */
  top?: Element;
  /**
   * A text node's parent element, its parent and the next one up (null where there is none), read
   * by the caller just before asking about `node` (no second read of each): used once, then dropped.
   */
  node?: Node;
  up?: Array<Element | null>;
};

/** True when the string has 4 consecutive ASCII digits (every code token does). */
export function mayHoldCode(s: string): boolean {
  let run = 0;
  const n = Math.min(s.length, 100_000);
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (++run >= 4) return true;
    } else {
      run = 0;
    }
  }
  return false;
}

function ownerDocumentOf(root: Node): Document {
  return root.nodeType === 9 ? (root as Document) : (root.ownerDocument as Document);
}

/**
 * Text nodes under `root` (document order) that are visible, not editable, not ours, and (by
 * default) may hold a code. Passing a shadow root scans that shadow tree; shadow trees inside
 * `root` are not entered (use {@link findOpenShadowRoots}). If `root` itself lies inside a skipped
 * element, nothing is returned.
 * @example
 * const nodes = collectTextNodes(document.body, { isVisible: (el) => el.checkVisibility() });
 */
export function collectTextNodes(root: Node, opts: CollectOptions = {}): Text[] {
  const out: Text[] = [];
  const max = opts.maxNodes ?? 200_000;
  const digitsOnly = opts.digitsOnly ?? true;
  const isVisible = opts.isVisible;
  if (root.nodeType === NODE_TEXT) {
    const t = root as Text;
    if (!isInSkippedSubtree(t, isVisible) && (!digitsOnly || mayHoldCode(t.data))) out.push(t);
    return out;
  }
  if (isInSkippedSubtree(root, isVisible)) return out;
  const doc = ownerDocumentOf(root);
  const walker = doc.createTreeWalker(root, SHOW_ELEMENT | SHOW_TEXT, {
    acceptNode(node: Node): number {
      if (node.nodeType === NODE_ELEMENT) {
        const el = node as Element;
        if (shouldSkipElement(el) || (isVisible !== undefined && !isVisible(el))) return FILTER_REJECT;
        return FILTER_SKIP;
      }
      return FILTER_ACCEPT;
    },
  });
  let n = walker.nextNode();
  while (n && out.length < max) {
    const t = n as Text;
    if (n.nodeType === NODE_TEXT && (!digitsOnly || mayHoldCode(t.data))) out.push(t);
    n = walker.nextNode();
  }
  return out;
}

/**
 * Every shadow root under `root`, nested ones included (each tree's roots before the roots nested
 * in them), except those hosted by skipped elements (our own popover host among them).
 * @param getShadowRoot how to get an element's shadow root; default `el.shadowRoot` (open roots
 *   only). The content script may pass `browser.dom.openOrClosedShadowRoot` to reach closed ones.
 * @param opts.isVisible hosts it rejects are not searched.
 */
export function findOpenShadowRoots(
  root: Node,
  getShadowRoot?: (el: Element) => ShadowRoot | null | undefined,
  opts: Pick<CollectOptions, 'isVisible'> = {},
): ShadowRoot[] {
  const out: ShadowRoot[] = [];
  const stack: Node[] = [root];
  const get = getShadowRoot ?? ((el: Element) => el.shadowRoot);
  while (stack.length > 0) {
    const r = stack.pop() as Node;
    const doc = ownerDocumentOf(r);
    const walker = doc.createTreeWalker(r, SHOW_ELEMENT, {
      acceptNode(node: Node): number {
        const el = node as Element;
        if (shouldSkipElement(el) || (opts.isVisible !== undefined && !opts.isVisible(el))) return FILTER_REJECT;
        return FILTER_ACCEPT;
      },
    });
    const found: ShadowRoot[] = [];
    let n = walker.nextNode();
    while (n) {
      let sr: ShadowRoot | null | undefined = null;
      try {
        sr = get(n as Element);
      } catch {
        sr = null; // the opener may throw for elements it cannot open
      }
      if (sr) found.push(sr);
      n = walker.nextNode();
    }
    out.push(...found);
    for (let i = found.length - 1; i >= 0; i--) stack.push(found[i] as ShadowRoot);
  }
  return out;
}
