/**
 * Issue 6 in the built extension: section percentile on every card, year over year after a second
 * release is kept (import 2025, back to the bundled 2026), and the tally surviving both swaps.
 * Expected figures are computed here from the CMS numbers, independently of lib/.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ROOT, extensionPage, launchWithExtension, waitForSeed, type ExtensionSession } from './fixtures';

let session: ExtensionSession;
let page: Page;
const send = (type: string, data?: unknown) =>
  page.evaluate(([t, d]) => chrome.runtime.sendMessage({ rvuLens: 1, type: t, data: d }), [type, data] as const) as Promise<{ ok: boolean; value: any; error?: string }>;

beforeAll(async () => {
  session = await launchWithExtension();
  await waitForSeed(session.worker);
  page = await extensionPage(session, 'popup.html');
});
afterAll(async () => {
  await session?.close();
});

describe('how a code compares, year over year, tally', () => {
  it('cards carry the section percentile and PC/TC relations', async () => {
    const r = await send('lookupCodes', { requests: [{ code: '27447' }, { code: '93000' }, { code: '88305' }] });
    expect(r.ok).toBe(true);
    const [knee, ekg, path] = r.value;
    expect(knee.comparison.section).toBe('Surgery');
    expect(knee.comparison.text).toMatch(/percentile of Surgery/);
    expect(ekg.related.text).toMatch(/93005/);
    expect(ekg.related.text).toMatch(/93010/);
    expect(path.related.codes).toContain('88305-26');
    expect(knee.yoy).toBeNull(); // only one release kept so far
  });

  it('keeps 2025 after importing it and going back to 2026, and shows the change', async () => {
    const add = await send('tallyAdd', { items: [{ code: '27447', modifiers: ['RT'] }, { code: '99213', units: 2 }] });
    expect(add.ok).toBe(true);
    const out = mkdtempSync(join(tmpdir(), 'rvu25d-'));
    execFileSync('npx', ['tsx', 'data/pipeline/build-dataset.ts', '--source', join(ROOT, '../shared/cms/rvu25d'), '--out', out, '--allow-drop'], { cwd: ROOT, stdio: 'pipe' });
    const datasetText = readFileSync(join(out, 'public/dataset.json'), 'utf8');
    const imported = await send('importRelease', { datasetText });
    expect(imported.ok, imported.error).toBe(true);
    expect(imported.value.release.id).toBe('RVU25D');
    const reset = await send('resetToBundled');
    expect(reset.ok, reset.error).toBe(true);
    const releases = await send('listReleases');
    expect(releases.value.map((r: { id: string }) => r.id)).toEqual(['RVU26C', 'RVU25D']);

    const r = await send('lookupCodes', { requests: [{ code: '27447' }, { code: '99213' }] });
    const [knee, visit] = r.value;
    // 27447 wRVU 19.60 (2025) → 19.11 (2026): −2.5 %.
    expect(knee.yoy.previous).toBe('RVU25D');
    expect(knee.yoy.workRvuChangePct).toBeCloseTo(((19.11 - 19.6) / 19.6) * 100, 1);
    expect(knee.yoy.text).toMatch(/−2\.5%|-2\.5%/);
    // 99213 national non-facility: 2.75 × 32.3465 = $88.95 (2025) → $95.19 (2026): +7.0 %.
    expect(visit.yoy.allowedChangePct).toBeCloseTo(((95.19 - 88.95) / 88.95) * 100, 1);

    // The tally survived both swaps and can be priced with either year.
    const t26 = await send('getTally', {});
    expect(t26.value.state.items).toHaveLength(2);
    expect(t26.value.totals.totals.workRvu).toBeCloseTo(19.11 + 2 * 1.3, 2);
    const t25 = await send('getTally', { releaseId: 'RVU25D' });
    expect(t25.value.releaseId).toBe('RVU25D');
    expect(t25.value.totals.totals.workRvu).toBeCloseTo(19.6 + 2 * 1.3, 2);
    expect(t25.value.csv).toMatch(/27447/);
  });

  it('undo reverts the last tally change', async () => {
    const undo = await send('tallyAction', { action: { type: 'undo' } });
    expect(undo.ok).toBe(true);
    expect(undo.value.state.items.length).toBeLessThan(2);
  });
});
