/**
 * Non-invasive marking with the CSS Custom Highlight API: ranges are registered in the page's
 * highlight registry under names beginning with `rvu-lens`, styled by a constructed stylesheet
 * adopted by the document (and by each shadow root that holds marked text). Nothing in the page's
 * DOM, text or layout changes. Content-script only; everything is removed by `dispose()`.
 */

export const HIGHLIGHT_NAMES = {
  /** Every code shown to the user. */
  code: 'rvu-lens-code',
  /** The code whose popover is open (keyboard navigation, hover). */
  active: 'rvu-lens-active',
} as const;

/**
 * A tint, no text decoration: with a decoration in a `::highlight` style, Chrome re-validates every
 * text box of the page on each change of any highlight (pre-paint of a 20,000-row page: 87–150 ms
 * per change, 3–7 ms without; 1,000 rows: 3–9 ms, under 1 ms without; tests/bench/highlight-cost.ts),
 * and a hover is such a change.
 */
export const HIGHLIGHT_CSS =
  `::highlight(${HIGHLIGHT_NAMES.code}){background-color:rgba(255,190,0,.4)}` +
  `::highlight(${HIGHLIGHT_NAMES.active}){background-color:rgba(255,150,0,.6)}`;

/** Above this many marks, only those near the viewport are registered with the Highlight. */
export const VIRTUALIZE_ABOVE = 3000;
/**
 * On a page with more elements than this, marks are registered near the viewport only, whatever
 * their number: Chrome re-validates every registered range on each change to a highlight, and a big
 * page's first registration waits for the registrar rather than handing over every mark found.
 */
export const BIG_PAGE_ELEMENTS = 6000;

/** Registers only the marks near the viewport with the Highlight (lib/detector/viewport.ts). */
export interface MarkRegistrar<T> {
  start(marks: Iterable<Mark<T>>, highlight: Highlight): void;
  watch(mark: Mark<T>): void;
  /** After a batch of watch() calls. */
  commit?(): void;
  unwatch(mark: Mark<T>): void;
  stop(): void;
}

export interface Mark<T = unknown> {
  node: Text;
  start: number;
  end: number;
  /**
   * A StaticRange: a live Range is updated by the browser on every DOM change of the page (20,000
   * marks made each row removal walk 20,000 ranges). Text changes are followed through the
   * MutationObserver instead; geometry comes from {@link markRect}. Made on first use.
   */
  readonly range: AbstractRange;
  data: T;
  /** The viewport registrar's record of the mark (its chunk): kept here, a map of 20,000 marks costs ~0.5 MB. */
  chunk?: object;
}

/** The mark's client rects (through a short-lived live Range). */
export function markRects(m: Mark<unknown>): DOMRectList {
  return liveRange(m).getClientRects();
}

/** The mark's bounding client rect (through a short-lived live Range). */
export function markRect(m: Mark<unknown>): DOMRect {
  return liveRange(m).getBoundingClientRect();
}

function liveRange(m: Mark<unknown>): Range {
  const r = (m.node.ownerDocument ?? document).createRange();
  const len = m.node.length;
  r.setStart(m.node, Math.min(m.start, len));
  r.setEnd(m.node, Math.min(m.end, len));
  return r;
}

/**
 * A mark whose StaticRange is made when first asked for (registered near the viewport, hovered):
 * most marks of a big page never are.
 */
class LazyMark<T> implements Mark<T> {
  /** The range, once made (a mark never registered or hovered has none to take back). */
  r: StaticRange | undefined;
  chunk: object | undefined;
  constructor(
    readonly node: Text,
    readonly start: number,
    readonly end: number,
    public data: T,
  ) {}

  get range(): StaticRange {
    // (Every browser with the Highlight API has StaticRange; this world's constructor serves the
    // frame's document, as each frame runs its own content script.)
    return (this.r ??= new StaticRange({ startContainer: this.node, startOffset: this.start, endContainer: this.node, endOffset: this.end }));
  }
}

const NONE: readonly never[] = [];

export function highlightSupported(win: Window & typeof globalThis = window): boolean {
  return typeof win.CSS !== 'undefined' && 'highlights' in win.CSS && typeof win.Highlight === 'function';
}

/**
 * Owns the page's `rvu-lens-*` highlights and the marks. A big page's marks are what the extension
 * keeps in memory: one object each and one map entry per text node, nothing more (a set of every
 * mark as well cost ~0.5 MB on 20,000 rows, and memory kept while scanning is what makes V8 start
 * a major collection then, which traces the page's whole DOM).
 */
