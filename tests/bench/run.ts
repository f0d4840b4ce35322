/**
 * `npm run bench`: speed, memory and size figures of the built extension in real Chromium, each
 * next to a baseline measured in the same run on the same page, as medians of several runs.
 * Writes tests/artifacts/bench.json and a README section draft (tests/artifacts/bench-readme.md).
 *
 * Method (fair by construction):
 * - Two browsers side by side: one with the extension (persistent profile, as users run it) and
 *   a plain one without it. Both get the same init script (long-task observer and a 25 ms poller of
 *   the `rvu-lens-code` highlight size), so any overhead of the instruments is on both sides.
 * - Scan: "settled" = time (from navigation start) of the last change of the highlight size, the
 *   size then unchanged for 700 ms. Wall time after DOMContentLoaded (the content script runs at
 *   document_idle) and the extension's main-thread time (CPU profiler samples with an extension
 *   frame on the stack; ScriptDuration misses code resumed from microtasks) are both reported.
 *   Baselines run in the plain browser, on a freshly loaded copy of the same page, timed in-page:
 *   (a) floor: one TreeWalker over every text node + one regex (also run in an isolated world, as
 *   a content script runs, and under the CPU profiler, to set beside the profiled figure);
 *   (b) the common approach: the same walk wrapping each match in a <span> (DOM rewriting),
 *   including the forced layout it causes.
 * - Idle: the same long pages without codes in both browsers; added main-thread time = difference.
 * - Memory: JSHeapUsedSize after HeapProfiler.collectGarbage. Content scripts share the page's V8
 *   isolate, so "with minus without" on the same page is the extension's share.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { ARTIFACTS, CHROMIUM, EXTENSION_DIR, ROOT, assertBuilt, launchWithExtension, serveStatic, waitForSeed, type ExtensionSession } from '../e2e/fixtures';
import { heapAfterGc } from './heap';
import { articlePage, claimPage, numbersPage } from './pages';

const RUNS = Math.max(1, Math.min(7, Number(process.env.BENCH_RUNS ?? 3)));
const SIZES = [1000, 5000, 20000];
const DWELL_MS = 250; // lib/detector/hover.ts
const HOVERS = 20;

// (Before anything is measured: a build without its dataset would only time out at seeding.)
try {
  assertBuilt();
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}

// ---------- statistics ----------
const median = (a: number[]) => {
  const s = [...a].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length ? (s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2) : NaN;
};
const pct = (a: number[], p: number) => {
  const s = [...a].sort((x, y) => x - y);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : NaN;
};
const r1 = (n: number) => Math.round(n * 10) / 10;
const ratio = (a: number, b: number) => (b > 0 ? r1(a / b) : NaN);
const log = (s: string) => console.log(`[bench] ${s}`);

/** tsx (esbuild keepNames) wraps named inner functions in `__name(...)`; give pages a no-op one. */
const NAME_SHIM = { content: 'window.__name = window.__name || ((f) => f);' };

// ---------- in-page instruments (installed in both browsers) ----------
function instruments(): void {
  const w = window as unknown as { __bench: { longTasks: Array<{ start: number; duration: number }>; marks: number; lastChange: number; firstMark: number } };
  w.__bench = { longTasks: [], marks: -1, lastChange: 0, firstMark: 0 };
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__bench.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    /* no longtask support */
  }
  setInterval(() => {
    const n = CSS.highlights.get('rvu-lens-code')?.size ?? -1;
    if (n !== w.__bench.marks) {
      if (n > 0 && w.__bench.marks <= 0) w.__bench.firstMark = performance.now();
      w.__bench.marks = n;
      w.__bench.lastChange = performance.now();
    }
  }, 25);
}

interface PageRun {
  settledMs: number; // navigation start → last highlight change
  afterDclMs: number; // DOMContentLoaded end → last change
  dclMs: number;
  marks: number;
  longestTaskMs: number;
  longTaskTotalMs: number;
  /** CPU-profile time with an extension frame on the stack (its own code and the DOM calls it makes). */
  extMs: number;
  /** Long tasks (≥ 50 ms) overlapping the time from the content script's first answer to settled. */
  scanLongestTaskMs: number;
  /** The scanner's own clock: milliseconds spent in its slices (wall clock, GC inside them included). */
  sliceMs: number;
  /** The longest of those slices: the longest task that is the scanner's own. */
  longestSliceMs: number;
  /** When it began (page clock), and the longest long task the page's observer saw overlapping it (0: none). */
  longestSliceAt: number;
  longestSliceTaskMs: number;
  /** Every long task the page's observer saw during the load (page clock), for the record. */
  longTasks: Array<{ start: number; duration: number }>;
}

