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

export const HIGHLIGHT_CSS = `
::highlight(${HIGHLIGHT_NAMES.code}) { background-color: rgba(255, 196, 0, 0.28); text-decoration: underline dotted rgba(190, 110, 0, 0.95); text-decoration-thickness: 2px; }
::highlight(${HIGHLIGHT_NAMES.active}) { background-color: rgba(255, 170, 0, 0.55); }
`;

export interface Mark<T = unknown> {
  node: Text;
  start: number;
  end: number;
  range: Range;
  data: T;
}

export function highlightSupported(win: Window & typeof globalThis = window): boolean {
  return typeof win.CSS !== 'undefined' && 'highlights' in win.CSS && typeof win.Highlight === 'function';
}

/** Owns the page's `rvu-lens-*` highlights and the list of marks, in document order on demand. */
export class Highlighter<T = unknown> {
  readonly marks = new Set<Mark<T>>();
  private readonly byNode = new Map<Text, Mark<T>[]>();
  private readonly code: Highlight;
  private readonly active: Highlight;
  private readonly sheet: CSSStyleSheet | null = null;
  private readonly styledRoots = new Set<Document | ShadowRoot>();
  private orderedCache: Mark<T>[] | null = null;

  constructor(private readonly doc: Document = document) {
    const win = doc.defaultView as Window & typeof globalThis;
    this.code = new win.Highlight();
    this.active = new win.Highlight();
    this.active.priority = 1;
    try {
      this.sheet = new win.CSSStyleSheet();
      this.sheet.replaceSync(HIGHLIGHT_CSS);
    } catch {
      this.sheet = null;
    }
    win.CSS.highlights.set(HIGHLIGHT_NAMES.code, this.code);
    win.CSS.highlights.set(HIGHLIGHT_NAMES.active, this.active);
    this.styleRoot(doc);
  }

  /**
   * Put our highlights and stylesheet back if the page removed them (`CSS.highlights.clear()`,
   * `adoptedStyleSheets = []`). Cheap: two map reads and an array scan per root.
   */
  ensureRegistered(): void {
    try {
      const registry = (this.doc.defaultView as Window & typeof globalThis).CSS.highlights;
      if (registry.get(HIGHLIGHT_NAMES.code) !== this.code) registry.set(HIGHLIGHT_NAMES.code, this.code);
      if (registry.get(HIGHLIGHT_NAMES.active) !== this.active) registry.set(HIGHLIGHT_NAMES.active, this.active);
      if (!this.sheet) return;
      for (const root of this.styledRoots) {
        if (!root.adoptedStyleSheets.includes(this.sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, this.sheet];
      }
    } catch {
      // A page that froze or replaced these: marks may stay hidden, the page keeps working.
    }
  }

  /** Adopt our `::highlight` rules into a document or shadow root (needed once per shadow tree). */
  styleRoot(root: Document | ShadowRoot): void {
    if (!this.sheet || this.styledRoots.has(root)) return;
    try {
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, this.sheet];
      this.styledRoots.add(root);
    } catch {
      // A page that froze adoptedStyleSheets: marks still show in the main document.
    }
  }

  add(node: Text, start: number, end: number, data: T): Mark<T> | null {
    const existing = this.byNode.get(node);
    if (existing?.some((m) => m.start === start && m.end === end)) return null;
    const range = this.doc.createRange();
    range.setStart(node, start);
    range.setEnd(node, end);
    const mark: Mark<T> = { node, start, end, range, data };
    this.marks.add(mark);
    if (existing) existing.push(mark);
    else this.byNode.set(node, [mark]);
    this.code.add(range);
    const root = node.getRootNode();
    if (root !== this.doc && root instanceof (this.doc.defaultView as Window & typeof globalThis).ShadowRoot) this.styleRoot(root);
    this.orderedCache = null;
    return mark;
  }

  marksOf(node: Text): readonly Mark<T>[] {
    return this.byNode.get(node) ?? [];
  }

  removeNode(node: Text): void {
    const list = this.byNode.get(node);
    if (!list) return;
    for (const m of list) {
      this.code.delete(m.range);
      this.active.delete(m.range);
      this.marks.delete(m);
    }
    this.byNode.delete(node);
    this.orderedCache = null;
  }

  /** Drop marks whose text left the document (rows removed by the page). */
  prune(): number {
    let n = 0;
    for (const node of [...this.byNode.keys()]) {
      if (!node.isConnected) {
        this.removeNode(node);
        n++;
      }
    }
    return n;
  }

  setActive(mark: Mark<T> | null): void {
    this.active.clear();
    if (mark) this.active.add(mark.range);
  }

  /** Marks in document order (cached until the set changes). */
  ordered(): Mark<T>[] {
    if (!this.orderedCache) {
      this.orderedCache = [...this.marks].sort((a, b) => {
        if (a.node === b.node) return a.start - b.start;
        const pos = a.node.compareDocumentPosition(b.node);
        return pos & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : pos & Node.DOCUMENT_POSITION_PRECEDING ? 1 : 0;
      });
    }
    return this.orderedCache;
  }

  /** The highlight holding every mark (hit-testing asks the registry about it). */
  get codeHighlight(): Highlight {
    return this.code;
  }

  /** Shadow roots that hold marked text (the caret API needs them to see inside). */
  shadowRoots(): ShadowRoot[] {
    return [...this.styledRoots].filter((r): r is ShadowRoot => r !== this.doc);
  }

  clear(): void {
    this.code.clear();
    this.active.clear();
    this.marks.clear();
    this.byNode.clear();
    this.orderedCache = null;
  }

  /** Remove our highlights and stylesheets from the page. */
  dispose(): void {
    this.clear();
    const win = this.doc.defaultView as (Window & typeof globalThis) | null;
    try {
      if (win?.CSS.highlights.get(HIGHLIGHT_NAMES.code) === this.code) win.CSS.highlights.delete(HIGHLIGHT_NAMES.code);
      if (win?.CSS.highlights.get(HIGHLIGHT_NAMES.active) === this.active) win.CSS.highlights.delete(HIGHLIGHT_NAMES.active);
    } catch {
      // the page replaced the registry; nothing left of ours to remove
    }
    for (const root of this.styledRoots) {
      try {
        root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== this.sheet);
      } catch {
        // ignore
      }
    }
    this.styledRoots.clear();
  }
}
