/**
 * Precision and recall of the detector over the fixture pages in `tests/fixtures/pages/`, at the
 * default 'balanced' strictness with the real code set, against a naive matcher (every code-shaped
 * token that is in the code set). Prints a per-page table and asserts the targets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectInRoot, type DomDetection } from '../../../../lib/detector/candidates.ts';
import { loadCodeSet } from '../../../setup/code-set.ts';
import {
  closePage,
  distractorViolations,
  loadPage,
  naiveHits,
  pageNames,
  resolveExpected,
  scoreHits,
  toFlatHits,
  type LoadedPage,
  type Score,
} from './fixture-harness.ts';

interface PageResult {
  name: string;
  ours: Score;
  naive: Score;
  distractors: string[];
  ms: number;
}

const results: PageResult[] = [];
const pages: LoadedPage[] = [];

function visibleIn(page: LoadedPage): (el: Element) => boolean {
  return (el) => {
    const view = el.ownerDocument?.defaultView as unknown as { getComputedStyle(e: Element): CSSStyleDeclaration } | null;
    if (!view) return true;
    const cs = view.getComputedStyle(el);
    void page;
    // (The test DOM applies no user-agent sheet: `[hidden]` is display:none there.)
    return cs.display !== 'none' && cs.visibility !== 'hidden' && !el.hasAttribute('hidden');
  };
}

beforeAll(async () => {
  const codes = loadCodeSet();
  const isKnownCode = (c: string): boolean => codes.has(c);
  for (const name of pageNames()) {
    const page = await loadPage(name);
    pages.push(page);
    const expected = resolveExpected(page);
    const t0 = performance.now();
    const ours = page.roots.flatMap((r) => {
      const hits: DomDetection[] = detectInRoot(r.root as unknown as Node, {
        isKnownCode,
        strictness: 'balanced',
        isVisible: visibleIn(page),
      });
      return toFlatHits(r, hits);
    });
    const ms = performance.now() - t0;
    const naive = page.roots.flatMap((r) => naiveHits(r, isKnownCode));
    results.push({
      name,
      ours: scoreHits(page, expected, ours),
      naive: scoreHits(page, expected, naive),
      distractors: distractorViolations(page, ours),
      ms,
    });
  }
}, 120_000);

afterAll(async () => {
  for (const p of pages) await closePage(p);
});

function pr(s: { tp: number; fp: number; fn: number }): { precision: number; recall: number } {
  return {
    precision: s.tp + s.fp === 0 ? 1 : s.tp / (s.tp + s.fp),
    recall: s.tp + s.fn === 0 ? 1 : s.tp / (s.tp + s.fn),
  };
}

describe('precision / recall on fixture pages (balanced)', () => {
  it('prints the comparison table', () => {
    const rows = results.map((r) => ({
      page: r.name,
      'ours TP': r.ours.tp,
      'ours FP': r.ours.fp,
      'ours FN': r.ours.fn,
      'naive TP': r.naive.tp,
      'naive FP': r.naive.fp,
      'naive FN': r.naive.fn,
      ms: Math.round(r.ms),
    }));
    const sum = (f: (r: PageResult) => number): number => results.reduce((a, r) => a + f(r), 0);
    const ours = { tp: sum((r) => r.ours.tp), fp: sum((r) => r.ours.fp), fn: sum((r) => r.ours.fn) };
    const naive = { tp: sum((r) => r.naive.tp), fp: sum((r) => r.naive.fp), fn: sum((r) => r.naive.fn) };
    rows.push({ page: 'TOTAL', 'ours TP': ours.tp, 'ours FP': ours.fp, 'ours FN': ours.fn, 'naive TP': naive.tp, 'naive FP': naive.fp, 'naive FN': naive.fn, ms: Math.round(sum((r) => r.ms)) });
    const o = pr(ours);
    const n = pr(naive);
    console.log(
      [
        'Detector vs naive matcher (balanced strictness, real code set)',
        ...rows.map((r) => Object.values(r).map((v) => String(v).padStart(8)).join(' ')),
        `ours:  precision ${o.precision.toFixed(3)}  recall ${o.recall.toFixed(3)}`,
        `naive: precision ${n.precision.toFixed(3)}  recall ${n.recall.toFixed(3)}`,
        ...results.flatMap((r) => [
          ...r.ours.falsePositives.map((x) => `  FP ${r.name}: ${x}`),
          ...r.ours.falseNegatives.map((x) => `  FN ${r.name}: ${x}`),
          ...r.ours.attributeErrors.map((x) => `  ATTR ${r.name}: ${x}`),
        ]),
      ].join('\n'),
    );
    expect(results.length).toBeGreaterThanOrEqual(9);
  });

  it('reaches precision ≥ 0.98 and recall ≥ 0.97 overall, well above the naive matcher', () => {
    const total = (pick: (r: PageResult) => Score): { tp: number; fp: number; fn: number } =>
      results.reduce((a, r) => ({ tp: a.tp + pick(r).tp, fp: a.fp + pick(r).fp, fn: a.fn + pick(r).fn }), { tp: 0, fp: 0, fn: 0 });
    const o = pr(total((r) => r.ours));
    const n = pr(total((r) => r.naive));
    expect(o.precision).toBeGreaterThanOrEqual(0.98);
    expect(o.recall).toBeGreaterThanOrEqual(0.97);
    expect(n.precision).toBeLessThan(o.precision - 0.15);
  });

  it('marks no distractor on any page', () => {
    expect(results.flatMap((r) => r.distractors.map((d) => `${r.name}: ${d}`))).toEqual([]);
  });

  it('reports the expected modifiers and units', () => {
    expect(results.flatMap((r) => r.ours.attributeErrors.map((d) => `${r.name}: ${d}`))).toEqual([]);
  });

  it('every expected code is in the code set (fixtures stay honest)', () => {
    const codes = loadCodeSet();
    const missing = pages.flatMap((p) => p.spec.expected.filter((e) => !codes.has(e.code)).map((e) => `${p.name}: ${e.code}`));
    expect(missing).toEqual([]);
  });
});