/** Time attributed to extension code in a CPU profile: inclusive of the native (DOM) calls it makes. */
function extensionTime(profile: { nodes: Array<{ id: number; callFrame: { url: string; functionName: string }; children?: number[] }>; samples?: number[]; timeDeltas?: number[] }): number {
  const parent = new Map<number, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const isExt = new Map<number, boolean>();
  const ext = (id: number): boolean => {
    let v = isExt.get(id);
    if (v === undefined) {
      const n = byId.get(id);
      const p = parent.get(id);
      v = !!n && (n.callFrame.url.startsWith('chrome-extension://') || (p !== undefined && ext(p)));
      isExt.set(id, v);
    }
    return v;
  };
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let total = 0;
  // A sample's time is the gap to the next sample.
  for (let i = 0; i < samples.length; i++) if (ext(samples[i]!)) total += (deltas[i + 1] ?? 0) / 1000;
  return total;
}

/** Load a page and wait until the highlight size has been stable for `quietMs` (or, without the extension, just quiet). */
/**
 * `profile`: run the CPU profiler (for the extension's main-thread time). It slows what it
 * measures (code compiled while it runs most), so long tasks and wall times come from runs without it.
 */
async function loadAndSettle(ctx: BrowserContext, url: string, withExtension: boolean, quietMs = 700, timeoutMs = 120_000, expectMarks = 1, profile = false): Promise<{ page: Page; run: PageRun }> {
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  if (profile) {
    // 1 kHz sampling: the profiler's own overhead is a few percent.
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
    await cdp.send('Profiler.start');
  }
  await page.goto(url, { waitUntil: 'load', timeout: timeoutMs });
  const t0 = Date.now();
  // Every mark, asked of the content script through the service worker: on big pages the
  // highlight registry holds only the marks near the viewport (lib/detector/viewport.ts).
  let sliceMs = NaN;
  let longestSliceMs = NaN;
  let longestSliceAt = NaN;
  const totalMarks = async (): Promise<number> => {
    const r =
      (await ext?.worker
        .evaluate(async () => {
          // No "tabs" permission, so no query by URL: the page under test is the active tab.
          const [tab] = await chrome.tabs.query({ active: true });
          if (!tab?.id) return null;
          return (await chrome.tabs.sendMessage(tab.id, { rvuLensCommand: 1, command: 'scan-progress' }, { frameId: 0 }).catch(() => null)) as [number, number, number, number] | null;
        })
        .catch(() => null)) ?? null;
    if (!Array.isArray(r)) return -1;
    sliceMs = r[1];
    longestSliceMs = r[2];
    longestSliceAt = r[3];
    return r[0];
  };
  let total = -1;
  let lastChange = 0;
  let lastChangeAt = Date.now();
  let firstAnswer = NaN; // page clock: the content script is running
  for (;;) {
    if (!withExtension) {
      if (Date.now() - t0 > quietMs) break;
      await page.waitForTimeout(50);
      continue;
    }
    const n = await totalMarks();
    if (n >= 0 && Number.isNaN(firstAnswer)) firstAnswer = await page.evaluate(() => performance.now());
    if (n !== total) {
      total = n;
      lastChangeAt = Date.now();
      lastChange = await page.evaluate(() => performance.now());
    }
    const since = Date.now() - lastChangeAt;
    // Settled = enough marks and quiet for `quietMs`, or no change at all for 8 s.
    if (total >= expectMarks && since >= quietMs) break;
    if (total > 0 && since >= 8000) break;
    if (Date.now() - t0 > timeoutMs) {
      log(`timeout waiting for marks on ${url} (marks ${total})`);
      break;
    }
    // The count is one number from the content script: poll at 4 Hz (settled times are ±0.25 s).
    await page.waitForTimeout(250);
  }
  const extMs = profile ? extensionTime((await cdp.send('Profiler.stop')).profile) : NaN;
  await cdp.detach();
  const info = await page.evaluate(
    ([from, to, sliceAt, sliceMs]) => {
      const b = (window as unknown as { __bench: { longTasks: Array<{ start: number; duration: number }>; marks: number; lastChange: number } }).__bench;
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const dcl = nav.domContentLoadedEventEnd;
      const lts = b.longTasks.filter((t) => t.start >= dcl);
      const scan = b.longTasks.filter((t) => t.start + t.duration >= from && t.start <= to);
      // The long tasks around the scanner's longest slice: its task, if the observer saw one.
      const around = b.longTasks.filter((t) => t.start <= sliceAt + sliceMs && t.start + t.duration >= sliceAt);
      return { dcl, marks: b.marks, longest: Math.max(0, ...lts.map((t) => t.duration)), total: lts.reduce((s, t) => s + t.duration, 0), scanLongest: Math.max(0, ...scan.map((t) => t.duration)), sliceTask: Math.max(0, ...around.map((t) => t.duration)), all: b.longTasks };
    },
    [firstAnswer, lastChange, longestSliceAt, longestSliceMs] as const,
  );
  return {
    page,
    run: {
      settledMs: withExtension ? lastChange : NaN,
      afterDclMs: withExtension ? lastChange - info.dcl : NaN,
      dclMs: info.dcl,
      marks: withExtension ? total : info.marks,
      longestTaskMs: info.longest,
      longTaskTotalMs: info.total,
      extMs,
      scanLongestTaskMs: withExtension ? info.scanLongest : NaN,
      sliceMs: withExtension ? sliceMs : NaN,
      longestSliceMs: withExtension ? longestSliceMs : NaN,
      longestSliceAt: withExtension ? longestSliceAt : NaN,
      longestSliceTaskMs: withExtension ? info.sliceTask : NaN,
      longTasks: info.all.map((t) => ({ start: r1(t.start), duration: r1(t.duration) })),
    },
  };
}

