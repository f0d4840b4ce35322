/**
 * What the long tasks of a claim-page load are: traces one load of the generated claim page with
 * the built extension (or without it: EXT=0) and prints, on the page's main thread, every major
 * garbage collection (with V8's reason for starting it) and every task over MIN ms with what ran
 * inside (script, GC steps, style, layout, paint).
 *
 *   npx tsx tests/bench/trace-load.ts            # 20,000 rows, with the extension in .output/
 *   ROWS=5000 EXT=0 MIN=30 WAIT=8000 npx tsx tests/bench/trace-load.ts
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { CHROMIUM, launchWithExtension, serveStatic, waitForSeed } from '../e2e/fixtures';
import { claimPage } from './pages';
import { startTrace, stopTrace } from './trace';

const rows = Number(process.env.ROWS ?? 20_000);
const minMs = Number(process.env.MIN ?? 50);
const withExtension = process.env.EXT !== '0';
const server = await serveStatic(undefined, { '/claims.html': () => claimPage(rows) });
let context: BrowserContext;
let close: () => Promise<void>;
if (withExtension) {
  const s = await launchWithExtension();
  await waitForSeed(s.worker);
  context = s.context;
  close = () => s.close();
} else {
  context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'rvu-trace-')), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: ['--no-sandbox', '--disable-gpu'],
  });
  close = () => context.close();
}
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await startTrace(cdp, 'devtools.timeline,disabled-by-default-devtools.timeline,v8,blink_gc,disabled-by-default-v8.gc');
await page.goto(`${server.url}/claims.html`, { waitUntil: 'load', timeout: 120_000 });
await page.waitForTimeout(Number(process.env.WAIT ?? 8000));
const events = await stopTrace(cdp);
await close();
await server.close();

const mainThreads = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
const main = events.filter((e) => mainThreads.has(`${e.pid}:${e.tid}`));
const start = main.find((e) => e.name === 'CommitLoad')?.ts ?? main[0]?.ts ?? 0;
const at = (ts: number) => `${((ts - start) / 1000).toFixed(0).padStart(6)} ms`;
const MB = (b?: number) => (b === undefined ? '?' : (b / 1e6).toFixed(1));
console.log(`${rows.toLocaleString('en-US')} rows, ${withExtension ? 'with' : 'without'} the extension`);
for (const e of main) {
  if (e.name === 'V8.GCIncrementalMarkingStart') {
    const v = e.args?.value;
    console.log(`${at(e.ts)}  major GC starts: ${v?.reason ?? '?'} (old generation ${MB(v?.old_gen_consumed_bytes)} of ${MB(v?.old_gen_allocation_limit)} MB)`);
  }
}
const SHOWN = /^(FunctionCall|EvaluateScript|RunMicrotasks|V8\.GCIncrementalMarking|MajorGC|MinorGC|Layout|UpdateLayoutTree|PrePaint|Paint|ParseHTML)$/;
for (const t of main.filter((e) => e.name === 'RunTask' && (e.dur ?? 0) > minMs * 1000)) {
  const end = t.ts + (t.dur ?? 0);
  const parts = new Map<string, number>();
  for (const e of main) {
    if (e === t || e.ph !== 'X' || e.ts < t.ts || e.ts + (e.dur ?? 0) > end || !SHOWN.test(e.name)) continue;
    const url = e.args?.data?.url;
    const key = url ? `${e.name} ${url.split('/').pop()}` : e.name;
    parts.set(key, (parts.get(key) ?? 0) + (e.dur ?? 0) / 1000);
  }
  const inside = [...parts].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, ms]) => `${k} ${ms.toFixed(0)}`);
  console.log(`${at(t.ts)}  task ${((t.dur ?? 0) / 1000).toFixed(0)} ms: ${inside.join(' | ')}`);
}
