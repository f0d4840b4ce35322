import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { storage } from 'wxt/utils/storage';
import {
  cfTrackItem,
  disabledSitesItem,
  isSiteEnabled,
  localityItem,
  normalizeSite,
  readSettings,
  scannerEnabledItem,
  settingItem,
  strictnessItem,
} from '../../../lib/settings';

beforeEach(() => {
  fakeBrowser.reset();
});

describe('settings items: fallbacks, areas, versions', () => {
  it('every item falls back to its default on a fresh profile', async () => {
    expect(await readSettings()).toMatchObject({
      locality: null,
      setting: 'nonFacility',
      cfTrack: 'nonQp',
      strictness: 'balanced',
      scannerEnabled: true,
      disabledSites: [],
    });
  });

  it('preferences live in sync storage under area:kebab-name keys', async () => {
    await localityItem.setValue('13202-01');
    await settingItem.setValue('facility');
    await disabledSitesItem.setValue(['example.org']);
    const sync = await fakeBrowser.storage.sync.get(null);
    expect(sync).toMatchObject({ locality: '13202-01', setting: 'facility', 'disabled-sites': ['example.org'] });
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('a value stored before versioning (no meta) is read as is', async () => {
    await fakeBrowser.storage.sync.set({ locality: '05102-26', strictness: 'strict' });
    expect(await localityItem.getValue()).toBe('05102-26');
    expect(await strictnessItem.getValue()).toBe('strict');
  });

  it('removing a value goes back to the fallback', async () => {
    await cfTrackItem.setValue('qp');
    await cfTrackItem.removeValue();
    expect(await cfTrackItem.getValue()).toBe('nonQp');
  });

  it('watchers see changes live (how the popup and the content script react)', async () => {
    const seen = vi.fn();
    const unwatch = localityItem.watch(seen);
    await localityItem.setValue('13202-01');
    await localityItem.setValue(null);
    unwatch();
    await localityItem.setValue('01112-05');
    expect(seen.mock.calls.map((c) => c[0])).toEqual(['13202-01', null]);
  });

  it('a migration to v2 runs once on a v1 value (pattern for the proposed disabled-sites v2)', async () => {
    await fakeBrowser.storage.sync.set({ 'disabled-sites': ['WWW.Example.org', 'example.org', 'https://news.site.com/x'], 'disabled-sites$': { v: 1 } });
    const v2 = storage.defineItem<string[]>('sync:disabled-sites', {
      fallback: [],
      version: 2,
      migrations: { 2: (old: string[]) => [...new Set(old.map(normalizeSite))].sort() },
    });
    await v2.migrate();
    expect(await v2.getValue()).toEqual(['example.org', 'news.site.com']);
    expect(await fakeBrowser.storage.sync.get('disabled-sites$')).toEqual({ 'disabled-sites$': { v: 2 } });
  });
});

describe('normalizeSite', () => {
  it.each([
    ['Example.ORG', 'example.org'],
    ['  www.example.org ', 'example.org'],
    ['https://www.example.org/path?q=1', 'example.org'],
    ['example.org/path', 'example.org'],
    ['example.org.', 'example.org'],
    ['sub.example.org', 'sub.example.org'],
    ['localhost:8080/x', 'localhost'],
  ])('%j → %j', (input, out) => {
    expect(normalizeSite(input)).toBe(out);
  });
});

describe('isSiteEnabled', () => {
  it.each([
    ['example.org', true, [], true],
    ['example.org', false, [], false],
    ['example.org', true, ['example.org'], false],
    ['www.example.org', true, ['example.org'], false],
    ['docs.example.org', true, ['example.org'], false],
    ['notexample.org', true, ['example.org'], true],
    ['example.org', true, ['docs.example.org'], true],
  ] as const)('%s (global %s, list %j) → %s', (host, enabled, list, out) => {
    expect(isSiteEnabled(host, enabled, list)).toBe(out);
  });
});