export class Highlighter<T = unknown> {
  /**
   * A text node's mark, or its marks when it has several (most hold one: no array each). In the
   * order the nodes were marked (document order for a static page).
   */
  readonly #byNode = new Map<Text, Mark<T> | Mark<T>[]>();
  /** Number of marks. */
  #count = 0;
  /** The highlight holding every registered mark (hit-testing asks the registry about it). */
  readonly code: Highlight;
  /** The code whose popover is open (hover.ts sets it). */
  readonly active: Highlight;
  readonly #sheet: CSSStyleSheet | null = null;
  /** The document and shadow roots that adopted our stylesheet (the caret API needs the roots). */
  readonly styledRoots = new Set<Document | ShadowRoot>();
  /** Bumped on every change of the marks (hover.ts keeps them in document order per version). */
  version = 0;
  /** Marks not yet handed to the registered Highlight (see {@link flush}); some may have been removed since. */
  #pending: Array<Mark<T>> = [];
  /**
   * On pages with more than VIRTUALIZE_ABOVE marks only the marks near the viewport are
   * registered (an IntersectionObserver on their elements): Chrome re-validates every registered
   * range after any change, which would otherwise cost seconds on a 20,000-row table.
   */
  #registrar: MarkRegistrar<T> | null = null;
  #virtual = false;
  /** The page is big (see BIG_PAGE_ELEMENTS): wait for the registrar rather than register directly. */
  #bigPage = false;

  /** The document's window (its constructors), read once: a property read of the DOM costs a call. */
  readonly #win: Window & typeof globalThis;

  readonly #doc: Document;

