// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { createDetectCache, detectInNodes, detectInRoot, detectNode, type DomDetection } from '../../../../lib/detector/candidates.ts';
import type { Mark } from '../../../../lib/detector/highlighter.ts';
import { markDetection } from '../../../../lib/detector/page-controller.ts';
import { finishDetection } from '../../../../lib/detector/score.ts';
import { collectTextNodes } from '../../../../lib/detector/text-walker.ts';
import { loadCodeSet } from '../../../setup/code-set.ts';

const codes = loadCodeSet();
const env = { isKnownCode: (c: string): boolean => codes.has(c) };

function fragment(html: string): HTMLElement {
  const div = document.createElement('div');
  div.innerHTML = html;
  document.body.replaceChildren(div);
  return div;
}

/** Found ranges as "text-of-node[start,end) code mods units". */
function ranges(root: Node, strictness: 'balanced' | 'strict' | 'everything' = 'balanced'): string[] {
  return detectInRoot(root, { ...env, strictness }).map(
    ({ node, start, end, detection: d }) =>
      [`${node.data.slice(start, end)}[${start},${end})`, d.modifiers.join('-'), d.units ?? ''].filter((x) => x !== '').join(' '),
  );
}

describe('detectInRoot', () => {
  it('uses the column header and the Mod / Units cells of the row', () => {
    const root = fragment(`
      <table>
        <thead><tr><th>Acct</th><th>CPT</th><th>Mod</th><th>Units</th><th>ZIP</th></tr></thead>
        <tbody>
          <tr><td>99213</td><td>99214</td><td>25</td><td>1</td><td>99203</td></tr>
          <tr><td>10021</td><td>20610</td><td>RT</td><td>2</td><td>99204</td></tr>
          <tr><td>88305</td><td>J3301</td><td></td><td>4</td><td>99202</td></tr>
        </tbody>
      </table>`);
    expect(ranges(root)).toEqual(['99214[0,5) 25 1', '20610[0,5) RT 2', 'J3301[0,5) 4']);
  });

  it('leaves the Mod / Units cells of a scanned code for later when they cannot change its tier', () => {
    const root = fragment(`
      <table>
        <thead><tr><th>CPT</th><th>Mod</th><th>Units</th></tr></thead>
        <tbody><tr><td>99214</td><td>25 GC</td><td>3</td></tr><tr><td>99213</td><td></td><td></td></tr></tbody>
      </table>`);
    const out: DomDetection[] = [];
    const cache = createDetectCache();
    for (const node of collectTextNodes(root)) detectNode(node, { ...env, cache }, out, true);
    expect(out.map((f) => [f.code ?? f.detection.code, f.detection.rowPending, f.detection.modifiers, f.detection.units])).toEqual([
      ['99214', true, [], null],
      ['99213', true, [], null],
    ]);
    // The second cell keeps a pointer to the column's verdict, not a copy, until it is finished.
    expect(out[1]!.code).toBe('99213');
    expect(out[1]!.detection.code).not.toBe('99213');
    // Finished, they are what the eager reading gives (detectInRoot finishes its detections), each its own object.
    const eager = detectInRoot(root, env).map((f) => f.detection);
    expect(out.map((f) => finishDetection(f))).toEqual(eager);
    expect(out[0]!.detection).not.toBe(out[1]!.detection);
    expect(out.map((f) => [f.code, f.row])).toEqual([[undefined, undefined], [undefined, undefined]]);
    expect(eager.map((d) => [d.modifiers, d.units])).toEqual([[['25', 'GC'], 3], [[], null]]);
  });

  it('completes a mark that keeps the detection only: its code and row are found again from its node', () => {
    const root = fragment(`
      <table>
        <thead><tr><th>CPT</th><th>Mod</th><th>Units</th></tr></thead>
        <tbody>
          <tr><td>99214</td><td>25 GC</td><td>3</td></tr>
          <tr><td>99213</td><td></td><td></td></tr>
          <tr><td>99213</td><td>59</td><td>2</td></tr>
          <tr><td>99215</td><td colspan="2">RT</td></tr>
        </tbody>
      </table>`);
    const out: DomDetection[] = [];
    const cache = createDetectCache();
    for (const node of collectTextNodes(root)) detectNode(node, { ...env, cache }, out, true);
    // What the scanner keeps: the node, the span, the detection (the column's shared verdict for all but the first).
    const marks = out.map((f) => ({ node: f.node, start: f.start, end: f.end, data: f.detection }) as Mark<DomDetection['detection']>);
    expect(marks.map((m) => m.data.shared)).toEqual([undefined, true, true, true]);
    const verdict = { ...marks[1]!.data };
    const eager = detectInRoot(root, env).map((f) => f.detection);
    expect(marks.map((m) => markDetection(m))).toEqual(eager);
    expect(eager.map((d) => [d.code, d.modifiers, d.units])).toEqual([
      ['99214', ['25', 'GC'], 3],
      ['99213', [], null],
      ['99213', ['59'], 2],
      ['99215', ['RT'], null],
    ]);
    // Each mark now holds its own finished copy; the shared verdict was not changed.
    expect(new Set(marks.map((m) => m.data)).size).toBe(4);
    expect(marks.every((m) => !('shared' in m.data) && !('rowPending' in m.data))).toBe(true);
    expect(out[1]!.detection).toEqual(verdict);
    // Finished once: asked again, the same object.
    expect(markDetection(marks[2]!)).toBe(marks[2]!.data);
  });

  it("gives a cell holding one bare code its column's verdict, computed once, unless the row decides it", () => {
    // (The code first in its row: no cell before it to read as a label.)
    const rows = [
      '<td>99213</td><td>Office visit billed</td><td>25</td>',
      '<td>99214</td><td>Seen by Dr. Smith</td><td></td>',
      '<td>0591T</td><td>Office visit</td><td>RT</td>',
      '<td>99215-25</td><td>Seen</td><td></td>',
      '<td>G0438</td><td>visit</td><td></td>',
      '<td>99203</td><td>Seen</td><td></td>',
      '<td>99204</td><td>Seen</td><td>59</td>',
    ];
    for (const header of ['<th>CPT</th><th>Note</th><th>Mod</th>', '<th></th><th>Note</th><th>Mod</th>']) {
      const root = fragment(`<table><thead><tr>${header}</tr></thead><tbody>${rows.map((r) => `<tr>${r}</tr>`).join('')}</tbody></table>`);
      for (const strictness of ['balanced', 'strict'] as const) {
        const texts = collectTextNodes(root);
        // One cache for the pass (cells share their column's verdict) vs a fresh cache per node.
        const shared: DomDetection[] = [];
        const cache = createDetectCache();
        for (const node of texts) detectNode(node, { ...env, strictness, cache }, shared, true);
        const alone: DomDetection[] = [];
        for (const node of texts) detectNode(node, { ...env, strictness, cache: createDetectCache() }, alone, true);
        const show = (f: DomDetection) => ({ ...finishDetection(f), text: f.node.data });
        expect(shared.map(show)).toEqual(alone.map(show));
        expect(shared.length).toBeGreaterThan(0);
      }
    }
    // Under no header and strict, the row's words decide: the verdict is not shared.
    const root = fragment(`<table><tbody>${rows.map((r) => `<tr>${r}</tr>`).join('')}</tbody></table>`);
    const strict = detectInRoot(root, { ...env, strictness: 'strict' }).map((f) => f.detection.code);
    expect(strict).toContain('99213');
    expect(strict).not.toContain('99214');
  });

  it('finds the header of a table without thead and a row-oriented label', () => {
    const root = fragment(`
      <table><tr><th>Line</th><th>Proc</th></tr><tr><td>1</td><td>80053</td></tr></table>
      <table><tr><th>CPT</th><td>93000</td></tr><tr><th>MRN</th><td>93005</td></tr></table>
      <dl><dt>Procedure code</dt><dd>36415</dd><dt>Member ID</dt><dd>36416</dd></dl>`);
    expect(ranges(root).map((r) => r.slice(0, 5))).toEqual(['80053', '93000', '36415']);
  });

  it('reads the cell before as a label, except under a header that names a code system', () => {
    const root = fragment(`
      <table><thead><tr><th>Field</th><th>Value</th></tr></thead>
        <tbody><tr><td>CPT</td><td>93000</td></tr><tr><td>MRN</td><td>93005</td></tr></tbody></table>
      <table><thead><tr><th>MRN</th><th>CPT</th></tr></thead>
        <tbody><tr><td>MRN</td><td>99214</td></tr><tr><td>MRN</td><td>99215</td></tr></tbody></table>`);
    // Under "Value" the cell before is the label ("CPT" yes, "MRN" no); under "CPT" it is data.
    expect(ranges(root).map((r) => r.slice(0, 5))).toEqual(['93000', '99214', '99215']);
  });

  it('reads modifiers and labels across inline elements, stops at blocks', () => {
    const root = fragment(`
      <p>Billed <b>99214</b>-25 today.</p>
      <p><span class="city">Spokane</span>, <span class="st">WA</span><span class="zip">99203</span></p>
      <div><div>CPT</div><div>99212 alone</div></div>
      <div><p>Our clinic has served the valley since 1987 and takes most plans.</p><p>99211 is the suite.</p></div>
      <p>CPT</p><div>text before 99215 in its own block</div>`);
    // A short block before the code's block reads as its label; a long paragraph does not.
    expect(ranges(root)).toEqual(['99214[0,5) 25', '99212[0,5)']);
  });

  it('stays linear on a 20 000-row table (column facts cached per table)', () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `<tr><td>${i}</td><td>99213</td><td>${99000 + (i % 900)}</td></tr>`);
    const root = fragment(`<table><thead><tr><th>#</th><th>CPT</th><th>ZIP</th></tr></thead><tbody>${rows.join('')}</tbody></table>`);
    const t0 = performance.now();
    const hits = detectInRoot(root, env);
    const ms = performance.now() - t0;
    expect(hits).toHaveLength(20_000);
    expect(hits.every((h) => h.detection.code === '99213')).toBe(true);
    expect(ms).toBeLessThan(30_000);
  }, 60_000);
});

