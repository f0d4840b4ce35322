/**
 * The tab the popup's "This page" view reads. The active tab of the popup's window; for tests (and
 * for a popup opened as a tab) `popup.html?tab=<id>#page` addresses tab <id> instead.
 */
import { browser } from 'wxt/browser';

/** `?tab=<id>` from the popup's URL, if any. */
export function tabIdFromUrl(search: string = location.search): number | null {
  const v = new URLSearchParams(search).get('tab');
  return v && /^\d{1,10}$/.test(v) ? Number(v) : null;
}

/** The tab to summarise: `?tab=<id>`, else the active tab of the current window (null when none). */
export async function targetTabId(): Promise<number | null> {
  const fromUrl = tabIdFromUrl();
  if (fromUrl !== null) return fromUrl;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}
