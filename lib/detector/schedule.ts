/**
 * Cooperative scheduling for page work: run in slices of at most `budgetMs`, yielding to the page
 * between slices (a macrotask queued behind the page's own), so no task of ours blocks the page
 * for long. Content-script only; pure apart from the timers it is given.
 */

export interface Clock {
  now(): number;
}

export const SLICE_BUDGET_MS = 8;

/**
 * Give the page a turn: the next slice is a task queued behind the page's own (input and
 * rendering go first). Not `scheduler.yield()`: its continuation jumps the queue, which is less
 * polite to the page, and the 20k-row scan measured ~15 % more main-thread time with it
 * (alternating runs; likely the browser's own between-task work, such as GC, then falling inside
 * our slices).
 */
export function yieldToPage(win: Window & typeof globalThis = window): Promise<void> {
  return new Promise((resolve) => {
    const ch = new win.MessageChannel();
    ch.port1.onmessage = () => resolve();
    ch.port2.postMessage(0);
  });
}

/** Run `fn` when the page is idle (or after `timeoutMs` at the latest). */
export function whenIdle(fn: () => void, win: Window & typeof globalThis = window, timeoutMs = 300): () => void {
  if (typeof win.requestIdleCallback === 'function') {
    const id = win.requestIdleCallback(fn, { timeout: timeoutMs });
    return () => win.cancelIdleCallback(id);
  }
  const id = win.setTimeout(fn, 16);
  return () => win.clearTimeout(id);
}
