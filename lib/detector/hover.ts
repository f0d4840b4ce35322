/**
 * Hover and keyboard interaction with marked codes. Highlights produce no events, so the pointer is
 * hit-tested against the marks (at most once per animation frame); after a short dwell the
 * popover opens, stays open while the pointer is on it, and closes on leave or Escape.
 * Content-script only; all listeners hang off the given AbortSignal.
 */
import { markRect, markRects, type Highlighter, type Mark } from './highlighter';

const ordered = new WeakMap<Highlighter<unknown>, { version: number; marks: Mark<unknown>[] }>();

/**
 * The highlighter's marks in document order, sorted again only after they changed. Lives here
 * (loaded with the interactive part), not in the content script on every page.
 */
export function orderedMarks<T>(h: Highlighter<T>): Mark<T>[] {
  const cached = ordered.get(h as Highlighter<unknown>);
  if (cached?.version === h.version) return cached.marks as Mark<T>[];
  const marks = h.all().sort((a, b) => {
    if (a.node === b.node) return a.start - b.start;
    const pos = a.node.compareDocumentPosition(b.node);
    return pos & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : pos & Node.DOCUMENT_POSITION_PRECEDING ? 1 : 0;
  });
  ordered.set(h as Highlighter<unknown>, { version: h.version, marks });
  return marks;
}

/**
 * Whether the page renders the mark's text now. The scanner marks text the page hides too (a
 * closed tab, a collapsed section, a closed `<details>`): those marks paint nothing, and keyboard
 * steps, reveals and the page summary pass over them until the page shows them.
 */
export function isShown(m: Mark<unknown>): boolean {
  return m.node.isConnected && isRendered(m.node.parentElement) && markRects(m).length > 0;
}

/**
 * `checkVisibility()` of the text's element: false under `display: none` and under
 * `content-visibility: hidden` (a closed `<details>`, whose text still has client rects). An
 * element with `display: contents` has no box of its own: its text shows if its parent's does.
 */
function isRendered(el: Element | null): boolean {
  for (; el; el = el.parentElement) {
    if (el.checkVisibility()) return true;
    if ((el.ownerDocument.defaultView ?? window).getComputedStyle(el).display !== 'contents') return false;
  }
  return true;
}

/** Shows `mark` (or nothing) as the active code. */
function setActive<T>(h: Highlighter<T>, mark: Mark<T> | null): void {
  h.active.clear();
  if (mark) h.active.add(mark.range);
}

/**
 * The mark under a point: ask the highlight registry (Chrome 140+), else map the point to a text
 * position with the caret APIs and check that it really lies inside the mark's boxes (the caret
 * APIs snap to the nearest text even far from it). Lives here, not in the highlighter, so it is
 * loaded only with the interactive part.
 */
export function markAtPoint<T>(h: Highlighter<T>, doc: Document, x: number, y: number): Mark<T> | null {
  const d = doc as Document & {
    caretPositionFromPoint?: (x: number, y: number, opts?: { shadowRoots?: ShadowRoot[] }) => { offsetNode: Node; offset: number } | null;
    caretRangeFromPoint?: (x: number, y: number) => Range | null;
  };
  const registry = (doc.defaultView as Window & typeof globalThis).CSS.highlights as HighlightRegistry & {
    highlightsFromPoint?: (x: number, y: number) => Array<{ highlight: Highlight; ranges: AbstractRange[] }>;
  };
  if (typeof registry.highlightsFromPoint === 'function') {
    try {
      for (const hit of registry.highlightsFromPoint(x, y)) {
        if (hit.highlight !== h.code) continue;
        for (const r of hit.ranges) {
          for (const m of h.marksOf(r.startContainer as Text)) if (m.range === r || (m.start === r.startOffset && m.end === r.endOffset)) return m;
        }
      }
      return null;
    } catch {
      // fall through to the caret path
    }
  }
  let node: Node | null = null;
  let offset = 0;
  if (typeof d.caretPositionFromPoint === 'function') {
    const shadowRoots = [...h.styledRoots].filter((r): r is ShadowRoot => r !== doc);
    const pos = d.caretPositionFromPoint(x, y, { shadowRoots });
    if (pos) ({ offsetNode: node, offset } = pos);
  } else if (typeof d.caretRangeFromPoint === 'function') {
    const r = d.caretRangeFromPoint(x, y);
    if (r) {
      node = r.startContainer;
      offset = r.startOffset;
    }
  }
  if (!node) return null;
  for (const m of h.marksOf(node as Text)) {
    if (offset < m.start - 1 || offset > m.end + 1) continue;
    for (const rect of markRects(m)) {
      if (x >= rect.left - 1 && x <= rect.right + 1 && y >= rect.top - 1 && y <= rect.bottom + 1) return m;
    }
  }
  return null;
}

export const DWELL_MS = 250;
export const CLOSE_GRACE_MS = 300;

export interface HoverDeps<T> {
  highlighter: Highlighter<T>;
  /** Open the popover for a mark (anchored to its range). */
  open(mark: Mark<T>, via: 'pointer' | 'keyboard'): void;
  close(): void;
  isOpen(): boolean;
  /** Whether the pointer is over the popover itself. */
  pointerOnPopover(): boolean;
  signal: AbortSignal;
}

export class HoverController<T> {
  private current: Mark<T> | null = null;
  private pending: Mark<T> | null = null;
  private dwellTimer: number | null = null;
  private closeTimer: number | null = null;
  private frame: number | null = null;
  private lastX = 0;
  private lastY = 0;
  private keyboardIndex = -1;
  private openedVia: 'pointer' | 'keyboard' = 'pointer';

