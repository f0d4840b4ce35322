/**
 * Loads the fixture pages in `tests/fixtures/pages/` into happy-dom, resolves their
 * `<name>.expected.json` files to positions, and scores a detector's output against them.
 *
 * Positions are compared in the page's "flat text": every text node (script/style excluded) of a
 * root, in document order, with whitespace runs collapsed to one space. An expected entry names a
 * code and a `context` snippet written against that flat text (e.g. "0042 99213 25"); the code's
 * last occurrence inside the (nth) occurrence of the snippet is the expected position (so a
 * context may lead up to the code from the start of its row).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Window } from 'happy-dom';
import type { DomDetection } from '../../../../lib/detector/candidates.ts';
import { findOpenShadowRoots } from '../../../../lib/detector/text-walker.ts';

export const PAGES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../fixtures/pages');

export interface ExpectedEntry {
  code: string;
  context: string;
  /** Which occurrence of `context` (default 0). */
  nth?: number;
  modifiers?: string[];
  units?: number | null;
}

export interface ExpectedFile {
  description: string;
  /** Run the page's scripts (SPA and shadow-DOM pages). */
  scripts?: boolean;
  /** Steps after load: wait ms, or click a selector. */
  actions?: Array<{ wait: number } | { click: string }>;
  expected: ExpectedEntry[];
  /** Strings on the page whose code-like tokens must never be marked. */
  distractors: string[];
}

export interface LoadedRoot {
  /** "main", "shadow:<n>", "frame:<n>". */
  name: string;
  root: Document | ShadowRoot;
  flat: string;
  /** Flat-text index of each character of each text node (-1 for collapsed whitespace). */
  map: Map<Text, Int32Array>;
}

export interface LoadedPage {
  name: string;
  spec: ExpectedFile;
  roots: LoadedRoot[];
  windows: Window[];
}

/** Page names (without `.html`) that have an expected file. */
export function pageNames(): string[] {
  return readdirSync(PAGES_DIR)
    .filter((f) => f.endsWith('.expected.json'))
    .map((f) => f.replace(/\.expected\.json$/, ''))
    .sort();
}

const NON_TEXT = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE']);
const INLINE = new Set(['A', 'ABBR', 'B', 'CODE', 'EM', 'I', 'LABEL', 'MARK', 'SMALL', 'SPAN', 'STRONG', 'SUB', 'SUP', 'TIME', 'U']);

function textNodesOf(root: Document | ShadowRoot): Text[] {
  const doc = root.nodeType === 9 ? (root as Document) : (root.ownerDocument as Document);
  const walker = doc.createTreeWalker(root, 0x1 | 0x4, {
    acceptNode(n: Node): number {
      if (n.nodeType === 1) return NON_TEXT.has((n as Element).tagName.toUpperCase()) ? 2 : 3;
      return 1;
    },
  });
  const out: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) out.push(n as Text);
  return out;
}

function flatten(name: string, root: Document | ShadowRoot): LoadedRoot {
  let flat = '';
  let lastSpace = true;
  const map = new Map<Text, Int32Array>();
  let prevParent: Element | null = null;
  for (const t of textNodesOf(root)) {
    const d = t.data;
    // Text of two different blocks (e.g. adjacent cells <td>1</td><td>99213</td>) reads as two words.
    const parent = t.parentElement;
    if (prevParent && parent !== prevParent && !INLINE.has(parent?.tagName ?? '') && !INLINE.has(prevParent.tagName) && !lastSpace) {
      flat += ' ';
      lastSpace = true;
    }
    prevParent = parent;
    const idx = new Int32Array(d.length);
    for (let i = 0; i < d.length; i++) {
      const ch = d.charAt(i);
      if (/\s/.test(ch)) {
        idx[i] = -1;
        if (!lastSpace) {
          flat += ' ';
          lastSpace = true;
        }
      } else {
        idx[i] = flat.length;
        flat += ch;
        lastSpace = false;
      }
    }
    map.set(t, idx);
  }
  return { name, root, flat, map };
}

/** Loads one page (running its scripts and actions when the spec asks) with all its roots. */
export async function loadPage(name: string): Promise<LoadedPage> {
  const html = readFileSync(resolve(PAGES_DIR, `${name}.html`), 'utf8');
  const spec = JSON.parse(readFileSync(resolve(PAGES_DIR, `${name}.expected.json`), 'utf8')) as ExpectedFile;
  const windows: Window[] = [];
  const makeWindow = (scripts: boolean): Window => {
    const w = new Window({
      url: 'http://127.0.0.1/',
      settings: {
        enableJavaScriptEvaluation: scripts,
        suppressInsecureJavaScriptEnvironmentWarning: true,
        disableIframePageLoading: true,
        navigation: { disableChildFrameNavigation: true, disableChildPageNavigation: true },
      },
    });
    windows.push(w);
    return w;
  };
  const win = makeWindow(spec.scripts === true);
  win.document.write(html);
  await win.happyDOM.waitUntilComplete();
  for (const a of spec.actions ?? []) {
    if ('wait' in a) await new Promise((r) => setTimeout(r, a.wait));
    else (win.document.querySelector(a.click) as unknown as { click(): void } | null)?.click();
    await win.happyDOM.waitUntilComplete();
  }
  const doc = win.document as unknown as Document;
  const roots: LoadedRoot[] = [flatten('main', doc)];
  findOpenShadowRoots(doc).forEach((sr, i) => roots.push(flatten(`shadow:${i}`, sr)));
  // Each frame gets its own content-script instance in the browser: load srcdoc frames separately.
  Array.from(doc.querySelectorAll('iframe[srcdoc]')).forEach((f, i) => {
    const fw = makeWindow(false);
    fw.document.write(f.getAttribute('srcdoc') ?? '');
    roots.push(flatten(`frame:${i}`, fw.document as unknown as Document));
  });
  return { name, spec, roots, windows };
}

