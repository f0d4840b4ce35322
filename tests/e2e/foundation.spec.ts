/**
 * The built extension in real Chromium: the service worker seeds IndexedDB with the whole bundled
 * release, and a batch lookup from an extension page returns the right figures (check values from
 * ../shared/docs/domain.md, computed independently of lib/fees).
 */
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXTENSION_DIR, ROOT, extensionPage, launchWithExtension, waitForSeed, type ExtensionSession } from './fixtures';

let session: ExtensionSession;
const report = JSON.parse(readFileSync(resolve(ROOT, 'data/generated/report.json'), 'utf8')) as { files?: Array<{ role: string; accepted: number }> };

beforeAll(async () => {
  session = await launchWithExtension();
});
afterAll(async () => {
  await session?.close();
});

describe('foundation', () => {
  it('keeps the content script, which runs on every page, under its 40,000-byte budget', () => {
    // (Minified; the interactive parts load from page-ui.js and popover-ui.js when needed.)
    const bytes = statSync(join(EXTENSION_DIR, 'scanner.js')).size;
    expect(bytes).toBeGreaterThan(20_000);
    expect(bytes).toBeLessThan(40_000);
  });

  it('seeds IndexedDB with every row of the bundled release', async () => {
    const info = await waitForSeed(session.worker);
    expect(info.release).toBe('RVU26C');
    expect(info.pfs).toBe(19_356);
    expect(info.localities).toBe(109);
    expect(report).toBeTruthy();
  });

  it('answers a batch lookup with the check values', async () => {
    const page = await extensionPage(session, 'popup.html');
    const send = (type: string, data?: unknown) =>
      page.evaluate(([t, d]) => chrome.runtime.sendMessage({ rvuLens: 1, type: t, data: d }), [type, data] as const);
    const national = (await send('lookupCodes', { requests: [{ code: '99213' }, { code: '58321' }, { code: '88305', modifiers: ['26'] }, { code: '00000' }] })) as {
      ok: boolean;
      value: Array<{ code: string; allowed?: { nonFacility: number | null; facility: number | null }; error?: string }>;
    };
    expect(national.ok).toBe(true);
    const [c99213, c58321, c88305, unknown] = national.value;
    expect(c99213?.allowed).toEqual({ nonFacility: 95.19, facility: 57.45 });
    expect(c58321?.allowed).toEqual({ nonFacility: 83.84, facility: 41.75 });
    // 88305-26: (0.73 + 0.31 + 0.01) × 33.4009 = 35.07 in both settings
    expect(c88305?.allowed).toEqual({ nonFacility: 35.07, facility: 35.07 });
    expect(unknown?.error).toMatch(/not in/);

    // Manhattan: set the locality the way the options page does, then look up again.
    await page.evaluate(() => chrome.storage.sync.set({ locality: '13202-01' }));
    const manhattan = (await send('lookupCodes', { requests: [{ code: '99213' }] })) as { value: Array<{ allowed: unknown; locality: { id: string } }> };
    expect(manhattan.value[0]?.allowed).toEqual({ nonFacility: 107.63, facility: 63.78 });
    expect(manhattan.value[0]?.locality.id).toBe('13202-01');
    await page.evaluate(() => chrome.storage.sync.remove('locality'));
    await page.close();
  });

  it('rejects malformed and oversized messages', async () => {
    const page = await extensionPage(session, 'popup.html');
    const send = (msg: unknown) => page.evaluate((m) => chrome.runtime.sendMessage(m), msg);
    const bad = (await send({ rvuLens: 1, type: 'lookupCodes', data: { requests: [{ code: '<img>' }] } })) as { ok: boolean; error: string };
    expect(bad.ok).toBe(false);
    expect(bad.error).toMatch(/Invalid lookupCodes/);
    const big = (await send({ rvuLens: 1, type: 'lookupCodes', data: { requests: Array.from({ length: 501 }, () => ({ code: '99213' })) } })) as { ok: boolean };
    expect(big.ok).toBe(false);
    const unknownType = (await send({ rvuLens: 1, type: 'dropDatabase' })) as { ok: boolean };
    expect(unknownType.ok).toBe(false);
    await page.close();
  });
});
