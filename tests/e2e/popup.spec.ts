/**
 * The popup as a user meets it: type, read the rows, move with the keyboard, open the card, go back.
 * Built extension in Chromium (tests/e2e/fixtures.ts). Screenshots go to tests/artifacts/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, extensionPage, launchWithExtension, waitForSeed, type ExtensionSession } from './fixtures';

let session: ExtensionSession;
let popup: Page;

const firstRow = (p: Page) => p.locator('.rl-result').first();
async function search(p: Page, q: string): Promise<void> {
  await p.fill('.rl-searchbox-input', q);
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  session = await launchWithExtension();
  await waitForSeed(session.worker);
  popup = await extensionPage(session, 'popup.html');
  await popup.setViewportSize({ width: 400, height: 560 });
  await popup.waitForSelector('text=/Search [\\d,]+ codes/');
});

afterAll(async () => {
  await session?.close();
});

describe('popup search', () => {
  it('focuses the search box on open and shows the locality and setting', async () => {
    expect(await popup.evaluate(() => document.activeElement?.classList.contains('rl-searchbox-input'))).toBe(true);
    expect(await popup.textContent('[data-testid="context"]')).toMatch(/National \(no GPCI\).*Non-facility/);
  });

  it.each([
    ['99213', '99213'],
    ['88305-26', '88305-26'],
    ['9921', '99211'],
    ['total knee', '27447'],
    ['electrocardiogram', '93000'],
    ['colonscopy', '45378'],
    ['IUI', '58322'],
    ['E/M', '99213'],
    ['CMP', '80053'],
  ])('%s → %s first', async (q, code) => {
    await search(popup, q);
    await expect.poll(() => firstRow(popup).locator('.rl-result-code').textContent()).toBe(code);
  });

  it('shows code, description, status, wRVU and the allowed amount (2026 national non-facility)', async () => {
    await search(popup, '99213');
    const row = firstRow(popup);
    await expect.poll(() => row.locator('.rl-result-amount').textContent()).toBe('$95.19');
    expect(await row.locator('.rl-result-desc').textContent()).toBe('Office o/p est low 20 min');
    expect(await row.locator('.rl-result-wrvu').textContent()).toBe('1.30');
    expect(await row.locator('.rl-result-status').textContent()).toBe('A');
    await popup.screenshot({ path: join(ARTIFACTS, 'popup-search.png') });
  });

  it('arrows move, Enter opens the card with -26/-TC rows, Escape goes back', async () => {
    await search(popup, '8830');
    await popup.waitForSelector('.rl-result-selected');
    await popup.keyboard.press('ArrowDown');
    await popup.keyboard.press('ArrowDown');
    await popup.keyboard.press('ArrowUp');
    const code = await popup.locator('.rl-result-selected .rl-result-code').textContent();
    expect(code).toBe('88302');
    await search(popup, '88305-26');
    await popup.keyboard.press('Enter');
    await popup.waitForSelector('[data-testid="detail"] .rl-card');
    const card = popup.locator('.rl-card');
    expect(await card.locator('.rl-code').textContent()).toBe('88305-26');
    const related = await card.locator('.rl-related tbody th').allTextContents();
    expect(related).toEqual(expect.arrayContaining(['88305-26', '88305-TC']));
    expect(await card.textContent()).toMatch(/Global: not applicable/);
    await popup.screenshot({ path: join(ARTIFACTS, 'popup-detail.png') });
    await popup.keyboard.press('Escape');
    await popup.waitForSelector('.rl-searchbox-input');
    expect(await popup.inputValue('.rl-searchbox-input')).toBe('88305-26');
  });

  it('handles empty, nonsense and very long queries calmly', async () => {
    await search(popup, 'zzqxv wqpl');
    await popup.waitForSelector('[data-testid="no-results"]');
    await search(popup, `total knee ${'x'.repeat(5000)}`);
    await popup.waitForSelector('[data-testid="no-results"], .rl-result');
    await search(popup, '');
    await popup.waitForSelector('text=/Search [\\d,]+ codes/');
  });

  it('works with the network off', async () => {
    await session.context.setOffline(true);
    const p = await extensionPage(session, 'popup.html');
    await p.waitForSelector('text=/Search [\\d,]+ codes/');
    await search(p, 'TKA');
    await expect.poll(() => firstRow(p).locator('.rl-result-code').textContent()).toBe('27447');
    await p.close();
    await session.context.setOffline(false);
  });
});
