/**
 * Registers only the marks near the viewport with the page's Highlight, through an
 * IntersectionObserver on the marks' elements. Chrome re-validates every registered range after
 * any change to a highlight, which costs seconds on a 20,000-row table; with this, the registered
 * set stays a few hundred ranges whatever the page's size. Installed on the highlighter when the
 * interactive part loads; used above VIRTUALIZE_ABOVE marks. Content-script only.
 */
import type { Mark, MarkRegistrar } from './highlighter';

export class ViewportRegistrar<T> implements MarkRegistrar<T> {
  private io: IntersectionObserver | null = null;
  private highlight: Highlight | null = null;
  private readonly byElement = new Map<Element, Set<Mark<T>>>();
  private readonly elementOf = new Map<Mark<T>, Element>();

  constructor(private readonly win: Window & typeof globalThis) {}

  start(marks: Iterable<Mark<T>>, highlight: Highlight): void {
    this.highlight = highlight;
    this.io = new this.win.IntersectionObserver(
      (entries) => {
        for (const e of entries) {
          for (const m of this.byElement.get(e.target) ?? []) {
            if (e.isIntersecting) highlight.add(m.range);
            else highlight.delete(m.range);
          }
        }
      },
      // A screen and a half above and below: scrolling shows marks already in place.
      { rootMargin: '150% 0px 150% 0px' },
    );
    for (const m of marks) this.watch(m);
  }

  watch(m: Mark<T>): void {
    const el = m.node.parentElement;
    if (!el || !this.io) return;
    let set = this.byElement.get(el);
    if (!set) {
      set = new Set();
      this.byElement.set(el, set);
      this.io.observe(el);
    }
    set.add(m);
    this.elementOf.set(m, el);
  }

  unwatch(m: Mark<T>): void {
    const el = this.elementOf.get(m);
    this.elementOf.delete(m);
    this.highlight?.delete(m.range);
    const set = el ? this.byElement.get(el) : undefined;
    if (!el || !set) return;
    set.delete(m);
    if (!set.size) {
      this.byElement.delete(el);
      this.io?.unobserve(el);
    }
  }

  stop(): void {
    this.io?.disconnect();
    this.io = null;
    this.byElement.clear();
    this.elementOf.clear();
  }
}