/** Baseline (a): a bare TreeWalker reading every text node and running one regex. */
async function floorScan(page: Page): Promise<{ ms: number; matches: number }> {
  return page.evaluate(() => {
    const t0 = performance.now();
    const re = /\b\d{4}[0-9FTUM]\b|\b[A-V]\d{4}\b/g;
    const tw = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let matches = 0;
    for (let n = tw.nextNode(); n; n = tw.nextNode()) {
      const text = (n as Text).data;
      re.lastIndex = 0;
      while (re.exec(text)) matches++;
    }
    return { ms: performance.now() - t0, matches };
  });
}

/**
 * Baseline (a) under the CPU profiler, as the extension's main-thread time is measured (the
 * profiler slows the code it samples, so the profiled figure is compared with a profiled floor).
 */
async function floorScanProfiled(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
    await cdp.send('Profiler.start');
    const { ms } = await floorScan(page);
    await cdp.send('Profiler.stop');
    return ms;
  } finally {
    await cdp.detach();
  }
}

/**
 * Baseline (a'): the same floor run as a content script runs, in an isolated world of the page
 * (each world has its own script wrappers for DOM nodes, which makes every node a script touches
 * dearer than in the page's own world). Reported beside the main-world floor, not instead of it.
 */
async function floorScanIsolated(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { frameTree } = await cdp.send('Page.getFrameTree');
    const { executionContextId } = await cdp.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: 'bench-floor' });
    const expression = `(() => {
      const t0 = performance.now();
      const re = /\\b\\d{4}[0-9FTUM]\\b|\\b[A-V]\\d{4}\\b/g;
      const tw = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = tw.nextNode(); n; n = tw.nextNode()) { const text = n.data; re.lastIndex = 0; while (re.exec(text)); }
      return performance.now() - t0;
    })()`;
    const { result } = await cdp.send('Runtime.evaluate', { expression, contextId: executionContextId, returnByValue: true });
    return Number(result.value);
  } finally {
    await cdp.detach();
  }
}

/** Baseline (b): the common approach, wrapping each match in a <span>, plus the layout it forces. */
async function spanWrap(page: Page): Promise<{ ms: number; matches: number }> {
  return page.evaluate(() => {
    const t0 = performance.now();
    const re = /\b\d{4}[0-9FTUM]\b|\b[A-V]\d{4}\b/g;
    const tw = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const nodes: Text[] = [];
    for (let n = tw.nextNode(); n; n = tw.nextNode()) nodes.push(n as Text);
    let matches = 0;
    for (const node of nodes) {
      const text = node.data;
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      let last = 0;
      let frag: DocumentFragment | null = null;
      while ((m = re.exec(text))) {
        frag ??= document.createDocumentFragment();
        if (m.index > last) frag.append(text.slice(last, m.index));
        const span = document.createElement('span');
        span.className = 'code-mark';
        span.style.background = '#ffe58a';
        span.textContent = m[0];
        frag.append(span);
        last = m.index + m[0].length;
        matches++;
      }
      if (frag) {
        if (last < text.length) frag.append(text.slice(last));
        node.replaceWith(frag);
      }
    }
    void document.body.offsetHeight; // the relayout a DOM rewrite costs the page
    return { ms: performance.now() - t0, matches };
  });
}

// ---------- main ----------
const started = Date.now();
mkdirSync(ARTIFACTS, { recursive: true });
const pages: Record<string, () => string> = {
  '/article.html': () => articlePage(5000),
  '/numbers.html': () => numbersPage(5000),
};
for (const n of SIZES) pages[`/claims-${n}.html`] = () => claimPage(n);
const cache = new Map<string, string>();
const extra = Object.fromEntries(Object.entries(pages).map(([k, gen]) => [k, () => cache.get(k) ?? (cache.set(k, gen()), cache.get(k)!)]));
const server = await serveStatic(undefined, extra);

