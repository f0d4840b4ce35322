/**
 * The scanner's shortcuts change nothing it finds. On big tables and lists it reads the text of a
 * group of rows at once, reads `data` only of nodes that may hold a known code, passes over
 * groups without one and over the rest of a row once no known code is left in it
 * (lib/detector/scanner.ts, lib/detector/text-segment.ts). Here the real `Scanner`, bundled with
 * esbuild, runs in a page of Chromium on generated pages full of the shapes that could trip those
 * shortcuts (codes in the first and last cells, split across elements, glued to digits of the cell
 * before, hidden cells, scripts and comments in rows, rows without codes, rows of another tag, no
 * whitespace between rows), and its marks must equal those of the plain detector over every text
 * node (`detectInRoot`): same text node, same offsets, same code.
 */
import { buildSync } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeDataset } from '../../lib/dataset/codec';
import { encodeCodeSet } from '../../lib/codes/code-set';
import { CHROMIUM, ROOT, serveStatic } from './fixtures';
import { prng } from '../bench/pages';

const CODES = ['99213', '99214', 'G0439', '27447', '36415', '93000', 'J3301', '71046', '0001U', '1160F'];

/** One cell's content: mostly what claim screens hold, with the awkward cases mixed in. */
function cell(rnd: () => number): string {
  const code = CODES[Math.floor(rnd() * CODES.length)]!;
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(rnd() * 10)).join('');
  const shapes = [
    () => code,
    () => `CPT ${code}-25`,
    () => digits(5),
    () => `${digits(5)}-${digits(4)}`,
    () => `1${digits(9)}`,
    () => `$${digits(3)}.${digits(2)}`,
    () => '',
    () => `<span>${code}</span> x2`,
    () => `${code.slice(0, 3)}<b>${code.slice(3)}</b>`,
    () => `<span hidden>${code}</span>`,
    () => `<script>var c="${code}"</script>`,
    () => `<!-- ${code} -->${digits(2)}`,
    () => `a<i>b</i>${code}`,
    () => `${digits(4)}`,
    () => `<textarea>${code}</textarea>`,
  ];
  return shapes[Math.floor(rnd() * shapes.length)]!();
}

function page(seed: number): string {
  const rnd = prng(seed);
  const rows: string[] = [];
  for (let i = 0; i < 400; i++) {
    const cells = Array.from({ length: 2 + Math.floor(rnd() * 9) }, () => {
      const hide = rnd() < 0.04 ? ' style="display:none"' : '';
      return `<td${hide}>${rnd() < 0.35 ? cell(rnd) : String(Math.floor(rnd() * 100))}</td>`;
    });
    // Rows without whitespace between them too (pages built by script).
    rows.push(`<tr>${cells.join('')}</tr>${rnd() < 0.5 ? '\n' : ''}`);
  }
  const items = Array.from({ length: 120 }, (_, i) => `<li>${i % 7 === 0 ? '<p>nested</p>' : ''}${cell(rnd)} ${cell(rnd)}</li>${i % 40 === 39 ? '<div>other tag 99215</div>' : ''}`);
  const divs = Array.from({ length: 60 }, () => `<div class="r"><span>${cell(rnd)}</span><span>${cell(rnd)}</span></div>`);
  return `<!doctype html><html><head><meta charset="utf-8"><title>equivalence ${seed}</title></head><body>
<table><thead><tr><th>Claim</th><th>CPT/HCPCS</th><th>Mod</th><th>Units</th><th>ZIP</th><th>A</th><th>B</th><th>C</th><th>D</th><th>E</th></tr></thead>
<tbody>${rows.join('')}</tbody></table>
<ul>${items.join('\n')}</ul>
<section>${divs.join('')}</section>
</body></html>`;
}

const bits = (() => {
  const ds = decodeDataset(readFileSync(resolve(ROOT, 'data/generated/public/dataset.json'), 'utf8'));
  return encodeCodeSet([...ds.pfs, ...ds.hcpcs, ...ds.clfs, ...ds.dmepos].map((r) => r.code));
})();

const script = buildSync({
  stdin: {
    contents: `
      import { CodeSet } from './lib/codes/code-set';
      import { Scanner } from './lib/detector/scanner';
      import { detectInRoot } from './lib/detector/candidates';
      (globalThis as any).__compare = async (bits: string) => {
        const set = new CodeSet(bits);
        const all: Text[] = [];
        const tw = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = tw.nextNode(); n; n = tw.nextNode()) all.push(n as Text);
        const key = (node: Text, start: number, end: number) => all.indexOf(node) + ':' + start + '-' + end + ':' + node.data.slice(start, end);
        const scanner = new Scanner(document, { isKnownCode: (c) => set.has(c), knownWindows: (t, out) => set.windows(t, out), strictness: () => 'balanced' });
        await scanner.start();
        const scanned = scanner.highlighter.all().map((m) => key(m.node, m.start, m.end)).sort();
        const plain = detectInRoot(document.body, { isKnownCode: (c) => set.has(c), strictness: 'balanced' })
          .map((d) => key(d.node, d.start, d.end)).sort();
        scanner.stop();
        return { scanned, plain, nodes: all.length };
      };`,
    resolveDir: ROOT,
    loader: 'ts',
  },
  bundle: true,
  format: 'iife',
  write: false,
  logLevel: 'error',
}).outputFiles[0]!.text;

const SEEDS = [1, 2, 3, 4];
let browser: Browser;
let server: Awaited<ReturnType<typeof serveStatic>>;

beforeAll(async () => {
  server = await serveStatic(undefined, Object.fromEntries(SEEDS.map((s) => [`/eq-${s}.html`, () => page(s)])));
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('scanner shortcuts', () => {
  it.each(SEEDS)('page %i: the scanner marks exactly what the plain detector finds over every text node', async (seed) => {
    const p = await browser.newPage();
    await p.goto(`${server.url}/eq-${seed}.html`);
    await p.addScriptTag({ content: script });
    const r = await p.evaluate((b) => (globalThis as unknown as { __compare: (b: string) => Promise<{ scanned: string[]; plain: string[]; nodes: number }> }).__compare(b), bits);
    console.log(`page ${seed}: ${r.nodes} text nodes, ${r.plain.length} codes found by the plain detector, ${r.scanned.length} marked`);
    expect(r.plain.length).toBeGreaterThan(100);
    expect(r.scanned).toEqual(r.plain);
    await p.close();
  });
});
