/**
 * Every user setting, as a typed, versioned `@wxt-dev/storage` item. Small preferences that
 * should follow the user across browsers live in `sync:`; nothing here holds page content.
 * Importable from any context (background, content script, popup, options).
 */
import { storage } from 'wxt/utils/storage';
import { normalizeSite, type CfTrack, type Setting, type Strictness } from './settings-core';

export { isSiteEnabled, normalizeSite, type CfTrack, type Setting, type Strictness } from './settings-core';

/** Locality id ("13202-01"), or null for national amounts (GPCIs of 1). */
export const localityItem = storage.defineItem<string | null>('sync:locality', {
  fallback: null,
  version: 1,
});

/** Default setting for amounts shown first (both are always available in the detail view). */
export const settingItem = storage.defineItem<Setting>('sync:setting', {
  fallback: 'nonFacility',
  version: 1,
});

/** Conversion-factor track: non-qualifying APM participant (default) or qualifying APM participant. */
export const cfTrackItem = storage.defineItem<CfTrack>('sync:cf-track', {
  fallback: 'nonQp',
  version: 1,
});

/** How sure the scanner must be before it marks a code. */
export const strictnessItem = storage.defineItem<Strictness>('sync:strictness', {
  fallback: 'balanced',
  version: 1,
});

/** DMEPOS amounts: use the state's rural column (non-rural by default). */
export const dmeposRuralItem = storage.defineItem<boolean>('sync:dmepos-rural', {
  fallback: false,
  version: 1,
});

/** Global on/off for marking codes on pages. */
export const scannerEnabledItem = storage.defineItem<boolean>('sync:scanner-enabled', {
  fallback: true,
  version: 1,
});

/** Hostnames (normalised, lower case, no leading "www.") where the scanner stays off. */
export const disabledSitesItem = storage.defineItem<string[]>('sync:disabled-sites', {
  fallback: [],
  version: 2,
  // v2: values synced from elsewhere may hold "www.", upper case or whole URLs: normalise, de-duplicate.
  migrations: { 2: (old: string[]) => [...new Set(old.map(normalizeSite))].sort() },
});

export interface UserSettings {
  locality: string | null;
  setting: Setting;
  cfTrack: CfTrack;
  strictness: Strictness;
  scannerEnabled: boolean;
  disabledSites: string[];
  dmeposRural: boolean;
}

export async function readSettings(): Promise<UserSettings> {
  const [locality, setting, cfTrack, strictness, scannerEnabled, disabledSites, dmeposRural] = await Promise.all([
    localityItem.getValue(),
    settingItem.getValue(),
    cfTrackItem.getValue(),
    strictnessItem.getValue(),
    scannerEnabledItem.getValue(),
    disabledSitesItem.getValue(),
    dmeposRuralItem.getValue(),
  ]);
  return { locality, setting, cfTrack, strictness, scannerEnabled, disabledSites, dmeposRural };
}
