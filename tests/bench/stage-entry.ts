/**
 * Page-side half of tests/bench/stages.ts: the scanner's pipeline run as ONE synchronous pass over
 * the page, stopping after a given stage, so each stage's cost is the difference between two runs.
 * Bundled with esbuild and injected into a page of a plain browser (main world, no profiler).
 */
import { CodeSet } from '../../lib/codes/code-set';
import { holdsKnownCode } from '../../lib/codes/patterns';
import { createDetectCache, detectNode, type DomDetection } from '../../lib/detector/candidates';
import { contextFor } from '../../lib/detector/extract';
import { Highlighter } from '../../lib/detector/highlighter';
import { ViewportRegistrar } from '../../lib/detector/viewport';

(window as unknown as { __stage: unknown }).__stage = (bits: string, upto: number) => {
  const set = new CodeSet(bits);
  const isKnownCode = (c: string) => set.has(c);
  const cache = createDetectCache();
  const env = { isKnownCode, strictness: 'balanced' as const, isVisible: (el: Element) => (el as HTMLElement).checkVisibility(), visibleCoversAncestors: true, cache };
  const found: DomDetection[] = [];
  const t0 = performance.now();
  const tw = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let known = 0;
  for (let node = tw.nextNode() as Text | null; node; node = tw.nextNode() as Text | null) {
    if (node.length < 5) continue;
    const data = node.data;
    if (upto < 1) continue;
    if (upto < 2 ? !holdsKnownCode(data, () => false) : !holdsKnownCode(data, isKnownCode)) continue; // (stage 1: the regex only)
    known++;
    if (upto === 3) contextFor(node, cache, isKnownCode);
    else if (upto >= 4) detectNode(node, env, found, true, data);
  }
  if (upto >= 5) {
    // As the scanner: a big page registers marks near the viewport only (lib/detector/viewport.ts).
    const h = new Highlighter<unknown>(document);
    h.measurePage();
    h.setRegistrar(new ViewportRegistrar<unknown>(window));
    for (const f of found) h.add(f.node, f.start, f.end, { detection: f.detection, row: f.row, code: f.code });
    h.flush();
  }
  return { ms: performance.now() - t0, known, found: found.length };
};
