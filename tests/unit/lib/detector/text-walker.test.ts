// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import {
  collectTextNodes,
  findOpenShadowRoots,
  isInSkippedSubtree,
  SKIPPED_SELECTOR,
  OWN_PREFIX,
  shouldSkipElement,
} from '../../../../lib/detector/text-walker.ts';
import { POPOVER_TAG } from '../../../../lib/ui/popover-tag.ts';
import { contextFor, createDetectCache, type DetectCache } from '../../../../lib/detector/extract.ts';

function fragment(html: string): HTMLElement {
  const div = document.createElement('div');
  div.innerHTML = html;
  document.body.replaceChildren(div);
  return div;
}

const texts = (root: Node, opts = {}): string[] => collectTextNodes(root, opts).map((t) => t.data.trim());

describe('collectTextNodes', () => {
  it('keeps visible text with 4+ digits, skips what a person cannot see or is typing into', () => {
    const root = fragment(`
      <p>CPT 99213</p>
      <p>no digits here</p>
      <script>var c = "99214";</script>
      <style>.x::after { content: "99215" }</style>
      <noscript>99211</noscript>
      <template><p>99212</p></template>
      <input value="99203"><textarea>99204</textarea>
      <select><option>99205</option></select>
      <div contenteditable="true">99206 <b>99207</b></div>
      <div contenteditable="">99208</div>
      <div contenteditable="false">20610</div>
      <p hidden>99209</p>
      <p aria-hidden="true">G0438</p>
      <rvu-lens-popover>93000</rvu-lens-popover>
      <span class="foo rvu-lens-mark">93005</span>
      <span id="rvu-lens-debug">93010</span>
      <p style="display:none">80053</p>
      <button>Add 36415</button>
    `);
    // (`hidden` is a display state, as display:none: only a visibility check leaves it out.)
    expect(texts(root)).toEqual(['CPT 99213', '20610', '99209', 'G0438', '80053', 'Add 36415']);
    const isVisible = (el: Element): boolean => !/display:\s*none/.test(el.getAttribute('style') ?? '') && !el.hasAttribute('hidden');
    expect(texts(root, { isVisible })).toEqual(['CPT 99213', '20610', 'G0438', 'Add 36415']);
  });

  it('returns nothing when the root itself is inside an editable element', () => {
    const root = fragment('<div contenteditable><p id="in">99213</p></div>');
    expect(texts(root.querySelector('#in') as Element)).toEqual([]);
    expect(isInSkippedSubtree(root.querySelector('#in')?.firstChild as Node)).toBe(true);
  });

  it('caps the number of nodes', () => {
    const root = fragment('<p>99213</p>'.repeat(50));
    expect(collectTextNodes(root, { maxNodes: 10 })).toHaveLength(10);
  });

  it('shouldSkipElement', () => {
    const el = (html: string): Element => fragment(html).firstElementChild as Element;
    expect(shouldSkipElement(el('<textarea></textarea>'))).toBe(true);
    expect(shouldSkipElement(el('<div contenteditable="plaintext-only"></div>'))).toBe(true);
    expect(shouldSkipElement(el('<div class="rvu-lens-host"></div>'))).toBe(true);
    expect(shouldSkipElement(el('<div class="not-rvu-lens"></div>'))).toBe(false);
    expect(shouldSkipElement(el('<span>99213</span>'))).toBe(false);
  });
});

describe('shadow roots', () => {
  it('scans a shadow root passed as root, and finds nested open roots (not ours)', () => {
    const root = fragment('<x-a id="a"></x-a><rvu-lens-popover id="own"></rvu-lens-popover>');
    const a = root.querySelector('#a') as Element;
    const sa = a.attachShadow({ mode: 'open' });
    sa.innerHTML = '<p>CPT 99213</p><x-b id="b"></x-b>';
    const sb = (sa.querySelector('#b') as Element).attachShadow({ mode: 'open' });
    sb.innerHTML = '<span>G0438</span><textarea>99214</textarea>';
    (root.querySelector('#own') as Element).attachShadow({ mode: 'open' }).innerHTML = '<p>99215</p>';

    const roots = findOpenShadowRoots(document);
    expect(roots).toEqual([sa, sb]);
    expect(texts(sa)).toEqual(['CPT 99213']);
    expect(texts(sb)).toEqual(['G0438']);
    // Light-DOM scans do not enter shadow trees.
    expect(texts(root)).toEqual([]);
    // Inside a shadow tree, skipped ancestors are found across the host boundary.
    expect(isInSkippedSubtree(sb.querySelector('span')?.firstChild as Node)).toBe(false);
  });

  it('uses the injected opener (closed roots through the extension API)', () => {
    const root = fragment('<x-c id="c"></x-c>');
    const host = root.querySelector('#c') as Element;
    const closed = host.attachShadow({ mode: 'closed' });
    closed.innerHTML = '<p>99213</p>';
    expect(findOpenShadowRoots(document)).toEqual([]);
    expect(findOpenShadowRoots(document, (el) => (el === host ? closed : el.shadowRoot))).toEqual([closed]);
  });
});

