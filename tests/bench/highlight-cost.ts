/**
 * What one change to a registered highlight costs the page (pre-paint and paint of the next
 * frame), with and without a text decoration in its `::highlight` style, on claim pages of 1,000
 * and 20,000 rows in plain Chromium. Why the marks are a tint (lib/detector/highlighter.ts,
 * HIGHLIGHT_CSS): with a decoration, each change re-validates every text box of the page.
 *
 *   npx tsx tests/bench/highlight-cost.ts
 */
import { chromium, type CDPSession, type Page } from 'playwright-core';
import { CHROMIUM, serveStatic } from '../e2e/fixtures';
import { claimPage } from './pages';
import { startTrace, stopTrace } from './trace';

const server = await serveStatic(undefined, { '/1k.html': () => claimPage(1000), '/20k.html': () => claimPage(20_000) });
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });

/** Pre-paint and paint time (ms) of the frames after `change` runs in the page. */
async function frameCost(page: Page, cdp: CDPSession, change: (n: number) => void, n: number): Promise<[number, number]> {
  await startTrace(cdp, 'devtools.timeline,disabled-by-default-devtools.timeline');
  await page.evaluate(change, n);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 300))));
  const events = await stopTrace(cdp);
  const sum = (name: string) => events.filter((e) => e.name === name).reduce((ms, e) => ms + (e.dur ?? 0) / 1000, 0);
  return [sum('PrePaint'), sum('Paint')];
}

/** Adds a range over the first character of the first cell of `n` rows to highlight `h`. */
function addRanges(n: number): void {
  const h = CSS.highlights.get('h') ?? new Highlight();
  const rows = document.querySelectorAll('tbody tr');
  for (let i = 0; i < n && i < rows.length; i++) {
    const text = rows[i]!.firstElementChild!.firstChild!;
    h.add(new StaticRange({ startContainer: text, startOffset: 0, endContainer: text, endOffset: 1 }));
  }
  CSS.highlights.set('h', h);
}

for (const size of ['1k', '20k']) {
  for (const style of ['background-color:rgba(255,190,0,.4)', 'background-color:rgba(255,190,0,.4);text-decoration:underline dotted 2px #b60']) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}/${size}.html`, { waitUntil: 'load', timeout: 120_000 });
    await page.evaluate((css) => {
      const sheet = document.createElement('style');
      sheet.textContent = `::highlight(h){${css}}`;
      document.head.append(sheet);
    }, style);
    // Let the page's own first paint pass.
    await page.waitForTimeout(size === '20k' ? 5000 : 1000);
    const cdp = await page.context().newCDPSession(page);
    const costs: string[] = [];
    for (let round = 0; round < 3; round++) {
      const [prePaint, paint] = await frameCost(page, cdp, addRanges, 20 * (round + 1));
      costs.push(`pre-paint ${prePaint.toFixed(1)} ms, paint ${paint.toFixed(1)} ms`);
    }
    console.log(`${size} rows, ${style.includes('decoration') ? 'with' : 'without'} a decoration: ${costs.join('; ')}`);
    await page.close();
  }
}
await browser.close();
await server.close();