const result: Record<string, unknown> = { runs: RUNS, date: new Date().toISOString() };
const table: Array<[string, string, string, string]> = []; // figure, RVU Lens, baseline, ratio

// Seed: fresh profile each time; launch → waitForSeed. The last session stays open for the rest.
log('seed on fresh profiles…');
const seedMs: number[] = [];
const seedLogMs: number[] = [];
let session: ExtensionSession | null = null;
for (let i = 0; i < RUNS; i++) {
  await session?.close();
  const t0 = Date.now();
  session = await launchWithExtension();
  const logged = new Promise<number>((ok) => {
    session!.worker.on('console', (m) => {
      const mm = /seeded .* in (\d+) ms/.exec(m.text());
      if (mm) ok(Number(mm[1]));
    });
    setTimeout(() => ok(NaN), 60_000);
  });
  await waitForSeed(session.worker);
  seedMs.push(Date.now() - t0);
  const l = await Promise.race([logged, new Promise<number>((ok) => setTimeout(() => ok(NaN), 500))]);
  if (Number.isFinite(l)) seedLogMs.push(l);
}
const ext = session!;
const seedInfo = await waitForSeed(ext.worker);
result.seed = { launchToSeededMs: seedMs, medianMs: median(seedMs), workerReportedMs: seedLogMs, rows: seedInfo.pfs, localities: seedInfo.localities, release: seedInfo.release };
table.push(['Seed IndexedDB on a fresh profile (launch → seeded)', `${Math.round(median(seedMs))} ms`, `${seedInfo.pfs} rows, ${seedInfo.localities} localities`, '']);
log(`seed: ${seedMs.join(', ')} ms`);

await ext.context.addInitScript(NAME_SHIM);
await ext.context.addInitScript(instruments);
const plainBrowser: Browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
const plain = await plainBrowser.newContext({ viewport: { width: 1280, height: 900 } });
await plain.addInitScript(NAME_SHIM);
await plain.addInitScript(instruments);

// Memory helpers: heap after GC on the settled page, then after DOM churn (100× insert/remove 1,000 rows).
const MEMORY_ROWS = 20000;
const mem = { e: [] as number[], p: [] as number[], ec: [] as number[], pc: [] as number[], churnWith: [] as Array<{ rounds: number; ms: number }>, churnWithout: [] as Array<{ rounds: number; ms: number }> };
async function memoryRun(page: Page, withExtension: boolean): Promise<void> {
  (withExtension ? mem.e : mem.p).push(await heapAfterGc(page));
  const done = await page.evaluate(async () => {
    const tbody = document.getElementById('rows')!;
    const proto = [...tbody.children].slice(0, 1000).map((r) => r.cloneNode(true) as HTMLElement);
    const t0 = performance.now();
    let k = 0;
    // 100 rounds, or as many as fit in 60 s (a busy main thread stretches the 20 ms waits).
    for (; k < 100 && performance.now() - t0 < 60_000; k++) {
      const added: Element[] = [];
      for (const r of proto) added.push(tbody.appendChild(r.cloneNode(true) as Element));
      await new Promise((r) => setTimeout(r, 20));
      for (const r of added) r.remove();
      await new Promise((r) => setTimeout(r, 20));
    }
    return { rounds: k, ms: performance.now() - t0 };
  });
  (withExtension ? mem.churnWith : mem.churnWithout).push(done);
  await page.waitForTimeout(2000);
  (withExtension ? mem.ec : mem.pc).push(await heapAfterGc(page));
}

