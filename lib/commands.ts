/**
 * Commands the background sends to a tab's content script (keyboard shortcuts, context menu,
 * data changes). Pure; importable from any context.
 */
/**
 * `scan-progress`: `[marks, ms, longest, longestAt]`, how many codes the top frame has marked so
 * far, the milliseconds its scanner has spent in its slices, the longest slice and when it began
 * (the page's performance.now(); a cheap progress probe the bench reads).
 */
export type TabCommandName = 'next-code' | 'previous-code' | 'lookup-selection' | 'refresh' | 'page-codes' | 'scan-progress' | 'reveal';

/** The answer to 'page-codes': every marked code of the frame, in document order. */
export interface PageCodes {
  marks: Array<{ code: string; modifiers: string[]; units: number | null }>;
  url: string;
}

export interface TabCommand {
  rvuLensCommand: 1;
  command: TabCommandName;
  /** Selected text, for lookup-selection from the context menu; the summary key ("99213-25") for reveal. */
  text?: string;
  /** For reveal: which occurrence of the key (0-based; default: the next one after the current). */
  index?: number;
}

const NAMES = new Set<string>(['next-code', 'previous-code', 'lookup-selection', 'refresh', 'page-codes', 'scan-progress', 'reveal']);

export function isTabCommand(m: unknown): m is TabCommand {
  if (typeof m !== 'object' || m === null) return false;
  const c = m as Partial<TabCommand>;
  return (
    c.rvuLensCommand === 1 &&
    typeof c.command === 'string' &&
    NAMES.has(c.command) &&
    (c.text === undefined || (typeof c.text === 'string' && c.text.length <= 1000)) &&
    (c.index === undefined || (Number.isInteger(c.index) && c.index >= 0))
  );
}

export function tabCommand(command: TabCommandName, text?: string, index?: number): TabCommand {
  return { rvuLensCommand: 1, command, ...(text === undefined ? {} : { text }), ...(index === undefined ? {} : { index }) };
}
