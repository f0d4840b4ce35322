/**
 * Reliability and security in real Chromium with the built extension: hostile pages (errors,
 * frozen prototypes, overridden DOM methods, mutation floods, a page that wipes the highlight
 * registry), a mutation storm compared with a control browser WITHOUT the extension, no network
 * traffic beyond 127.0.0.1 and the extension's own files, and no way for a page to message us.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, launchWithExtension, serveStatic, waitForSeed, type ExtensionSession, settle } from './fixtures';

let session: ExtensionSession;
let server: Awaited<ReturnType<typeof serveStatic>>;
const requests: string[] = [];
const extensionMentions = /rvu[- ]?lens|chrome-extension:|extension/i;

/** Long tasks seen by the page (the observer is installed before any page script runs). */
function installLongTaskObserver(): void {
  const w = window as unknown as { __longTasks: Array<{ start: number; duration: number }> };
  w.__longTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // longtask not supported: the arrays stay empty
  }
}

beforeAll(async () => {
  server = await serveStatic();
  session = await launchWithExtension();
  session.context.on('request', (r) => requests.push(r.url()));
  session.worker.on('console', () => undefined);
  await waitForSeed(session.worker);
  await session.context.addInitScript(installLongTaskObserver);
});
afterAll(async () => {
  await session?.close();
  await server?.close();
});

interface Watched {
  page: Page;
  pageErrors: string[];
  consoleErrors: string[];
}