// Scan
const scan: Record<string, unknown> = {};
for (const rows of SIZES) {
  const url = `${server.url}/claims-${rows}.html`;
  const e: PageRun[] = [];
  const p: PageRun[] = [];
  const floor: number[] = [];
  const floorIso: number[] = [];
  const floorProf: number[] = [];
  const wrap: number[] = [];
  let floorMatches = 0;
  for (let i = 0; i < RUNS; i++) {
    // Every row holds one code (E0114 too since the DME schedule is bundled): expect ≥ 95 % of rows marked.
    const a = await loadAndSettle(ext.context, url, true, 700, 120_000, Math.floor(rows * 0.95));
    const profiled = await loadAndSettle(ext.context, url, true, 700, 120_000, Math.floor(rows * 0.95), true);
    await profiled.page.close();
    e.push({ ...a.run, extMs: profiled.run.extMs });
    if (rows === MEMORY_ROWS && i === 0) await memoryRun(a.page, true);
    await a.page.close();
    const b = await loadAndSettle(plain, url, false);
    p.push(b.run);
    if (rows === MEMORY_ROWS && i === 0) {
      await memoryRun(b.page, false);
      await b.page.close();
      b.page = (await loadAndSettle(plain, url, false)).page;
    }
    const f = await floorScan(b.page);
    floor.push(f.ms);
    floorMatches = f.matches;
    await b.page.close();
    const c = await loadAndSettle(plain, url, false);
    wrap.push((await spanWrap(c.page)).ms);
    await c.page.close();
    const d = await loadAndSettle(plain, url, false);
    floorIso.push(await floorScanIsolated(d.page));
    await d.page.close();
    const g = await loadAndSettle(plain, url, false);
    floorProf.push(await floorScanProfiled(g.page));
    await g.page.close();
  }
  const extCpu = median(e.map((r) => r.extMs));
  // (From the loads without the profiler, as the floors.)
  const slices = median(e.map((r) => r.sliceMs));
  const s = {
    marks: median(e.map((r) => r.marks)),
    regexMatches: floorMatches,
    navToSettledMs: median(e.map((r) => r.settledMs)),
    dclToSettledMs: median(e.map((r) => r.afterDclMs)),
    pageDclMs: median(p.map((r) => r.dclMs)),
    extensionMainThreadMs: extCpu,
    scannerSlicesMs: slices,
    longestTaskDuringScanMs: median(e.map((r) => r.scanLongestTaskMs)),
    // Worst loads: any long task overlapping the scan (the page's own included), and the scanner's own longest slice.
    longestTaskDuringScanWorstMs: Math.max(...e.map((r) => r.scanLongestTaskMs)),
    longestSliceWorstMs: Math.max(...e.map((r) => r.longestSliceMs)),
    // The page's long-task observer on that slice: the longest task it saw overlapping it (0: none).
    longestSliceWorstTaskMs: e.reduce((w, r) => (r.longestSliceMs > w.longestSliceMs ? r : w)).longestSliceTaskMs,
    longestTaskMs: { withExtension: median(e.map((r) => r.longestTaskMs)), without: median(p.map((r) => r.longestTaskMs)) },
    longTaskTotalMs: { withExtension: median(e.map((r) => r.longTaskTotalMs)), without: median(p.map((r) => r.longTaskTotalMs)) },
    floorMs: median(floor),
    floorIsolatedWorldMs: median(floorIso),
    floorProfiledMs: median(floorProf),
    spanWrapMs: median(wrap),
    raw: { ext: e, plain: p, floor, floorIso, floorProf, wrap },
  };
  scan[rows] = s;
  log(`scan ${rows}: settled ${Math.round(s.dclToSettledMs)} ms after DCL, ${Math.round(extCpu)} ms extension main thread (own slices ${Math.round(slices)} ms), floor ${r1(s.floorMs)} ms (isolated world ${r1(s.floorIsolatedWorldMs)} ms, profiled ${r1(s.floorProfiledMs)} ms), span-wrap ${r1(s.spanWrapMs)} ms, longest task while scanning ${Math.round(s.longestTaskDuringScanMs)} ms (worst load ${Math.round(s.longestTaskDuringScanWorstMs)} ms), scanner's longest slice ${r1(s.longestSliceWorstMs)} ms (the observer's longest task over it ${r1(s.longestSliceWorstTaskMs)} ms); per load: ${e.map((r) => `${r1(r.longestSliceMs)}/${r1(r.longestSliceTaskMs)}`).join(', ')} ms`);
  table.push([`Scan ${rows.toLocaleString('en-US')} rows: extension main-thread time, CPU profiler (marks: ${s.marks})`, `${Math.round(extCpu)} ms`, `floor under the same profiler ${r1(s.floorProfiledMs)} ms`, `${ratio(extCpu, s.floorProfiledMs)}×`]);
  table.push([`Scan ${rows.toLocaleString('en-US')} rows: the same against the floor and span-wrap without the profiler`, `${Math.round(extCpu)} ms`, `floor ${r1(s.floorMs)} ms / span-wrap ${r1(s.spanWrapMs)} ms`, `${ratio(extCpu, s.floorMs)}× / ${ratio(extCpu, s.spanWrapMs)}×`]);
  table.push([`Scan ${rows.toLocaleString('en-US')} rows: the same against the floor run in a content-script (isolated) world`, `${Math.round(extCpu)} ms`, `floor in an isolated world ${r1(s.floorIsolatedWorldMs)} ms`, `${ratio(extCpu, s.floorIsolatedWorldMs)}×`]);
  table.push([`Scan ${rows.toLocaleString('en-US')} rows: the scanner's own slices (wall clock, no profiler)`, `${Math.round(slices)} ms`, `floor ${r1(s.floorMs)} ms / isolated-world floor ${r1(s.floorIsolatedWorldMs)} ms / span-wrap ${r1(s.spanWrapMs)} ms`, `${ratio(slices, s.floorMs)}× / ${ratio(slices, s.floorIsolatedWorldMs)}× / ${ratio(slices, s.spanWrapMs)}×`]);
  table.push([`Scan ${rows.toLocaleString('en-US')} rows: wall time DOMContentLoaded → marks settled`, `${Math.round(s.dclToSettledMs)} ms`, `page's own DCL ${Math.round(s.pageDclMs)} ms`, `${ratio(s.dclToSettledMs, s.pageDclMs)}×`]);
  table.push([`Scan ${rows.toLocaleString('en-US')} rows: longest task while scanning (median / worst load; any task, the page's own included)`, `${Math.round(s.longestTaskDuringScanMs)} / ${Math.round(s.longestTaskDuringScanWorstMs)} ms`, `longest task after DCL with / without extension ${Math.round(s.longestTaskMs.withExtension)} / ${Math.round(s.longestTaskMs.without)} ms`, '']);
  table.push([`Scan ${rows.toLocaleString('en-US')} rows: the scanner's longest slice, worst load (its longest task)`, `${r1(s.longestSliceWorstMs)} ms`, `a long task is over 50 ms; the page's long-task observer over that slice: ${s.longestSliceWorstTaskMs > 0 ? `${r1(s.longestSliceWorstTaskMs)} ms` : 'none'}`, '']);
}
result.scan = scan;

