/**
 * Commands the background and the popup send to a tab's content script (keyboard shortcuts,
 * context menu, data changes, the page summary), and the page-codes report a frame other than
 * the top one sends back to the popup. Pure; importable from any context.
 */
/**
 * `scan-progress`: `[marks, ms, longest, longestAt]`, how many codes the top frame has marked so
 * far, the milliseconds its scanner has spent in its slices, the longest slice and when it began
 * (the page's performance.now(); a cheap progress probe the bench reads).
 */
export type TabCommandName = 'next-code' | 'previous-code' | 'lookup-selection' | 'refresh' | 'page-codes' | 'scan-progress' | 'reveal';

/**
 * The answer to 'page-codes': every marked code of the frame, in document order. The top frame
 * answers and says how many child frames it holds (`frames`); a tab gives one answer per
 * message, so each other frame sends its own as {@link FrameCodes} to the extension's pages.
 */
export interface PageCodes {
  marks: Array<{ code: string; modifiers: string[]; units: number | null }>;
  url: string;
  frames?: number;
}

/** What a frame other than the top one sends (runtime message) on 'page-codes'. */
export interface FrameCodes extends PageCodes {
  rvuLensFrameCodes: 1;
}

/** More marks than any page holds: a report over this is not read. */
const MAX_FRAME_MARKS = 200_000;

const isMark = (x: unknown): boolean => {
  if (typeof x !== 'object' || x === null) return false;
  const m = x as { code?: unknown; modifiers?: unknown; units?: unknown };
  return (
    typeof m.code === 'string' &&
    m.code.length <= 16 &&
    Array.isArray(m.modifiers) &&
    m.modifiers.length <= 8 &&
    m.modifiers.every((d) => typeof d === 'string' && d.length <= 8) &&
    (m.units === null || (typeof m.units === 'number' && Number.isFinite(m.units)))
  );
};

/** A well-formed {@link FrameCodes} (the popup reads nothing else). */
export function isFrameCodes(m: unknown): m is FrameCodes {
  if (typeof m !== 'object' || m === null) return false;
  const f = m as Partial<FrameCodes>;
  return f.rvuLensFrameCodes === 1 && typeof f.url === 'string' && Array.isArray(f.marks) && f.marks.length <= MAX_FRAME_MARKS && f.marks.every(isMark);
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
