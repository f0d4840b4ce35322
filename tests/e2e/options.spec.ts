/**
 * The options page end to end: choose a locality and see the popup's amounts change; import the
 * 2025 CMS release through the page and see 2025 figures; a broken import leaves the data intact.
 */
import { mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, ROOT, extensionPage, launchWithExtension, waitForSeed, type ExtensionSession } from './fixtures';

const RVU25D = resolve(ROOT, '../shared/cms/rvu25d');
let session: ExtensionSession;
let options: Page;

/** The popup's first row amount for a query (a fresh popup, as a user reopening it). */
async function popupAmount(q: string): Promise<string | null> {
  const p = await extensionPage(session, 'popup.html');
  await p.waitForSelector('text=/Search [\\d,]+ codes/');
  await p.fill('.rl-searchbox-input', q);
  const row = p.locator(`.rl-result[data-code="${q}"]`).first();
  await row.waitFor();
  const amount = await row.locator('.rl-result-amount').textContent();
  await p.close();
  return amount;
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  session = await launchWithExtension();
  await waitForSeed(session.worker);
  options = await extensionPage(session, 'options.html#locality');
  await options.setViewportSize({ width: 1100, height: 800 });
});

afterAll(async () => {
  await session?.close();
});

describe('options: locality', () => {
  const results = () => options.locator('[data-testid="locality-results"] [data-locality]');
  const search = (q: string) => options.fill('input[aria-label="Search localities"]', q);

  it('finds localities by county, name and state', async () => {
    await search('Kings');
    await expect.poll(async () => (await results().evaluateAll((els) => els.map((e) => e.getAttribute('data-locality'))))).toContain('13202-02');
    await search('Westchester');
    await expect.poll(() => results().first().getAttribute('data-locality')).toBe('13202-02');
    await search('Queens');
    await expect.poll(() => results().first().getAttribute('data-locality')).toBe('13292-04');
    await search('Ohio');
    await expect.poll(() => results().first().getAttribute('data-locality')).toBe('15202-00');
  });

  it('choosing Manhattan shows its GPCIs and the popup follows ($107.63 for 99213)', async () => {
    await search('Manhattan');
    await results().first().click();
    await expect.poll(() => options.textContent('[data-testid="gpcis"]')).toMatch(/1\.064.*1\.162.*1\.586/);
    expect(await options.textContent('[data-testid="current-locality"]')).toMatch(/MANHATTAN, NY/);
    await options.screenshot({ path: join(ARTIFACTS, 'options-locality.png'), fullPage: false });
    expect(await popupAmount('99213')).toBe('$107.63');
  });

  it('"National (no GPCI)" is a choice, grouped list by state', async () => {
    await search('');
    await options.click('[data-locality="national"]');
    await expect.poll(() => options.textContent('[data-testid="gpcis"]')).toMatch(/1\.000.*1\.000.*1\.000/);
    expect(await options.locator('.rl-loc-group h3').first().textContent()).toMatch(/\(\w\w\)/);
    expect(await popupAmount('99213')).toBe('$95.19');
  });
});

describe('options: data import', () => {
  it('imports RVU25D from its CSVs after showing a report, and the popup shows 2025 figures', async () => {
    await options.goto(options.url().replace(/#.*$/, '#data'));
    await options.waitForSelector('[data-testid="release-id"]');
    expect(await options.textContent('[data-testid="release-id"]')).toBe('RVU26C');
    const files = readdirSync(RVU25D).filter((n) => n.endsWith('.csv')).map((n) => join(RVU25D, n));
    expect(files).toHaveLength(5);
    await options.setInputFiles('[data-testid="import-input"]', files);
    await options.waitForSelector('[data-testid="import-report"]', { timeout: 60_000 });
    expect(await options.textContent('[data-testid="report-release"]')).toBe('RVU25D');
    expect(await options.textContent('[data-testid="import-report"]')).toMatch(/PPRRVU2025_Oct\.csv/);
    await options.screenshot({ path: join(ARTIFACTS, 'options-import-report.png'), fullPage: true });
    // Nothing changed yet.
    expect(await options.textContent('[data-testid="release-id"]')).toBe('RVU26C');
    await options.click('[data-testid="import-confirm"]');
    await options.waitForSelector('[data-testid="import-done"]', { timeout: 60_000 });
    expect(await options.textContent('[data-testid="release-id"]')).toBe('RVU25D');
    // (1.30 + 1.35 + 0.10) × 32.3465 = $88.95
    expect(await popupAmount('99213')).toBe('$88.95');
  });

  it('a broken import shows the error and keeps the 2025 data', async () => {
    const zip = zipSync({ 'GPCI2025.csv': strToU8('MAC,State,Locality Number,Locality Name,PW GPCI,PE GPCI,MP GPCI\n10112,AL,00,ALABAMA,1,0.869,0.575\n'), 'readme.txt': strToU8('not a release') });
    await options.setInputFiles('[data-testid="import-input"]', { name: 'broken.zip', mimeType: 'application/zip', buffer: Buffer.from(zip) });
    await options.waitForSelector('[data-testid="import-error"]');
    expect(await options.textContent('[data-testid="import-error"]')).toMatch(/Nothing was changed.*No RVU file/);
    await options.setInputFiles('[data-testid="import-input"]', { name: 'PPRRVU2025_Oct.csv', mimeType: 'text/csv', buffer: Buffer.from([0xff, 0xfe, 0x41, 0x00]) });
    await expect.poll(() => options.textContent('[data-testid="import-error"]')).toMatch(/wrong encoding/);
    await options.screenshot({ path: join(ARTIFACTS, 'options-import-error.png') });
    expect(await options.textContent('[data-testid="release-id"]')).toBe('RVU25D');
    expect(await popupAmount('99213')).toBe('$88.95');
  });

  it('cancel leaves the data as it was; reset goes back to the bundled release', async () => {
    await options.setInputFiles('[data-testid="import-input"]', [join(RVU25D, 'PPRRVU2025_Oct.csv'), join(RVU25D, 'GPCI2025.csv'), join(RVU25D, '25LOCCO.csv')]);
    await options.waitForSelector('[data-testid="import-report"]', { timeout: 60_000 });
    await options.click('[data-testid="import-cancel"]');
    expect(await options.locator('[data-testid="import-report"]').count()).toBe(0);
    expect(await options.textContent('[data-testid="release-id"]')).toBe('RVU25D');
    await options.click('[data-testid="reset-bundled"]');
    await options.waitForSelector('[data-testid="import-done"]', { timeout: 60_000 });
    expect(await options.textContent('[data-testid="release-id"]')).toBe('RVU26C');
    expect(await popupAmount('99213')).toBe('$95.19');
  });
});