async function open(ctx: BrowserContext, path: string): Promise<Watched> {
  const page = await ctx.newPage();
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(`${e.message}\n${e.stack ?? ''}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') consoleErrors.push(`${m.text()} @ ${m.location().url}`);
  });
  await page.goto(`${server.url}/${path}`);
  return { page, pageErrors, consoleErrors };
}

const markCount = (page: Page) => page.evaluate(() => CSS.highlights.get('rvu-lens-code')?.size ?? -1);

const markedCodes = (page: Page) =>
  page.evaluate(() => [...(CSS.highlights.get('rvu-lens-code') ?? [])].map((r) => (r.startContainer as Text).data.slice(r.startOffset, r.endOffset).toUpperCase()));

function assertNothingFromUs(w: Watched): void {
  // The hostile page throws on purpose; every page error must be its own.
  for (const e of w.pageErrors) expect(e, 'a page error not thrown by the page itself').toMatch(/hostile-page/);
  expect(w.pageErrors.filter((e) => extensionMentions.test(e))).toEqual([]);
  expect(w.consoleErrors.filter((e) => extensionMentions.test(e))).toEqual([]);
}

async function ticking(page: Page, expr: string): Promise<boolean> {
  const a = (await page.evaluate(expr)) as number;
  await page.waitForTimeout(400);
  const b = (await page.evaluate(expr)) as number;
  return b > a;
}

describe('hostile pages', () => {
  it('errors, frozen prototypes, overridden DOM methods and a mutation flood: codes marked, page keeps working, nothing thrown by us', async () => {
    const w = await open(session.context, 'hostile/hostile.html');
    await settle(w.page);
    const codes = await markedCodes(w.page);
    for (const c of ['99214', '93000', '36415', '88305', 'G0438', 'J3301']) expect(codes, c).toContain(c);
    expect(await ticking(w.page, 'window.__hostile.ticks')).toBe(true);
    expect(await ticking(w.page, 'window.__hostile.mutations')).toBe(true);
    // The page's own errors did reach Playwright (so the collection works) ...
    expect(w.pageErrors.some((e) => /hostile-page: timer error/.test(e))).toBe(true);
    // ... and none of them or any console error is ours.
    assertNothingFromUs(w);
    // The main-world overrides never saw a call from the content script (isolated world).
    const h = (await w.page.evaluate('window.__hostile')) as { rectsCalls: number; walkerCalls: number };
    expect(h.walkerCalls).toBe(0);
    expect(h.rectsCalls).toBe(0);
    await w.page.close();
  });

  it('a page that wipes CSS.highlights and adoptedStyleSheets: no error from us, page keeps working; recovery is reported', async () => {
    const w = await open(session.context, 'hostile/highlights-clear.html');
    expect(await settle(w.page)).toBeGreaterThanOrEqual(3);
    await w.page.evaluate('window.wipe()');
    await w.page.evaluate('window.addRow("93000")');
    await w.page.waitForTimeout(1200);
    const after = await markCount(w.page);
    const sheets = await w.page.evaluate(() => document.adoptedStyleSheets.length);
    // Shared state the page controls: we cannot prevent it. Log what happens so it stays visible.
    console.log(`highlights-clear: after the page wiped the registry, rvu-lens-code has ${after} ranges; adopted sheets: ${sheets}`);
    expect(await ticking(w.page, 'window.__ticks')).toBe(true);
    assertNothingFromUs(w);
    await w.page.close();
  });
});

interface StormResult {
  mutations: number;
  longTasks: number[];
  heapMB: number;
  rows: number;
  markedRows: number;
}

async function runStorm(ctx: BrowserContext, withExtension: boolean): Promise<StormResult> {
  const w = await open(ctx, 'hostile/storm.html');
  if (withExtension) await settle(w.page);
  else await w.page.waitForTimeout(600);
  const since = await w.page.evaluate(() => performance.now());
  const mutations = (await w.page.evaluate('window.storm(4000)')) as number;
  const longTasks = await w.page.evaluate(
    (t) => (window as unknown as { __longTasks: Array<{ start: number; duration: number }> }).__longTasks.filter((e) => e.start >= t).map((e) => Math.round(e.duration)),
    since,
  );
  const count = () =>
    w.page.evaluate(() => {
    const cells = [...document.querySelectorAll('#rows td.code')].map((td) => td.firstChild).filter((n): n is Text => n instanceof Text);
    const marked = new Set<Node>();
    for (const r of CSS.highlights.get('rvu-lens-code') ?? []) marked.add((r as Range).startContainer);
    return { rows: cells.length, markedRows: cells.filter((c) => marked.has(c)).length };
  });
  if (withExtension) {
    await settle(w.page, 800);
    // The scan catches up in idle time after the storm: allow a loaded machine up to 10 s.
    for (const t0 = Date.now(); Date.now() - t0 < 10_000; await w.page.waitForTimeout(200)) {
      const c = await count();
      if (c.markedRows >= c.rows) break;
    }
  }
  const { rows, markedRows } = await count();
  const cdp = await ctx.newCDPSession(w.page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
  expect(await ticking(w.page, 'window.__ticks')).toBe(true);
  assertNothingFromUs(w);
  await w.page.close();
  return { mutations, longTasks, heapMB: heap / 2 ** 20, rows, markedRows };
}

describe('mutation storm', () => {
  let control: Browser | undefined;
  afterAll(async () => {
    await control?.close();
  });

  it('thousands of mutations per second for 4 s: rows present at the end are marked, heap bounded vs a control browser', async () => {
    const ext = await runStorm(session.context, true);
    control = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'] });
    const ctrlCtx = await control.newContext({ viewport: { width: 1280, height: 900 } });
    await ctrlCtx.addInitScript(installLongTaskObserver);
    const ctrl = await runStorm(ctrlCtx, false);
    const sum = (a: number[]) => a.reduce((s, x) => s + x, 0);
    const line = (r: StormResult) =>
      `${r.mutations} mutations (${Math.round(r.mutations / 4)}/s), long tasks ${r.longTasks.length} (max ${Math.max(0, ...r.longTasks)} ms, total ${sum(r.longTasks)} ms), heap after GC ${r.heapMB.toFixed(1)} MB`;
    console.log(`storm with extension: ${line(ext)}; rows marked ${ext.markedRows}/${ext.rows}`);
    console.log(`storm control (no extension): ${line(ctrl)}`);
    expect(ext.mutations).toBeGreaterThan(4000);
    expect(ext.rows).toBeGreaterThan(200);
    expect(ext.markedRows).toBe(ext.rows);
    expect(ext.heapMB).toBeLessThan(ctrl.heapMB * 3 + 20);
    // Long tasks on a 2-core machine are noisy; a hard per-task limit is not robust here, so the
    // numbers above are printed and only a gross regression fails: no single task over 500 ms.
    expect(Math.max(0, ...ext.longTasks)).toBeLessThan(500);
  });
});

describe('privacy and messaging', () => {
  it('a web page cannot message the extension (no externally_connectable)', async () => {
    const w = await open(session.context, 'charge-screen.html');
    const result = await w.page.evaluate(async (id) => {
      const c = (globalThis as unknown as { chrome?: { runtime?: { sendMessage?: (...a: unknown[]) => unknown } } }).chrome;
      if (!c?.runtime?.sendMessage) return 'no-api';
      try {
        await new Promise((ok, ko) => {
          try {
            const p = c.runtime!.sendMessage!(id, { rvuLens: 1, type: 'resetToBundled' }, (r: unknown) => ok(r));
            if (p && typeof (p as Promise<unknown>).then === 'function') (p as Promise<unknown>).then(ok, ko);
          } catch (e) {
            ko(e);
          }
        });
        return 'delivered';
      } catch {
        return 'rejected';
      }
    }, session.extensionId);
    expect(['no-api', 'rejected']).toContain(result);
    await w.page.close();
  });

  it('browsing fixture pages: every request (pages and service worker) stays on 127.0.0.1 or the extension', async () => {
    for (const name of ['charge-screen.html', 'remittance.html', 'operative-note.html', 'shadow-iframe.html']) {
      const w = await open(session.context, name);
      await settle(w.page);
      await w.page.close();
    }
    // Prove the collector sees the service worker's requests: make one from the worker.
    await session.worker.evaluate(async () => {
      await fetch(chrome.runtime.getURL('/manifest.json'));
    });
    await new Promise((r) => setTimeout(r, 300));
    const sawWorker = requests.some((u) => u.startsWith(`chrome-extension://${session.extensionId}/manifest.json`));
    if (!sawWorker) console.log('note: service-worker requests are not reported by this Playwright/Chromium; page requests only');
    const outside = requests.filter((u) => !u.startsWith(`${server.url}/`) && !u.startsWith('chrome-extension://') && !u.startsWith('data:') && !u.startsWith('about:'));
    expect(outside).toEqual([]);
    expect(requests.length).toBeGreaterThan(4);
  });
});
