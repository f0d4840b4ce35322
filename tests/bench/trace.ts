/** Chrome traces for the bench's diagnostic tools (trace-load.ts, highlight-cost.ts). */
import type { CDPSession } from 'playwright-core';

export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { url?: string }; value?: { reason?: string; old_gen_consumed_bytes?: number; old_gen_allocation_limit?: number } };
}

/** Starts tracing `categories` (comma-separated) on the page of `cdp`. */
export async function startTrace(cdp: CDPSession, categories: string): Promise<void> {
  await cdp.send('Tracing.start', { categories, transferMode: 'ReturnAsStream' });
}

/** Ends the trace and returns its events (read from the browser's stream). */
export async function stopTrace(cdp: CDPSession): Promise<TraceEvent[]> {
  const complete = new Promise<{ stream?: string }>((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.end');
  const { stream } = await complete;
  if (!stream) throw new Error('the trace came without a stream');
  let text = '';
  for (;;) {
    const chunk = await cdp.send('IO.read', { handle: stream });
    text += chunk.data;
    if (chunk.eof) break;
  }
  await cdp.send('IO.close', { handle: stream });
  const parsed = JSON.parse(text) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  return Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
}
