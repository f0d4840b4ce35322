/**
 * Commands the background sends to a tab's content script (keyboard shortcuts, context menu,
 * data changes). Pure; importable from any context.
 */
export type TabCommandName = 'next-code' | 'previous-code' | 'lookup-selection' | 'refresh';

export interface TabCommand {
  rvuLensCommand: 1;
  command: TabCommandName;
  /** Selected text, for lookup-selection from the context menu. */
  text?: string;
}

const NAMES = new Set<string>(['next-code', 'previous-code', 'lookup-selection', 'refresh']);

export function isTabCommand(m: unknown): m is TabCommand {
  if (typeof m !== 'object' || m === null) return false;
  const c = m as Partial<TabCommand>;
  return c.rvuLensCommand === 1 && typeof c.command === 'string' && NAMES.has(c.command) && (c.text === undefined || (typeof c.text === 'string' && c.text.length <= 1000));
}

export function tabCommand(command: TabCommandName, text?: string): TabCommand {
  return text === undefined ? { rvuLensCommand: 1, command } : { rvuLensCommand: 1, command, text };
}
