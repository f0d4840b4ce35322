/**
 * Compares versions of the scanner on the generated claim page (default 20,000 rows): the real
 * `Scanner` of each version, bundled with esbuild and run in an isolated world of a plain Chromium
 * page (where a content script runs, but without the extension's seeding, messaging and UI), from
 * DOMContentLoaded, on alternating fresh loads. Prints per load and then per version the median of
 * the scanner's own slice clock (`busy`, GC included) and its wall time; with PROF=1 also the
 * garbage collector's share (CPU profiler, 4 kHz). Quieter than whole-extension runs on a noisy
 * machine: use it to decide between two versions of lib/detector before a full `npm run bench`.
 *
 * Run: npx tsx tests/bench/scanner-variants.ts [rows]
 *   VARIANTS="before=/tmp/old,after=."  each a directory holding a lib/ tree (default: this checkout)
 *   ROUNDS=5 (default 3)                e.g. `git worktree add /tmp/old HEAD~1` for the "before" tree
 *   COUNT=1                             also count the DOM calls each version makes (every getter and
 *                                       method of Node, Element, CharacterData, TreeWalker… in its
 *                                       world): exact and repeatable where times are not; the
 *                                       counting makes those loads' times meaningless
 *   PROF=1 TOP=30 MINIFY=0              with the profiler, also each load's 30 functions of most
 *                                       self time (MINIFY=0 keeps their names)
 *   FLOOR=1                             also, after each scan, the bare-walker floor on the same
 *                                       page, in the page's world and in a new isolated world
 * Needs `npm run data` (the code set comes from data/generated).
 */
import { buildSync } from 'esbuild';
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeDataset } from '../../lib/dataset/codec';
import { encodeCodeSet } from '../../lib/codes/code-set';
import { CHROMIUM, serveStatic } from '../e2e/fixtures';
import { claimPage } from './pages';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const rows = Number(process.argv[2] ?? 20000);
const rounds = Math.max(1, Number(process.env.ROUNDS ?? 3));
const profile = process.env.PROF === '1';
const countCalls = process.env.COUNT === '1';
const variants = (process.env.VARIANTS ?? `this=${ROOT}`).split(',').map((v) => {
  const [name, dir] = v.split('=') as [string, string | undefined];
  return { name, dir: resolve(ROOT, dir ?? name) };
});

const ds = decodeDataset(readFileSync(resolve(ROOT, 'data/generated/public/dataset.json'), 'utf8'));
const bits = encodeCodeSet([...ds.pfs, ...ds.hcpcs, ...ds.clfs, ...ds.dmepos].map((r) => r.code));

/** The page-side script of one version: scans the page once, as the content script does. */
function bundle(dir: string): string {
  const contents = `
    import { CodeSet } from ${JSON.stringify(`${dir}/lib/codes/code-set`)};
    import { Scanner } from ${JSON.stringify(`${dir}/lib/detector/scanner`)};
    import { ViewportRegistrar } from ${JSON.stringify(`${dir}/lib/detector/viewport`)};
    (globalThis as any).__countDomCalls = () => {
      const counts: Record<string, number> = ((globalThis as any).__domCalls = {});
      const protos = { Node, Element, CharacterData, Text, HTMLElement, HTMLTableCellElement, TreeWalker, Document } as Record<string, { prototype: object }>;
      for (const [owner, { prototype }] of Object.entries(protos)) {
        for (const key of Object.getOwnPropertyNames(prototype)) {
          const d = Object.getOwnPropertyDescriptor(prototype, key)!;
          const name = owner + '.' + key;
          const count = () => void (counts[name] = (counts[name] ?? 0) + 1);
          if (d.get) {
            const get = d.get;
            Object.defineProperty(prototype, key, { ...d, get() { count(); return get.call(this); } });
          } else if (typeof d.value === 'function' && key !== 'constructor') {
            const f = d.value;
            Object.defineProperty(prototype, key, { ...d, value: function (this: unknown, ...a: unknown[]) { count(); return f.apply(this, a); } });
          }
        }
      }
    };
    (globalThis as any).__scan = async (bits: string) => {
      const set = new CodeSet(bits);
      const t0 = performance.now();
      // (Each version's own way to find known-code windows: older ones took hasAt.)
      const at = (set as any).hasAt ? (s: string, i: number) => (set as any).hasAt(s, i) : undefined;
      const windows = (set as any).windows ? (t: string, out: number[]) => (set as any).windows(t, out) : undefined;
      const s = new Scanner(document, { isKnownCode: (c) => set.has(c), isKnownCodeAt: at, knownWindows: windows, strictness: () => 'balanced' } as any);
      s.onFirstMark = () => s.highlighter.setRegistrar(new ViewportRegistrar<any>(window));
      await s.start();
      return { busy: s.busyMs, wall: performance.now() - t0, marks: s.highlighter.size, maxSlice: (s as any).maxSliceMs };
    };`;
  const out = buildSync({
    stdin: { contents, resolveDir: ROOT, loader: 'ts' },
    nodePaths: [resolve(ROOT, 'node_modules')],
    bundle: true,
    format: 'iife',
    minify: process.env.MINIFY !== '0',
    write: false,
    logLevel: 'error',
  });
  return out.outputFiles[0]!.text;
}

