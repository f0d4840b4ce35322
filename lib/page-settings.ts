/**
 * The few settings the content script needs, read straight from `storage.sync` (the same keys as
 * the typed items in lib/settings.ts) so the script on every page does not carry the storage
 * library. Values are validated and fall back like the items do.
 */
import { browser } from 'wxt/browser';
import { isSiteEnabled, type Strictness } from './settings-core';

export const PAGE_SETTING_KEYS = {
  scannerEnabled: 'scanner-enabled',
  disabledSites: 'disabled-sites',
  strictness: 'strictness',
  /** Changes to these change the figures on cards. */
  figures: ['locality', 'setting', 'cf-track', 'dmepos-rural'],
} as const;

export interface PageSettings {
  enabledHere: boolean;
  strictness: Strictness;
}

const STRICTNESS = new Set<Strictness>(['strict', 'balanced', 'everything']);

export async function readPageSettings(host: string): Promise<PageSettings> {
  const k = PAGE_SETTING_KEYS;
  const v = await browser.storage.sync.get([k.scannerEnabled, k.disabledSites, k.strictness]);
  const enabled = typeof v[k.scannerEnabled] === 'boolean' ? (v[k.scannerEnabled] as boolean) : true;
  const sites = Array.isArray(v[k.disabledSites]) ? (v[k.disabledSites] as unknown[]).filter((s): s is string => typeof s === 'string') : [];
  const strictness = STRICTNESS.has(v[k.strictness] as Strictness) ? (v[k.strictness] as Strictness) : 'balanced';
  return { enabledHere: isSiteEnabled(host, enabled, sites), strictness };
}

/** Call back on a change of a setting the page cares about: 'scope' (on/off, strictness) or 'figures'. */
export function watchPageSettings(cb: (what: 'scope' | 'figures') => void): () => void {
  const k = PAGE_SETTING_KEYS;
  const scope = new Set<string>([k.scannerEnabled, k.disabledSites, k.strictness]);
  const figures = new Set<string>(k.figures);
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area !== 'sync') return;
    const keys = Object.keys(changes);
    if (keys.some((key) => scope.has(key))) cb('scope');
    if (keys.some((key) => figures.has(key))) cb('figures');
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
