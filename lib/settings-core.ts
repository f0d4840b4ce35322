/**
 * Setting types and pure helpers shared by lib/settings.ts (typed storage items) and
 * lib/page-settings.ts (the content script's light reader). No storage access here.
 */

export type Setting = 'nonFacility' | 'facility';
export type CfTrack = 'nonQp' | 'qp';
export type Strictness = 'strict' | 'balanced' | 'everything';

/** Normalise a hostname for the per-site list: lower case, trimmed, without "www.". */
export function normalizeSite(host: string): string {
  let h = host.trim().toLowerCase();
  try {
    if (h.includes('/')) h = new URL(h.includes('://') ? h : `https://${h}`).hostname;
  } catch {
    // keep as typed
  }
  return h.replace(/^www\./, '').replace(/\.$/, '');
}

/** Whether the scanner should run on `host` given the global switch and the per-site list. */
export function isSiteEnabled(host: string, enabled: boolean, disabledSites: readonly string[]): boolean {
  if (!enabled) return false;
  const h = normalizeSite(host);
  return !disabledSites.map(normalizeSite).some((s) => s !== '' && (h === s || h.endsWith(`.${s}`)));
}