const scripts = new Map(variants.map((v) => [v.name, bundle(v.dir)]));
const server = await serveStatic(undefined, { '/claims.html': () => claimPage(rows) });
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
const context = await browser.newContext();
const results = new Map(variants.map((v) => [v.name, { busy: [] as number[], wall: [] as number[], gc: [] as number[] }]));

console.log(`${rows.toLocaleString('en-US')} rows, ${rounds} round(s) of fresh loads, versions alternating`);
for (let r = 0; r < rounds; r++) {
  const line: string[] = [];
  for (const v of variants) {
    const page = await context.newPage();
    await page.goto(`${server.url}/claims.html`, { waitUntil: 'domcontentloaded', timeout: 120_000 });
    const cdp = await context.newCDPSession(page);
    const { frameTree } = await cdp.send('Page.getFrameTree');
    const { executionContextId: contextId } = await cdp.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: 'rvu-lens-variant' });
    await cdp.send('Runtime.evaluate', { expression: scripts.get(v.name)!, contextId });
    if (countCalls) await cdp.send('Runtime.evaluate', { expression: '__countDomCalls()', contextId });
    if (profile) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
      await cdp.send('Profiler.start');
    }
    const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
      expression: `__scan(${JSON.stringify(bits)})`,
      contextId,
      returnByValue: true,
      awaitPromise: true,
    });
    if (exceptionDetails) throw new Error(`${v.name}: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    const out = result.value as { busy: number; wall: number; marks: number; maxSlice?: number };
    const res = results.get(v.name)!;
    res.busy.push(out.busy);
    res.wall.push(out.wall);
    let gcText = '';
    if (profile) {
      const { profile: p } = await cdp.send('Profiler.stop');
      const gcIds = new Set(p.nodes.filter((n) => n.callFrame.functionName === '(garbage collector)').map((n) => n.id));
      const gc = (p.samples ?? []).reduce((sum, id, i) => sum + (gcIds.has(id) ? (p.timeDeltas?.[i] ?? 0) / 1000 : 0), 0);
      res.gc.push(gc);
      gcText = `, GC ${gc.toFixed(0)}`;
      if (process.env.TOP) {
        const self = new Map<string, number>();
        const byId = new Map(p.nodes.map((n) => [n.id, n]));
        (p.samples ?? []).forEach((id, i) => {
          const f = byId.get(id)!.callFrame;
          const k = `${f.functionName || '(anon)'}:${f.lineNumber}`;
          self.set(k, (self.get(k) ?? 0) + (p.timeDeltas?.[i] ?? 0) / 1000);
        });
        console.log([...self].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP)).map(([k, t]) => `  ${t.toFixed(1).padStart(7)} ms ${k}`).join('\n'));
      }
    }
    if (countCalls) {
      const { result: c } = await cdp.send('Runtime.evaluate', { expression: '__domCalls', contextId, returnByValue: true });
      const calls = Object.entries(c.value as Record<string, number>).sort((a, b) => b[1] - a[1]);
      console.log(`${v.name}: ${calls.reduce((sum, [, n]) => sum + n, 0).toLocaleString('en-US')} DOM calls: ${calls.filter(([, n]) => n >= 1000).map(([k, n]) => `${k} ${n}`).join(', ')}`);
    }
    if (process.env.FLOOR) {
      const floorExpr = `(() => { const t0 = performance.now(); const re = /\\b\\d{4}[0-9FTUM]\\b|\\b[A-V]\\d{4}\\b/g;
        const tw = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = tw.nextNode(); n; n = tw.nextNode()) { const text = n.data; re.lastIndex = 0; while (re.exec(text)); }
        return performance.now() - t0; })()`;
      const pw = (await cdp.send('Runtime.evaluate', { expression: floorExpr, returnByValue: true })).result.value as number;
      const { executionContextId: iso2 } = await cdp.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: 'floor2' });
      const iw = (await cdp.send('Runtime.evaluate', { expression: floorExpr, contextId: iso2, returnByValue: true })).result.value as number;
      console.log(`${v.name}: page floor ${pw.toFixed(0)} ms, isolated floor ${iw.toFixed(0)} ms, busy/page ${(out.busy / pw).toFixed(2)}, busy/iso ${(out.busy / iw).toFixed(2)}`);
    }
    line.push(`${v.name}: busy ${out.busy.toFixed(0)} ms, wall ${out.wall.toFixed(0)} ms, longest slice ${out.maxSlice?.toFixed(1) ?? '?'} ms${gcText} (${out.marks} marks)`);
    await page.close();
  }
  console.log(line.join('   '));
}
const median = (a: number[]): number => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)] ?? NaN;
for (const v of variants) {
  const res = results.get(v.name)!;
  console.log(`${v.name.padEnd(12)} median busy ${median(res.busy).toFixed(0)} ms, wall ${median(res.wall).toFixed(0)} ms${profile ? `, GC ${median(res.gc).toFixed(0)} ms` : ''}`);
}
await browser.close();
await server.close();