// Idle cost
const idle: Record<string, unknown> = {};
for (const name of ['article', 'numbers']) {
  const url = `${server.url}/${name}.html`;
  const added: number[] = [];
  const lt: number[] = [];
  const base: number[] = [];
  let marks = 0;
  for (let i = 0; i < RUNS; i++) {
    const a = await loadAndSettle(ext.context, url, true, 2000, 120_000, 0);
    const profiled = await loadAndSettle(ext.context, url, true, 2000, 120_000, 0, true);
    await profiled.page.close();
    const b = await loadAndSettle(plain, url, false, 2000);
    added.push(profiled.run.extMs);
    base.push(await floorScan(b.page).then((f) => f.ms));
    lt.push(a.run.scanLongestTaskMs);
    marks = a.run.marks;
    await a.page.close();
    await b.page.close();
  }
  idle[name] = { extensionMainThreadMs: median(added), floorMs: median(base), longestTaskWhileScanningMs: median(lt), marks, raw: { added, base, lt } };
  log(`idle ${name}: ${Math.round(median(added))} ms extension main thread (floor ${r1(median(base))} ms), marks ${marks}`);
  table.push([`Idle: ${name === 'article' ? '5,000-paragraph article, no digits' : '5,000 paragraphs of non-code numbers'} (marks: ${Math.max(0, marks)})`, `${Math.round(median(added))} ms`, `floor ${r1(median(base))} ms`, `${ratio(median(added), median(base))}×`]);
}
result.idle = idle;

// Hover
{
  const page = (await loadAndSettle(ext.context, `${server.url}/claims-1000.html`, true)).page;
  const times: number[] = [];
  for (let i = 0; i < HOVERS; i++) {
    await page.mouse.move(3, 3);
    await page.locator('rvu-lens-popover').waitFor({ state: 'detached', timeout: 5000 }).catch(() => undefined);
    const pt = await page.evaluate((k) => {
      const marks = [...(CSS.highlights.get('rvu-lens-code') ?? [])];
      const s = marks[(k * 37) % marks.length]!;
      const r = new Range(); // marks are StaticRanges
      r.setStart(s.startContainer, s.startOffset);
      r.setEnd(s.endContainer, s.endOffset);
      r.startContainer.parentElement?.scrollIntoView({ block: 'center' });
      const b = r.getBoundingClientRect();
      return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
    }, i);
    await page.waitForTimeout(150); // let the scroll close anything and settle
    // In-page clock: pointer arrival (last pointermove) → first frame the card is visible.
    const done = page.evaluate(
      () =>
        new Promise<number>((ok) => {
          let arrived = 0;
          addEventListener('pointermove', (e) => (arrived = e.timeStamp), { capture: true });
          const t0 = performance.now();
          const check = () => {
            const card = document.querySelector('rvu-lens-popover')?.shadowRoot?.querySelector('.rl-card') as HTMLElement | null;
            if (card && arrived && card.getBoundingClientRect().height > 0) return ok(performance.now() - arrived);
            if (performance.now() - t0 > 5000) return ok(NaN);
            requestAnimationFrame(check);
          };
          requestAnimationFrame(check);
        }),
    );
    await page.waitForTimeout(30);
    await page.mouse.move(pt.x, pt.y);
    const ms = await done;
    if (Number.isFinite(ms)) times.push(ms - DWELL_MS);
  }
  await page.close();
  result.hover = { dwellMs: DWELL_MS, samples: times, medianMs: median(times), p95Ms: pct(times, 95), hovers: HOVERS };
  log(`hover: median ${r1(median(times))} ms, p95 ${r1(pct(times, 95))} ms beyond the ${DWELL_MS} ms dwell (${times.length}/${HOVERS})`);
  table.push([`Hover → popover visible, beyond the ${DWELL_MS} ms dwell (${times.length} hovers)`, `median ${Math.round(median(times))} ms, p95 ${Math.round(pct(times, 95))} ms`, 'one frame ≈ 16.7 ms', '']);
}

