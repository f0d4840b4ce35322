/**
 * Registers only the marks near the viewport with the page's Highlight. Chrome re-validates every
 * registered range after any change to a highlight, which costs seconds on a 20,000-row table;
 * with this, the registered set stays a few hundred ranges whatever the page's size.
 *
 * Marks are grouped in chunks of {@link CHUNK} consecutive marks (in the order they were found,
 * document order for a static page) and an IntersectionObserver watches only each chunk's first
 * and last element: observing every mark's element costs ~10 µs per mark. A chunk is shown when
 * one of its ends is near the viewport, or when its ends lie on both sides of it (a chunk taller
 * than the observed area), or when one end is not rendered and the other is (a chunk that runs
 * from a hidden section into shown text). Installed on the highlighter when the interactive part loads; used
 * above VIRTUALIZE_ABOVE marks. Content-script only.
 */
import type { Mark, MarkRegistrar } from './highlighter';

/** Marks per chunk. */
export const CHUNK = 32;

/** Where an end element lies relative to the observed area: above, inside, below, or unknown (detached). */
type Pos = -1 | 0 | 1 | null;

interface Chunk<T> {
  /** (An array: a Set per chunk cost ~20 bytes more per mark.) */
  marks: Array<Mark<T>>;
  first: Element | null;
  last: Element | null;
  firstPos: Pos;
  lastPos: Pos;
  shown: boolean;
}

function newChunk<T>(): Chunk<T> {
  return { marks: [], first: null, last: null, firstPos: null, lastPos: null, shown: false };
}

function positionOf(e: IntersectionObserverEntry): Pos {
  if (e.isIntersecting) return 0;
  const root = e.rootBounds;
  const r = e.boundingClientRect;
  if (!root || (r.width === 0 && r.height === 0)) return null;
  return r.bottom <= root.top ? -1 : r.top >= root.bottom ? 1 : null;
}

export class ViewportRegistrar<T> implements MarkRegistrar<T> {
  private io: IntersectionObserver | null = null;
  private highlight: Highlight | null = null;
  /** Observed end element → the chunks it is an end of. */
  private readonly chunksOf = new Map<Element, Set<Chunk<T>>>();
  /** The chunk being filled (its last end is set by {@link commit}). */
  private open: Chunk<T> | null = null;

  constructor(private readonly win: Window & typeof globalThis) {}

  start(marks: Iterable<Mark<T>>, highlight: Highlight): void {
    this.highlight = highlight;
    // A screen and a half above and below: scrolling shows marks already in place.
    this.io = new this.win.IntersectionObserver((entries) => this.onEntries(entries), { rootMargin: '150% 0px 150% 0px' });
    for (const m of marks) this.watch(m);
    this.commit();
  }

  watch(m: Mark<T>): void {
    if (!this.io) return;
    let c = this.open;
    if (!c || c.marks.length >= CHUNK) {
      if (c) this.commit();
      c = this.open = newChunk<T>();
    }
    c.marks.push(m);
    m.chunk = c;
    if (!c.first) this.setEnd(c, 'first', m.node.parentElement);
    if (c.shown) this.highlight?.add(m.range);
  }

  /** Observe the open chunk's last element (after a batch of {@link watch} calls). */
  commit(): void {
    const c = this.open;
    if (!c) return;
    const el = c.marks[c.marks.length - 1]?.node.parentElement ?? null;
    if (el !== c.last) this.setEnd(c, 'last', el);
  }

  unwatch(m: Mark<T>): void {
    const c = m.chunk as Chunk<T> | undefined;
    m.chunk = undefined;
    if (!c) return;
    // (A mark is registered exactly while its chunk is shown: others have no range to take back.)
    if (c.shown) this.highlight?.delete(m.range);
    const i = c.marks.indexOf(m);
    if (i >= 0) c.marks.splice(i, 1);
    if (!c.marks.length) {
      this.setEnd(c, 'first', null);
      this.setEnd(c, 'last', null);
      if (this.open === c) this.open = null;
      return;
    }
    // Keep both ends on marks that still exist (rows removed from the page).
    const el = m.node.parentElement;
    if (el === c.first || !m.node.isConnected) this.setEnd(c, 'first', c.marks[0]?.node.parentElement ?? null);
    if (el === c.last || !m.node.isConnected) this.setEnd(c, 'last', c.marks[c.marks.length - 1]?.node.parentElement ?? null);
  }

  stop(): void {
    this.io?.disconnect();
    this.io = null;
    // (A chunk is reached through its observed ends; one without any was never shown.)
    for (const chunks of this.chunksOf.values()) for (const c of chunks) for (const m of c.marks) m.chunk = undefined;
    this.chunksOf.clear();
    this.open = null;
  }

  private setEnd(c: Chunk<T>, end: 'first' | 'last', el: Element | null): void {
    const old = c[end];
    if (old === el) return;
    c[end] = el;
    c[end === 'first' ? 'firstPos' : 'lastPos'] = null;
    if (old && c.first !== old && c.last !== old) {
      const set = this.chunksOf.get(old);
      set?.delete(c);
      if (set && !set.size) {
        this.chunksOf.delete(old);
        this.io?.unobserve(old);
      }
    }
    if (el) {
      let set = this.chunksOf.get(el);
      if (!set) {
        set = new Set();
        this.chunksOf.set(el, set);
        this.io?.observe(el); // the observer reports its initial position
      }
      set.add(c);
    }
  }

  private onEntries(entries: IntersectionObserverEntry[]): void {
    const touched = new Set<Chunk<T>>();
    for (const e of entries) {
      const pos = positionOf(e);
      for (const c of this.chunksOf.get(e.target) ?? []) {
        if (c.first === e.target) c.firstPos = pos;
        if (c.last === e.target) c.lastPos = pos;
        touched.add(c);
      }
    }
    const hl = this.highlight;
    if (!hl) return;
    for (const c of touched) {
      // In view at an end, or ends on both sides of the view; or one end not rendered (a hidden tab's
      // last marks before a shown table): the other marks may lie anywhere, so the chunk is shown.
      // (Both ends not rendered: the page hides the chunk, or it is detached; nothing to paint.)
      const show = c.firstPos === 0 || c.lastPos === 0 || c.firstPos !== c.lastPos;
      if (show === c.shown) continue;
      c.shown = show;
      for (const m of c.marks) {
        if (show) hl.add(m.range);
        else hl.delete(m.range);
      }
    }
  }
}
