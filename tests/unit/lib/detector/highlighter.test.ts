// @vitest-environment happy-dom
// The highlighter's book of marks per text node: a node holds its one mark directly and an array
// only from its second, and every lookup answers the same either way.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HIGHLIGHT_CSS, Highlighter } from '../../../../lib/detector/highlighter';

/** A document whose window has a stand-in for the Highlight API (happy-dom has none). */
function doc(html: string): Document {
  const d = document.implementation.createHTMLDocument('t');
  d.body.innerHTML = html;
  const win = d.defaultView ?? window;
  const w = win as unknown as Record<string, unknown>;
  w.Highlight ??= class extends Set<AbstractRange> {
    priority = 0;
  };
  // (Nor StaticRange: a plain record of its four fields.)
  (globalThis as Record<string, unknown>).StaticRange ??= class {
    constructor(init: StaticRangeInit) {
      Object.assign(this, init);
    }
  };
  const registry = new Map<string, unknown>();
  w.CSS = { highlights: registry };
  if (d.defaultView === null) Object.defineProperty(d, 'defaultView', { value: win });
  return d;
}

describe('Highlighter marks per node', () => {
  it('adds, finds, de-duplicates and removes one or several marks of a node', () => {
    const d = doc('<p>99213 and 99214 and 99215</p><p>E0114</p>');
    const [a, b] = [...d.querySelectorAll('p')].map((p) => p.firstChild as Text);
    const h = new Highlighter<string>(d);
    expect(h.hasMarks(a!)).toBe(false);
    expect(h.marksOf(a!)).toEqual([]);

    const m1 = h.add(a!, 0, 5, 'first');
    expect(h.hasMarks(a!)).toBe(true);
    expect(h.marksOf(a!)).toEqual([m1]);
    // The same span again is not a second mark, whether the node holds one mark or several.
    expect(h.add(a!, 0, 5, 'again')).toBeNull();
    const m2 = h.add(a!, 10, 15, 'second');
    const m3 = h.add(a!, 20, 25, 'third');
    expect(h.add(a!, 10, 15, 'again')).toBeNull();
    expect(h.marksOf(a!).map((m) => m.data)).toEqual(['first', 'second', 'third']);
    const m4 = h.add(b!, 0, 5, 'other');
    expect(h.all()).toEqual([m1, m2, m3, m4]);
    expect(h.size).toBe(4);
    expect(h.pendingCount).toBe(4);

    h.removeNode(a!);
    expect(h.hasMarks(a!)).toBe(false);
    expect(h.marksOf(a!)).toEqual([]);
    expect(h.all()).toEqual([m4]);
    expect(h.size).toBe(1);
    // Marks removed before they were shown are left out when the pending ones are registered.
    h.flush();
    expect(h.pendingCount).toBe(0);
    expect([...(h.code as unknown as Set<AbstractRange>)]).toEqual([m4!.range]);
    // Removing a node without marks changes nothing.
    const version = h.version;
    h.removeNode(a!);
    expect(h.version).toBe(version);

    // A node that left the document is forgotten by prune.
    b!.parentElement!.remove();
    expect(h.prune()).toBe(1);
    expect(h.size).toBe(0);
    expect(h.all()).toEqual([]);
    expect(h.hasMarks(b!)).toBe(false);
  });
});

describe('the marks stylesheet', () => {
  it('is the same in the manifest CSS and in the sheet shadow roots adopt, with no text decoration', () => {
    const manifestCss = readFileSync(join(process.cwd(), 'entrypoints/marks.content.css'), 'utf8');
    // Declarations per rule, spaces and number spellings aside.
    const rules = (css: string) =>
      [...css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/(::highlight\([\w-]+\))\s*\{([^}]*)\}/g)].map(([, sel, body]) => [sel, body!.replace(/\s+/g, '').replace(/0\./g, '.').replace(/;$/, '')]);
    expect(rules(manifestCss)).toEqual(rules(HIGHLIGHT_CSS));
    expect(rules(HIGHLIGHT_CSS)).toHaveLength(2);
    // A decoration makes every highlight change re-validate the whole page's text (see HIGHLIGHT_CSS).
    expect(manifestCss.replace(/\/\*[\s\S]*?\*\//g, '')).not.toMatch(/decoration|shadow/);
  });
});
