/**
 * Does the extension's heap grow with DOM churn, or level off? Loads the 20k-row claim page with
 * the built extension and, as a control, in a plain browser; then runs BLOCKS blocks of the
 * bench's churn (each: 100 rounds of inserting 1,000 rows, waiting 20 ms, removing them, waiting
 * 20 ms) and prints JSHeapUsedSize after forced GC before the first block and after each one.
 * A leak shows as a heap that keeps rising block after block; `npm run bench` runs one block.
 *
 * Run: npx tsx tests/bench/churn-growth.ts [rows]   (BLOCKS=4 by default; needs `npm run build`)
 */
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM, assertBuilt, launchWithExtension, serveStatic, waitForSeed } from '../e2e/fixtures';
import { heapAfterGc } from './heap';
import { claimPage } from './pages';

const rows = Number(process.argv[2] ?? 20000);
const blocks = Math.max(1, Number(process.env.BLOCKS ?? 4));
assertBuilt();

/** One block of the bench's churn (tests/bench/run.ts memoryRun). */
async function churn(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const tbody = document.getElementById('rows')!;
    const proto = [...tbody.children].slice(0, 1000).map((r) => r.cloneNode(true) as HTMLElement);
    const t0 = performance.now();
    for (let k = 0; k < 100; k++) {
      const added: Element[] = [];
      for (const r of proto) added.push(tbody.appendChild(r.cloneNode(true) as Element));
      await new Promise((r) => setTimeout(r, 20));
      for (const r of added) r.remove();
      await new Promise((r) => setTimeout(r, 20));
    }
    return performance.now() - t0;
  });
}

async function series(page: Page, label: string, settle: () => Promise<void>): Promise<number[]> {
  await settle();
  const heap = [await heapAfterGc(page)];
  for (let b = 0; b < blocks; b++) {
    const ms = await churn(page);
    await settle();
    heap.push(await heapAfterGc(page));
    console.log(`${label}: block ${b + 1} in ${(ms / 1000).toFixed(1)} s, heap after GC ${heap.at(-1)!.toFixed(2)} MB`);
  }
  return heap;
}

const server = await serveStatic(undefined, { '/claims.html': () => claimPage(rows) });
const url = `${server.url}/claims.html`;

const ext = await launchWithExtension();
await waitForSeed(ext.worker);
const page = await ext.context.newPage();
await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
// The scan of the page, then the marks of the churn's last removal pruned (timers of ≤ 1.5 s).
const withExt = await series(page, 'with extension', () => page.waitForTimeout(4000));
await ext.close();

const plainBrowser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
const plainPage = await (await plainBrowser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
await plainPage.goto(url, { waitUntil: 'load', timeout: 120_000 });
const without = await series(plainPage, 'without', () => plainPage.waitForTimeout(4000));
await plainBrowser.close();
await server.close();

const fmt = (a: number[]) => a.map((x) => x.toFixed(2)).join(' → ');
console.log(`heap after GC, before and after each of ${blocks} churn blocks (MB):`);
console.log(`  with extension ${fmt(withExt)}`);
console.log(`  without        ${fmt(without)}`);
console.log(`  extension's share ${fmt(withExt.map((x, i) => x - without[i]!))}`);
