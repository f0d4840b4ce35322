/**
 * The page's JS heap after forced garbage collection, in MB (`JSHeapUsedSize`). Content scripts
 * share the page's V8 isolate, so "with minus without the extension" on the same page is the
 * extension's share. Used by `npm run bench` and churn-growth.ts.
 */
import type { Page } from 'playwright-core';

export async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  await cdp.detach();
  return (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 2 ** 20;
}