/** Closes the page's windows. */
export async function closePage(page: LoadedPage): Promise<void> {
  for (const w of page.windows) await w.happyDOM.close();
}

function isWordChar(ch: string): boolean {
  return /[A-Za-z0-9_]/.test(ch);
}

/** Occurrence positions of `needle` in `hay` at word boundaries. */
function occurrences(hay: string, needle: string): number[] {
  const out: number[] = [];
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + 1)) {
    const okStart = !isWordChar(needle.charAt(0)) || !isWordChar(hay.charAt(i - 1));
    const okEnd = !isWordChar(needle.charAt(needle.length - 1)) || !isWordChar(hay.charAt(i + needle.length));
    if (okStart && okEnd) out.push(i);
  }
  return out;
}

export interface ResolvedEntry {
  entry: ExpectedEntry;
  root: string;
  pos: number;
}

/** Resolves every expected entry to (root, flat position); throws listing the entries not found. */
export function resolveExpected(page: LoadedPage): ResolvedEntry[] {
  const out: ResolvedEntry[] = [];
  const missing: string[] = [];
  for (const entry of page.spec.expected) {
    let found: ResolvedEntry | undefined;
    for (const r of page.roots) {
      const occ = occurrences(r.flat, entry.context);
      const at = occ[entry.nth ?? 0];
      if (at === undefined) continue;
      const inner = occurrences(entry.context, entry.code).at(-1);
      if (inner === undefined) break;
      found = { entry, root: r.name, pos: at + inner };
      break;
    }
    if (found) out.push(found);
    else missing.push(`${entry.code} @ "${entry.context}"`);
  }
  if (missing.length > 0) throw new Error(`${page.name}: expected contexts not found:\n  ${missing.join('\n  ')}`);
  return out;
}

/** A hit located in flat text. */
export interface FlatHit {
  root: string;
  pos: number;
  code: string;
  modifiers?: string[];
  units?: number | null;
}

/** Converts DOM detections of one root to flat positions. */
export function toFlatHits(root: LoadedRoot, hits: DomDetection[]): FlatHit[] {
  const out: FlatHit[] = [];
  for (const h of hits) {
    const idx = root.map.get(h.node);
    const pos = idx?.[h.start];
    if (pos === undefined || pos < 0) throw new Error(`${root.name}: detection outside the flat text`);
    out.push({ root: root.name, pos, code: h.detection.code, modifiers: h.detection.modifiers, units: h.detection.units });
  }
  return out;
}

/** The naive matcher: every token shaped like a code that is in the code set, in every text node. */
export function naiveHits(root: LoadedRoot, isKnown: (c: string) => boolean): FlatHit[] {
  const out: FlatHit[] = [];
  const re = /\b(?:\d{5}|\d{4}[FTUM]|[A-V]\d{4})\b/g;
  for (const [node, idx] of root.map) {
    for (const m of node.data.matchAll(re)) {
      if (!isKnown(m[0])) continue;
      const pos = idx[m.index];
      if (pos !== undefined && pos >= 0) out.push({ root: root.name, pos, code: m[0] });
    }
  }
  return out;
}

export interface Score {
  tp: number;
  fp: number;
  fn: number;
  falsePositives: string[];
  falseNegatives: string[];
  attributeErrors: string[];
}

/** Matches hits to expected entries (same root, position and code). */
export function scoreHits(page: LoadedPage, expected: ResolvedEntry[], hits: FlatHit[]): Score {
  const byKey = new Map<string, ResolvedEntry>();
  for (const e of expected) byKey.set(`${e.root}@${e.pos}`, e);
  const matched = new Set<string>();
  const s: Score = { tp: 0, fp: 0, fn: 0, falsePositives: [], falseNegatives: [], attributeErrors: [] };
  const snippet = (root: string, pos: number): string => {
    const flat = page.roots.find((r) => r.name === root)?.flat ?? '';
    return flat.slice(Math.max(0, pos - 30), pos + 20);
  };
  for (const h of hits) {
    const key = `${h.root}@${h.pos}`;
    const e = byKey.get(key);
    if (e && e.entry.code === h.code && !matched.has(key)) {
      matched.add(key);
      s.tp++;
      const want = e.entry;
      if (want.modifiers !== undefined && h.modifiers !== undefined && want.modifiers.join(',') !== h.modifiers.join(',')) {
        s.attributeErrors.push(`${h.code} modifiers [${h.modifiers.join(',')}] ≠ [${want.modifiers.join(',')}] @ "${want.context}"`);
      }
      if (want.units !== undefined && h.units !== undefined && want.units !== h.units) {
        s.attributeErrors.push(`${h.code} units ${h.units} ≠ ${want.units} @ "${want.context}"`);
      }
    } else {
      s.fp++;
      s.falsePositives.push(`${h.code} @ "${snippet(h.root, h.pos)}" (${h.root})`);
    }
  }
  for (const e of expected) {
    if (!matched.has(`${e.root}@${e.pos}`)) {
      s.fn++;
      s.falseNegatives.push(`${e.entry.code} @ "${e.entry.context}"`);
    }
  }
  return s;
}

/** Distractor strings that a hit falls inside. */
export function distractorViolations(page: LoadedPage, hits: FlatHit[]): string[] {
  const out: string[] = [];
  for (const d of page.spec.distractors) {
    for (const r of page.roots) {
      for (const at of occurrences(r.flat, d)) {
        for (const h of hits) {
          if (h.root === r.name && h.pos >= at && h.pos < at + d.length) out.push(`${h.code} inside "${d}"`);
        }
      }
    }
  }
  return out;
}