describe('SKIPPED_SELECTOR', () => {
  it('matches every element shouldSkipElement skips by tag or attribute, and no plain one', () => {
    const root = fragment(
      '<script></script><style></style><noscript></noscript><textarea></textarea><select><option>1</option></select>' +
        '<input><iframe></iframe><div hidden></div><div contenteditable></div><span contenteditable="plaintext-only"></span>' +
        '<td></td><div></div><span class="x"></span><b></b>',
    );
    for (const el of root.querySelectorAll('*')) expect(el.matches(SKIPPED_SELECTOR), el.outerHTML).toBe(shouldSkipElement(el));
  });
});

describe('isInSkippedSubtree: visibleCoversAncestors', () => {
  it('stops asking about visibility above the first visible element, but still checks tags', () => {
    const root = fragment('<section><table><tbody><tr><td><b>99213</b></td></tr></tbody></table></section><div contenteditable><p><i>99214</i></p></div>');
    const asked: string[] = [];
    const isVisible = (el: Element): boolean => (asked.push(el.localName), true);
    const code = root.querySelector('b')?.firstChild as Text;
    expect(isInSkippedSubtree(code, isVisible, [], true)).toBe(false);
    expect(asked).toEqual(['b']);
    asked.length = 0;
    expect(isInSkippedSubtree(code, isVisible, [], false)).toBe(false);
    expect(asked).toEqual(['b', 'td', 'tr', 'tbody', 'table', 'section', 'div', 'body', 'html']);
    // An editable ancestor is found above a visible element all the same.
    expect(isInSkippedSubtree(root.querySelector('i')?.firstChild as Text, isVisible, [], true)).toBe(true);
    // An invisible nearest element still hides its text.
    expect(isInSkippedSubtree(code, (el) => el.localName !== 'b', [], true)).toBe(true);
  });
});

describe('isInSkippedSubtree: the ancestor memo', () => {
  it('answers as a fresh walk does, across many calls, and stays small', () => {
    const rows = Array.from({ length: 300 }, (_, i) =>
      i % 7 === 3 ? `<tr hidden><td>9921${i % 10}</td><td>E0114</td></tr>` : i % 11 === 5 ? `<tr><td contenteditable>9921${i % 10}</td></tr>` : `<tr><td><b>9921${i % 10}</b></td></tr>`,
    );
    const root = fragment(`<table><tbody>${rows.join('')}</tbody></table><div hidden><p>99213</p></div><p>99214</p><div contenteditable><p>99213</p><p>99214</p><p>99215</p></div>`);
    const nodes: Text[] = [];
    for (const w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT); w.nextNode(); ) nodes.push(w.currentNode as Text);
    const isVisible = (el: Element) => !el.closest('[hidden]');
    const memo: Array<Element | boolean> = [];
    let longest = 0;
    for (const strict of [true, false]) {
      for (const node of nodes) {
        expect(isInSkippedSubtree(node, isVisible, memo, strict)).toBe(isInSkippedSubtree(node, isVisible, undefined, strict));
        longest = Math.max(longest, memo.length);
      }
    }
    // (Element and answer pairs, 64 at most.)
    expect(longest).toBeLessThanOrEqual(128);
    expect(memo.length % 2).toBe(0);
    // Hidden rows (i % 7 = 3, two cells each), editable cells of the other rows (i % 11 = 5), the
    // hidden paragraph, the editable block's three.
    expect(nodes.length).toBe(348);
    expect(nodes.filter((n) => isInSkippedSubtree(n, isVisible, memo, true)).length).toBe(2 * 43 + 23 + 1 + 3);
  });
});

