/**
 * Cooperative scheduling for page work: run in slices of at most `budgetMs`, yielding to the page
 * between slices (scheduler.yield where available, else a macrotask), so no task of ours blocks
 * the page for long. Content-script only; pure apart from the timers it is given.
 */

export interface Clock {
  now(): number;
}

export const SLICE_BUDGET_MS = 8;

type SchedulerLike = { yield?: () => Promise<void> };

/** Give the page a turn: input, rendering and its own tasks run before we continue. */
export function yieldToPage(win: Window & typeof globalThis = window): Promise<void> {
  const s = (win as unknown as { scheduler?: SchedulerLike }).scheduler;
  if (s?.yield) return s.yield();
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