  constructor(
    private readonly doc: Document,
    private readonly deps: HoverDeps<T>,
  ) {
    const win = doc.defaultView as Window & typeof globalThis;
    const opts = { capture: true, passive: true, signal: deps.signal } as const;
    doc.addEventListener('pointermove', (e) => this.onMove(e), opts);
    doc.addEventListener('pointerleave', () => this.scheduleClose(), opts);
    win.addEventListener('scroll', () => this.onScroll(), opts);
    win.addEventListener('blur', () => this.closeNow(), { signal: deps.signal });
    doc.addEventListener(
      'keydown',
      (e) => {
        if (e.key === 'Escape' && this.deps.isOpen()) this.closeNow();
      },
      { capture: true, signal: deps.signal },
    );
    deps.signal.addEventListener('abort', () => this.clearTimers());
  }

  get openMark(): Mark<T> | null {
    return this.current;
  }

  private get win(): Window & typeof globalThis {
    return this.doc.defaultView as Window & typeof globalThis;
  }

  private onMove(e: PointerEvent): void {
    if (e.pointerType === 'touch') return;
    this.lastX = e.clientX;
    this.lastY = e.clientY;
    if (this.frame !== null) return;
    this.frame = this.win.requestAnimationFrame(() => {
      this.frame = null;
      this.hitTest();
    });
  }

  private hitTest(): void {
    if (this.deps.pointerOnPopover()) {
      this.cancelClose();
      return;
    }
    let mark: Mark<T> | null = null;
    try {
      mark = markAtPoint(this.deps.highlighter, this.doc, this.lastX, this.lastY);
    } catch {
      mark = null;
    }
    if (mark && mark === this.current) {
      this.cancelClose();
      return;
    }
    if (mark) {
      if (mark !== this.pending) {
        this.pending = mark;
        this.clearDwell();
        this.dwellTimer = this.win.setTimeout(() => {
          this.dwellTimer = null;
          const m = this.pending;
          this.pending = null;
          if (m) this.show(m, 'pointer');
        }, DWELL_MS);
      }
      return;
    }
    this.pending = null;
    this.clearDwell();
    if (this.current) this.scheduleClose();
  }

  private onScroll(): void {
    // A keyboard-opened popover follows its code (navigation itself scrolls the page).
    if (this.current && this.openedVia === 'pointer' && !this.deps.pointerOnPopover()) this.closeNow();
  }

  show(mark: Mark<T>, via: 'pointer' | 'keyboard'): void {
    this.cancelClose();
    this.current = mark;
    this.openedVia = via;
    setActive(this.deps.highlighter, mark);
    this.deps.open(mark, via);
  }

  /** Called when the pointer leaves the popover. */
  scheduleClose(): void {
    if (this.closeTimer !== null || !this.current) return;
    this.closeTimer = this.win.setTimeout(() => {
      this.closeTimer = null;
      if (this.deps.pointerOnPopover()) return;
      this.closeNow();
    }, CLOSE_GRACE_MS);
  }

  cancelClose(): void {
    if (this.closeTimer !== null) this.win.clearTimeout(this.closeTimer);
    this.closeTimer = null;
  }

  closeNow(): void {
    this.cancelClose();
    this.clearDwell();
    this.pending = null;
    if (!this.current && !this.deps.isOpen()) return;
    this.current = null;
    setActive(this.deps.highlighter, null);
    this.deps.close();
  }

  /** Keyboard navigation: move to the next (+1) or previous (-1) mark and open it. */
  step(direction: 1 | -1): Mark<T> | null {
    const marks = orderedMarks(this.deps.highlighter);
    if (!marks.length) return null;
    let index = this.current ? marks.indexOf(this.current) : -1;
    if (index < 0) index = this.keyboardIndex;
    if (index < 0) {
      // Start from the first mark in (or after) the viewport.
      const firstVisible = marks.findIndex((m) => isShown(m) && (markRect(m).bottom ?? 0) >= 0);
      index = direction === 1 ? Math.max(0, firstVisible) - 1 : Math.max(0, firstVisible);
    }
    // The next mark the page shows (at most one round).
    let mark: Mark<T> | undefined;
    for (let n = 0; n < marks.length && !mark; n++) {
      index = (index + direction + marks.length) % marks.length;
      const m = marks[index];
      if (m && isShown(m)) mark = m;
    }
    this.keyboardIndex = index;
    if (!mark) return null;
    const el = mark.node.parentElement;
    const rect = markRect(mark);
    if (el && (rect.top < 0 || rect.bottom > this.win.innerHeight)) el.scrollIntoView({ block: 'center', inline: 'nearest' });
    this.show(mark, 'keyboard');
    return mark;
  }

  /** Scroll to an occurrence of the marks that match (the next one after the open mark, or `index`) and open it. */
  reveal(marks: readonly Mark<T>[], matches: (m: Mark<T>) => boolean, index?: number): boolean {
    const list = marks.filter((m) => matches(m) && isShown(m));
    const current = this.current ? list.indexOf(this.current) : -1;
    const mark = list[index ?? (current + 1) % Math.max(1, list.length)] ?? list[0];
    if (!mark) return false;
    mark.node.parentElement?.scrollIntoView({ block: 'center', inline: 'nearest' });
    this.show(mark, 'keyboard');
    return true;
  }

  private clearDwell(): void {
    if (this.dwellTimer !== null) this.win.clearTimeout(this.dwellTimer);
    this.dwellTimer = null;
  }

  private clearTimers(): void {
    this.clearDwell();
    this.cancelClose();
    if (this.frame !== null) this.win.cancelAnimationFrame(this.frame);
  }
}