// Memory (measured inside the 20k scan runs above)
{
  const { e, p, ec, pc } = mem;
  result.memory = { page: `${MEMORY_ROWS} rows`, runs: 1, heapMB: { withExtension: median(e), without: median(p) }, afterChurnMB: { withExtension: median(ec), without: median(pc) }, raw: mem };
  log(`memory: ${r1(median(e))} vs ${r1(median(p))} MB; after churn ${r1(median(ec))} vs ${r1(median(pc))} MB`);
  table.push([`JS heap after GC, ${MEMORY_ROWS.toLocaleString('en-US')}-row page`, `${r1(median(e))} MB`, `${r1(median(p))} MB without extension`, `+${r1(median(e) - median(p))} MB`]);
  const cw = mem.churnWith[0], cp = mem.churnWithout[0];
  log(`churn: with extension ${cw?.rounds} rounds in ${Math.round(cw?.ms ?? 0)} ms; without ${cp?.rounds} rounds in ${Math.round(cp?.ms ?? 0)} ms`);
  table.push([`DOM churn: rounds of insert+remove 1,000 rows done (max 100, 60 s cap)`, `${cw?.rounds} rounds in ${r1((cw?.ms ?? 0) / 1000)} s`, `${cp?.rounds} rounds in ${r1((cp?.ms ?? 0) / 1000)} s without extension`, '']);
  table.push(['JS heap after GC, after the churn', `${r1(median(ec))} MB`, `${r1(median(pc))} MB without extension`, `+${r1(median(ec) - median(pc))} MB`]);
}

await plainBrowser.close();
await ext.close();
await server.close();

// Size
{
  const files: Array<{ file: string; raw: number; gzip: number }> = [];
  const walk = (dir: string) => {
    for (const f of readdirSync(dir)) {
      const full = join(dir, f);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(js|css|html|json)$/.test(f)) {
        const buf = readFileSync(full);
        files.push({ file: relative(EXTENSION_DIR, full), raw: buf.length, gzip: gzipSync(buf).length });
      }
    }
  };
  walk(EXTENSION_DIR);
  files.sort((a, b) => a.file.localeCompare(b.file));
  // (kB = 1,000 bytes, as in the 40 kB budget of the content script.)
  const kb = (n: number) => `${r1(n / 1000)} kB`;
  const group = (label: string, test: (f: string) => boolean) => {
    const g = files.filter((f) => test(f.file));
    if (!g.length) return;
    const raw = g.reduce((s, f) => s + f.raw, 0);
    const gz = g.reduce((s, f) => s + f.gzip, 0);
    table.push([`Size: ${label}`, `${kb(raw)} (gzip ${kb(gz)})`, g.map((f) => f.file).join(', ').slice(0, 80), '']);
  };
  // The script that runs on every page, exactly, against its budget (40 kB minified).
  const script = files.find((f) => f.file === 'scanner.js');
  if (script) table.push(['Size: content script, scanner.js in bytes', `${script.raw.toLocaleString('en-US')} bytes`, 'budget 40,000 bytes', `${r1((100 * script.raw) / 40_000)} %`]);
  // The files the manifest injects into every page (the script and the marks' stylesheet).
  const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as { content_scripts?: Array<{ js?: string[]; css?: string[] }> };
  const injected = new Set((manifest.content_scripts ?? []).flatMap((c) => [...(c.js ?? []), ...(c.css ?? [])]));
  group('content script', (f) => injected.has(f));
  group('background', (f) => f === 'background.js');
  group('popup + options + shared chunks', (f) => /^(popup|options)\.html$|^chunks\/|^assets\//.test(f));
  group('dataset.json', (f) => f === 'dataset.json');
  result.size = files;
}