describe('isInSkippedSubtree: the selector path (visibleCoversAncestors)', () => {
  it('answers as the walk up does for text under every skip rule, in and out of shadow trees', () => {
    const root = fragment(
      `<div><p>99213</p><p hidden>99214</p><section contenteditable="false"><p>99215</p></section><section contenteditable="TRUE"><p>99213</p></section>` +
        `<div class="x  rvu-lens-card"><p>99213</p></div><div class="xrvu-lens"><p>99214</p></div><div id="rvu-lens-1"><b>99215</b></div>` +
        `<${POPOVER_TAG}><p>99213</p></${POPOVER_TAG}><noscript>99214</noscript><div id="host"></div><div hidden><span id="host2"></span></div>` +
        `<table><tbody><tr><td>99213</td></tr><tr hidden><td>99214</td></tr><tr><td contenteditable>99215</td></tr><tr><td><span><i>99213</i></span></td></tr><tr><td>99214</td></tr></tbody></table>` +
        `<section contenteditable><table><tbody><tr><td>99215</td></tr></tbody></table></section></div>`,
    );
    const sr = (root.querySelector('#host') as Element).attachShadow({ mode: 'open' });
    sr.innerHTML = '<p>99213</p><p hidden>99214</p>';
    const sr2 = (root.querySelector('#host2') as Element).attachShadow({ mode: 'open' });
    sr2.innerHTML = '<div><span><b2>99215</b2></span></div><p>99213</p>';
    const nodes: Text[] = [];
    for (const r of [root, sr, sr2] as Node[]) for (const w = document.createTreeWalker(r, NodeFilter.SHOW_TEXT); w.nextNode(); ) nodes.push(w.currentNode as Text);
    // (True means every ancestor is rendered too, as checkVisibility(): `hidden` is looked for above.)
    const isVisible = (el: Element) => el.localName !== 'b' && !el.closest('[hidden]');
    const fast = nodes.map((n) => isInSkippedSubtree(n, isVisible, [], true));
    // One memo for all, in document order (a table body's answer is reused by its next cells).
    const memo: Array<Element | boolean> = [];
    const shared = nodes.map((n) => isInSkippedSubtree(n, isVisible, memo, true));
    // The same walk up, element by element (the path an element node takes).
    const slow = nodes.map((n) => isInSkippedSubtree(n.parentElement as Element, isVisible, [], true));
    // As detectNode asks: right after contextFor read the node's cell, row and section (which
    // the check then starts from), with a fresh cache per node and with one for all.
    const afterContext = (cache: DetectCache) => (n: Text) => (contextFor(n, cache, () => true), isInSkippedSubtree(n, isVisible, cache.skipped, true));
    const afterContextBare = (cache: DetectCache) => (n: Text) => (contextFor(n, cache, () => true), isInSkippedSubtree(n, undefined, cache.skipped));
    const hinted = nodes.map((n) => afterContext(createDetectCache())(n));
    const hintedShared = nodes.map(afterContext(createDetectCache()));
    expect(fast).toEqual(slow);
    expect(shared).toEqual(slow);
    // Without a visibility check (the page scanner's way): tags and attributes only, the same
    // selector path, with a fresh memo per node, one for all, and as the walk up answers.
    const bare = nodes.map((n) => isInSkippedSubtree(n.parentElement as Element, undefined, []));
    expect(nodes.map((n) => isInSkippedSubtree(n, undefined, []))).toEqual(bare);
    const bareMemo: Array<Element | boolean> = [];
    expect(nodes.map((n) => isInSkippedSubtree(n, undefined, bareMemo))).toEqual(bare);
    expect(nodes.map(afterContextBare(createDetectCache()))).toEqual(bare);
    // The nine above and the three `hidden` ones (a paragraph, a row, one in the shadow root).
    expect(bare.filter((s) => !s).length).toBe(12);
    expect(hinted).toEqual(slow);
    expect(hintedShared).toEqual(slow);
    expect(POPOVER_TAG.startsWith(OWN_PREFIX)).toBe(true);
    // 99213, the contenteditable=false one, the class that only holds the prefix, three table
    // cells (not the hidden row's, not the editable cell, not the editable section's), the open
    // shadow root's first, and both texts of the shadow tree hosted under the hidden div (this
    // test's isVisible does not look across a shadow boundary, and \`hidden\` is no skip rule).
    expect(fast.filter((s) => !s).length).toBe(9);
  });
});