describe('detectInNodes', () => {
  it('scans a subset and ignores nodes inside editable or own subtrees; hidden text is marked (a display state, painted once shown)', () => {
    const root = fragment(`
      <p id="a">CPT 99213</p>
      <div contenteditable><p id="b">CPT 99214</p></div>
      <p hidden id="c">CPT 99215</p>
      <div class="rvu-lens-popover"><p id="d">CPT 99212</p></div>`);
    const nodes = ['a', 'b', 'c', 'd'].map((id) => root.querySelector(`#${id}`)?.firstChild as Text);
    const cache = createDetectCache();
    expect(detectInNodes(nodes, { ...env, cache }).map((h) => h.detection.code)).toEqual(['99213', '99215']);
    // With a visibility check (what a person sees now), the hidden paragraph is left out.
    const isVisible = (el: Element) => !el.hasAttribute('hidden');
    expect(detectInNodes(nodes, { ...env, cache: createDetectCache(), isVisible }).map((h) => h.detection.code)).toEqual(['99213']);
  });

  it('finds rows inserted after a first scan', () => {
    const root = fragment('<table><thead><tr><th>CPT</th></tr></thead><tbody><tr><td>99213</td></tr></tbody></table>');
    expect(detectInRoot(root, env)).toHaveLength(1);
    const tr = document.createElement('tr');
    tr.innerHTML = '<td>G0439</td>';
    root.querySelector('tbody')?.appendChild(tr);
    expect(detectInNodes(collectTextNodes(tr), env).map((h) => h.detection.code)).toEqual(['G0439']);
  });
});
