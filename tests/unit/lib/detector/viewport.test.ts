// @vitest-environment happy-dom
// The viewport registrar: marks are observed in chunks through their first and last elements, and a
// chunk's ranges are in the Highlight exactly while an end is near the viewport or the ends straddle it.
import { describe, expect, it } from 'vitest';
import type { Mark } from '../../../../lib/detector/highlighter';
import { CHUNK, ViewportRegistrar } from '../../../../lib/detector/viewport';

type Entry = Pick<IntersectionObserverEntry, 'target' | 'isIntersecting' | 'rootBounds' | 'boundingClientRect'>;

function setup(n: number) {
  const observed = new Set<Element>();
  let callback: ((entries: Entry[]) => void) | null = null;
  class FakeIO {
    constructor(cb: (entries: Entry[]) => void) {
      callback = cb;
    }
    observe(el: Element) {
      observed.add(el);
    }
    unobserve(el: Element) {
      observed.delete(el);
    }
    disconnect() {
      observed.clear();
    }
  }
  const win = { IntersectionObserver: FakeIO } as unknown as Window & typeof globalThis;
  const shown = new Set<AbstractRange>();
  const highlight = { add: (r: AbstractRange) => shown.add(r), delete: (r: AbstractRange) => shown.delete(r) } as unknown as Highlight;
  const marks: Mark<null>[] = [];
  for (let i = 0; i < n; i++) {
    const div = document.createElement('div');
    div.textContent = `99213 row ${i}`;
    document.body.append(div);
    const node = div.firstChild as Text;
    const range = document.createRange();
    range.setStart(node, 0);
    range.setEnd(node, 5);
    marks.push({ node, start: 0, end: 5, range, data: null });
  }
  const root = { top: 0, bottom: 900, left: 0, right: 1280, width: 1280, height: 900 } as DOMRectReadOnly;
  const at = (el: Element, pos: -1 | 0 | 1): Entry => ({
    target: el,
    isIntersecting: pos === 0,
    rootBounds: root,
    boundingClientRect: { top: pos < 0 ? -100 : pos > 0 ? 1000 : 10, bottom: pos < 0 ? -80 : pos > 0 ? 1020 : 30, width: 100, height: 20 } as DOMRectReadOnly,
  });
  const fire = (entries: Entry[]) => callback!(entries);
  return { win, highlight, shown, marks, observed, at, fire };
}

describe('ViewportRegistrar', () => {
  it('observes two elements per chunk, not one per mark', () => {
    const t = setup(100);
    const r = new ViewportRegistrar<null>(t.win);
    r.start(t.marks, t.highlight);
    expect(CHUNK).toBe(32);
    expect(t.observed.size).toBe(8); // 4 chunks (32, 32, 32, 4)
    expect(t.observed.has(t.marks[0]!.node.parentElement!)).toBe(true);
    expect(t.observed.has(t.marks[31]!.node.parentElement!)).toBe(true);
    expect(t.observed.has(t.marks[5]!.node.parentElement!)).toBe(false);
    expect(t.shown.size).toBe(0);
  });

  it('shows a chunk while one end is near the viewport, or while its ends straddle it', () => {
    const t = setup(100);
    const r = new ViewportRegistrar<null>(t.win);
    r.start(t.marks, t.highlight);
    const el = (i: number) => t.marks[i]!.node.parentElement!;
    t.fire([t.at(el(0), 0), t.at(el(31), 1), t.at(el(32), 1), t.at(el(63), 1)]);
    expect(t.shown.size).toBe(32);
    expect(t.shown.has(t.marks[10]!.range)).toBe(true);
    expect(t.shown.has(t.marks[40]!.range)).toBe(false);
    // Scrolled: chunk 1 now above, chunk 2 straddles the viewport (first above, last below).
    t.fire([t.at(el(0), -1), t.at(el(31), -1), t.at(el(32), -1)]);
    expect(t.shown.has(t.marks[10]!.range)).toBe(false);
    expect(t.shown.has(t.marks[40]!.range)).toBe(true);
    expect(t.shown.size).toBe(32);
  });

  it('shows a chunk with one end not rendered (a hidden tab) and the other off-screen; not one with both ends hidden', () => {
    const t = setup(64);
    const r = new ViewportRegistrar<null>(t.win);
    r.start(t.marks, t.highlight);
    const el = (i: number) => t.marks[i]!.node.parentElement!;
    const hidden = (e: Element): Entry => ({ target: e, isIntersecting: false, rootBounds: t.at(e, 0).rootBounds, boundingClientRect: { top: 0, bottom: 0, width: 0, height: 0 } as DOMRectReadOnly });
    // Chunk 1 runs from a hidden tab's last marks into a shown table whose rows go on below the
    // view: its middle marks may be in view. Chunk 2 lies wholly in a hidden section.
    t.fire([hidden(el(0)), t.at(el(31), 1), hidden(el(32)), hidden(el(63))]);
    expect(t.shown.has(t.marks[10]!.range)).toBe(true);
    expect(t.shown.has(t.marks[40]!.range)).toBe(false);
    expect(t.shown.size).toBe(32);
    // The page shows the section and it is in view: chunk 2 too.
    t.fire([t.at(el(32), 0)]);
    expect(t.shown.has(t.marks[40]!.range)).toBe(true);
  });

  it('marks watched later join the open chunk (shown at once if it is shown); unwatch moves the ends', () => {
    const t = setup(40);
    const r = new ViewportRegistrar<null>(t.win);
    r.start(t.marks.slice(0, 20), t.highlight);
    const el = (i: number) => t.marks[i]!.node.parentElement!;
    t.fire([t.at(el(0), 0), t.at(el(19), 0)]);
    expect(t.shown.size).toBe(20);
    for (const m of t.marks.slice(20)) r.watch(m);
    r.commit();
    expect(t.shown.size).toBe(32); // the open chunk filled up to CHUNK, shown
    expect(t.observed.has(el(31))).toBe(true);
    expect(t.observed.has(el(19))).toBe(false); // the old last end is no longer observed
    expect(t.observed.has(el(32))).toBe(true); // the next chunk's first end
    r.unwatch(t.marks[0]!);
    expect(t.shown.has(t.marks[0]!.range)).toBe(false);
    expect(t.observed.has(el(0))).toBe(false);
    expect(t.observed.has(el(1))).toBe(true);
    for (const m of t.marks.slice(32)) r.unwatch(m);
    expect(t.observed.has(el(32))).toBe(false);
    r.stop();
    expect(t.observed.size).toBe(0);
  });
});