  constructor(doc: Document = document) {
    this.#doc = doc;
    const win = (this.#win = doc.defaultView as Window & typeof globalThis);
    this.code = new win.Highlight();
    this.active = new win.Highlight();
    this.active.priority = 1;
    try {
      this.#sheet = new win.CSSStyleSheet();
      this.#sheet.replaceSync(HIGHLIGHT_CSS);
    } catch {
      this.#sheet = null;
    }
    win.CSS.highlights.set(HIGHLIGHT_NAMES.code, this.code);
    win.CSS.highlights.set(HIGHLIGHT_NAMES.active, this.active);
    // The document gets these rules from the content script's manifest CSS (no late restyle of a
    // big page); shadow roots, which that CSS does not reach, adopt the sheet when they get a mark.
  }

  /**
   * Put our highlights and stylesheet back if the page removed them (`CSS.highlights.clear()`,
   * `adoptedStyleSheets = []`). Cheap: two map reads and an array scan per root.
   */
  ensureRegistered(): void {
    try {
      const registry = (this.#doc.defaultView as Window & typeof globalThis).CSS.highlights;
      if (registry.get(HIGHLIGHT_NAMES.code) !== this.code) registry.set(HIGHLIGHT_NAMES.code, this.code);
      if (registry.get(HIGHLIGHT_NAMES.active) !== this.active) registry.set(HIGHLIGHT_NAMES.active, this.active);
      if (!this.#sheet) return;
      for (const root of this.styledRoots) {
        if (!root.adoptedStyleSheets.includes(this.#sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, this.#sheet];
      }
    } catch {
      // A page that froze or replaced these: marks may stay hidden, the page keeps working.
    }
  }

  /** Adopt our `::highlight` rules into a document or shadow root (needed once per shadow tree). */
  styleRoot(root: Document | ShadowRoot): void {
    if (!this.#sheet || this.styledRoots.has(root)) return;
    try {
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, this.#sheet];
      this.styledRoots.add(root);
    } catch {
      // A page that froze adoptedStyleSheets: marks still show in the main document.
    }
  }

  add(node: Text, start: number, end: number, data: T): Mark<T> | null {
    const existing = this.#byNode.get(node);
    if (existing !== undefined && this.marksOf(node).some((m) => m.start === start && m.end === end)) return null;
    const mark: Mark<T> = new LazyMark(node, start, end, data);
    this.#count++;
    if (existing === undefined) this.#byNode.set(node, mark);
    else if (Array.isArray(existing)) existing.push(mark);
    else this.#byNode.set(node, [existing, mark]);
    // Chrome re-validates every range of a highlight in the frame after any change: hand ranges
    // over in batches (flush), not one rendering update per slice, or a big page goes quadratic.
    this.#pending.push(mark);
    const root = node.getRootNode();
    if (root !== this.#doc && root instanceof this.#win.ShadowRoot) this.styleRoot(root);
    this.version++;
    return mark;
  }

  /** Install the viewport registrar (loaded with the interactive part; see lib/detector/viewport.ts). */
  setRegistrar(r: MarkRegistrar<T>): void {
    this.#registrar = r;
    if (this.#bigPage) this.flush();
  }

  /** The registrar will not come (the interactive part failed to load): register marks directly. */
  registerDirectly(): void {
    this.#bigPage = false;
    this.flush();
  }

  /** Whether the page has more than BIG_PAGE_ELEMENTS elements (counting stops there; no layout read). */
  measurePage(): void {
    try {
      // item(): an indexed read (`[n]`) of the collection costs 20–40 ms on a 20,000-row page, item() ~1 ms.
      this.#bigPage = this.#doc.getElementsByTagName('*').item(BIG_PAGE_ELEMENTS) !== null;
    } catch {
      this.#bigPage = false;
    }
  }

  /** Number of marks. */
  get size(): number {
    return this.#count;
  }

  /** Every mark, in the order their text nodes were marked. */
  all(): Array<Mark<T>> {
    return [...this.#byNode.values()].flat();
  }

  /** Marks added but not yet registered with the Highlight (at most: some may have been removed since). */
  get pendingCount(): number {
    return this.#pending.length;
  }

  /** Register the ranges added since the last flush (one rendering invalidation for all of them). */
  flush(): void {
    if (!this.#pending.length) return;
    // A big page waits for the registrar (it comes with the interactive part, loaded on the first mark).
    if (this.#bigPage && !this.#registrar) return;
    // (Marks removed since they were added are left out.)
    const added = this.#pending.filter((m) => this.marksOf(m.node).includes(m));
    this.#pending = [];
    if (!this.#virtual && this.#registrar && (this.#bigPage || this.#count > VIRTUALIZE_ABOVE)) {
      this.#virtual = true;
      this.code.clear();
      const fresh = new Set(added);
      this.#registrar.start(this.all().filter((m) => !fresh.has(m)), this.code);
    }
    if (this.#virtual) {
      for (const m of added) this.#registrar?.watch(m);
      this.#registrar?.commit?.();
      return;
    }
    for (const m of added) if (m.node.isConnected) this.code.add(m.range);
  }

  marksOf(node: Text): readonly Mark<T>[] {
    const v = this.#byNode.get(node);
    return v === undefined ? NONE : Array.isArray(v) ? v : [v];
  }

  hasMarks(node: Text): boolean {
    return this.#byNode.has(node);
  }

  removeNode(node: Text): void {
    if (!this.#byNode.has(node)) return;
    for (const m of this.marksOf(node)) {
      if (this.#virtual) this.#registrar?.unwatch(m);
      // (No range made just to be deleted: most marks of a big page never had one.)
      const r = (m as LazyMark<T>).r;
      if (r) {
        this.code.delete(r);
        this.active.delete(r);
      }
      this.#count--;
    }
    this.#byNode.delete(node);
    this.version++;
  }

  /** Drop marks whose text left the document (rows removed by the page). */
  prune(): number {
    let n = 0;
    for (const node of [...this.#byNode.keys()]) {
      if (!node.isConnected) {
        this.removeNode(node);
        n++;
      }
    }
    return n;
  }

  clear(): void {
    this.#pending = [];
    if (this.#virtual) this.#registrar?.stop();
    this.#virtual = false;
    this.code.clear();
    this.active.clear();
    this.#count = 0;
    this.#byNode.clear();
    this.version++;
  }

  /** Remove our highlights and stylesheets from the page. */
  dispose(): void {
    this.clear();
    const win = this.#doc.defaultView as (Window & typeof globalThis) | null;
    try {
      if (win?.CSS.highlights.get(HIGHLIGHT_NAMES.code) === this.code) win.CSS.highlights.delete(HIGHLIGHT_NAMES.code);
      if (win?.CSS.highlights.get(HIGHLIGHT_NAMES.active) === this.active) win.CSS.highlights.delete(HIGHLIGHT_NAMES.active);
    } catch {
      // the page replaced the registry; nothing left of ours to remove
    }
    for (const root of this.styledRoots) {
      try {
        root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== this.#sheet);
      } catch {
        // ignore
      }
    }
    this.styledRoots.clear();
  }
}