// Search per keystroke (owned by another engineer's tests/bench/search.ts)
{
  const search = resolve(ROOT, 'tests/bench/search.ts');
  if (existsSync(search)) {
    const r = spawnSync('npx', ['tsx', search], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 });
    const out = (r.stdout ?? '').trim();
    const file = resolve(ARTIFACTS, 'bench-search.json');
    type SearchFigures = { overall?: { keystrokes: number; ours: { median: number; p95: number }; fuse: { median: number; p95: number } } };
    const readFigures = (): SearchFigures | null => {
      try {
        return r.status === 0 && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as SearchFigures) : null;
      } catch {
        return null;
      }
    };
    const figures = readFigures();
    result.search = figures ?? { error: `search.ts failed (exit ${r.status})`, stdout: out.slice(-2000), stderr: (r.stderr ?? '').slice(-2000) };
    const o = figures?.overall;
    if (o) table.push([`Search per keystroke (${o.keystrokes} keystrokes)`, `median ${o.ours.median.toFixed(2)} ms, p95 ${o.ours.p95.toFixed(1)} ms`, `plain Fuse.js median ${o.fuse.median.toFixed(1)} ms, p95 ${o.fuse.p95.toFixed(1)} ms`, `${ratio(o.fuse.median, o.ours.median)}× faster (median)`]);
    else table.push(['Search per keystroke', 'search.ts failed: see bench.json', '', '']);
    log(`search: ${JSON.stringify(result.search).slice(0, 300)}`);
  } else {
    result.search = { skipped: 'tests/bench/search.ts does not exist yet' };
    log('search: skipped (tests/bench/search.ts does not exist yet)');
  }
}

// Machine
const cpuModel = (readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)?.[1] ?? cpus()[0]?.model ?? 'unknown').trim();
let chromiumVersion = 'unknown';
try {
  chromiumVersion = execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
} catch {
  /* keep unknown */
}
const nproc = execFileSync('nproc', { encoding: 'utf8' }).trim();
result.machine = { nproc: Number(nproc), cpu: cpuModel, chromium: chromiumVersion, node: process.version, totalSeconds: Math.round((Date.now() - started) / 1000) };

writeFileSync(resolve(ARTIFACTS, 'bench.json'), JSON.stringify(result, null, 2));

const md = [
  '## Performance and size',
  '',
  `Measured by \`npm run bench\` (median of ${RUNS} runs; every baseline measured in the same run on the same page) on ${nproc} cores, ${cpuModel}, ${chromiumVersion}, Node ${process.version}, headless.`,
  '',
  '| Figure | RVU Lens | Baseline | Ratio |',
  '|---|---|---|---|',
  ...table.map((r) => `| ${r.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`),
  '',
  'Scan figures are medians over runs; \"settled\" is the last change of the mark count once ≥ 95 % of rows are marked and the count is quiet for 0.7 s. Scan baselines run in a browser without the extension on a fresh copy of the same page: *floor* is one TreeWalker over every text node with one regex (`/\\b\\d{4}[0-9FTUM]\\b|\\b[A-V]\\d{4}\\b/g`, no context, no lookup, nothing shown); *span-wrap* is the common approach that wraps each match in a `<span>` (DOM rewriting, plus the relayout it forces). RVU Lens\'s main-thread time comes from the CPU profiler (1 kHz sampling) in a separate load of the page with the extension (long tasks and wall times come from a load without the profiler, which slows what it measures): every sample with an extension script on the stack, so it includes the DOM calls and forced layouts our code makes and the code resumed from microtasks (Chrome\'s `ScriptDuration` metric does not count microtask continuations and under-reports it). The profiler slows the code it samples, so that figure is set beside the floor run under the same profiler on a fresh load, as well as beside the floor without it and the floor run in a content-script (isolated) world, where every node touched gets a script wrapper of that world. *Longest task while scanning* is the longest long task (PerformanceObserver) overlapping the time from the content script\'s first answer to settled, whoever ran it; *the scanner\'s longest slice* is the scanner\'s own clock around its longest piece of work between two yields to the page (read from the content script), the longest task that is its own. Memory is `JSHeapUsedSize` after forced GC (content scripts share the page\'s V8 isolate), one run; the churn is capped at 60 s.',
  '',
].join('\n');
writeFileSync(resolve(ARTIFACTS, 'bench-readme.md'), md);

const w0 = Math.max(...table.map((r) => r[0].length));
const w1 = Math.max(...table.map((r) => r[1].length));
console.log('');
for (const r of table) console.log(`${r[0].padEnd(w0)}  ${r[1].padEnd(w1)}  ${r[2]}${r[3] ? `  (${r[3]})` : ''}`);
console.log(`\nmachine: ${nproc} cores, ${cpuModel}, ${chromiumVersion}; ${result.machine && (result.machine as { totalSeconds: number }).totalSeconds} s`);
console.log(`wrote ${relative(ROOT, resolve(ARTIFACTS, 'bench.json'))} and ${relative(ROOT, resolve(ARTIFACTS, 'bench-readme.md'))}`);
