/**
 * Issue 6 in the popup, built extension in Chromium: "This page" on the remittance fixture (totals
 * equal the lookup command's one-unit figures × units, CSV with plain numbers, click to reveal),
 * the tally filled from the page summary and from search, kept across a browser restart (same
 * profile), exported as CSV, cleared and undone. The popup is opened as a tab and addressed to the
 * remittance tab with `popup.html?tab=<id>#page` (see entrypoints/popup/target-tab.ts).
 * Screenshots: tests/artifacts/popup-page-summary.png, popup-tally.png.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, ROOT, launchWithExtension, serveStatic, waitForSeed, type ExtensionSession, settle } from './fixtures';

interface Mark {
  code: string;
  modifiers: string[];
  units: number | null;
}
interface Lookup {
  code: string;
  modifiers?: string[];
  workRvu: number | null;
  allowed: { nonFacility: number | null; facility: number | null };
}

let session: ExtensionSession;
let server: Awaited<ReturnType<typeof serveStatic>>;
let profile: string;
let remit: Page;
let popup: Page;
let tabId: number;
let marks: Mark[];

const keyOf = (code: string, mods: readonly string[]): string => [code.toUpperCase(), ...mods.map((m) => m.toUpperCase())].join('-');

/** The lookup command's JSON for codes ("99204-25"): one unit each, national, both settings. */
function lookup(keys: string[]): Map<string, Lookup> {
  const r = spawnSync('npx', ['tsx', 'data/pipeline/lookup.ts', '--json', ...keys], { cwd: ROOT, encoding: 'utf8' });
  const rows = JSON.parse(r.stdout) as Array<Lookup & { error?: string }>;
  const out = new Map<string, Lookup>();
  rows.forEach((x, i) => {
    if (!x.error) out.set(keys[i]!, x);
  });
  return out;
}

/** CSV text → rows of fields (no quoted commas in these files' numeric columns; descriptions may be quoted). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let q = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (q) {
      if (c === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') q = false;
      else field += c;
    } else if (c === '"') q = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && s[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

async function openPopup(path: string): Promise<Page> {
  const p = await session.context.newPage();
  await p.setViewportSize({ width: 400, height: 560 });
  await p.goto(`chrome-extension://${session.extensionId}/${path}`);
  return p;
}

const badge = (p: Page) => p.locator('[data-testid="tally-badge"]').textContent({ timeout: 2000 }).catch(() => null);

/** Adds `code` to the tally from the popup's search; the tab's badge then reads `badgeAfter`. */
async function addFromSearch(p: Page, code: string, badgeAfter: string): Promise<void> {
  await p.click('[data-testid="tab-search"]');
  await p.fill('.rl-searchbox-input', code);
  await expect.poll(() => p.locator('.rl-result').first().locator('.rl-result-code').textContent()).toBe(code);
  await p.click('[data-testid="search-add"]');
  await expect.poll(() => badge(p)).toBe(badgeAfter);
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await serveStatic();
  profile = mkdtempSync(join(tmpdir(), 'rvu-lens-tally-'));
  session = await launchWithExtension({ userDataDir: profile, keepProfile: true });
  await waitForSeed(session.worker);
  remit = await session.context.newPage();
  await remit.goto(`${server.url}/remittance.html`);
  expect(await settle(remit)).toBeGreaterThan(0);
  // Find the remittance tab's id the way the popup talks to it (page-codes answers with the URL).
  const probe = await openPopup('popup.html');
  const found = (await probe.evaluate(async () => {
    for (const t of await chrome.tabs.query({})) {
      try {
        const r = await chrome.tabs.sendMessage(t.id, { rvuLensCommand: 1, command: 'page-codes' }, { frameId: 0 });
        if (r && typeof r.url === 'string' && r.url.endsWith('/remittance.html')) return { tabId: t.id as number, marks: r.marks };
      } catch {
        /* no content script in that tab */
      }
    }
    return null;
  })) as { tabId: number; marks: Mark[] } | null;
  await probe.close();
  expect(found, 'the content script of the remittance tab answers page-codes').not.toBeNull();
  tabId = found!.tabId;
  marks = found!.marks;
});

afterAll(async () => {
  await session?.close();
  await server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe('popup: codes on this page', () => {
  it('lists the marked codes with totals equal to the lookup command × units', async () => {
    popup = await openPopup(`popup.html?tab=${tabId}#page`);
    await popup.waitForSelector('[data-testid="page-summary"]', { timeout: 20_000 });

    // Expected, independently: group the marks, price each key once with the lookup command.
    const units = new Map<string, number>();
    for (const m of marks) {
      const k = keyOf(m.code, m.modifiers);
      units.set(k, (units.get(k) ?? 0) + (m.units !== null && Number.isInteger(m.units) && m.units >= 1 ? m.units : 1));
    }
    expect(units.has('99204-25')).toBe(true);
    expect(units.get('J3301')).toBe(4);
    const priced = lookup([...units.keys()]);
    let wCents = 0;
    let aCents = 0;
    for (const [k, u] of units) {
      const p = priced.get(k);
      if (!p) continue;
      wCents += Math.round((p.workRvu ?? 0) * 100) * u;
      if (p.allowed.nonFacility !== null) aCents += Math.round(p.allowed.nonFacility * 100) * u;
    }
    expect(await popup.locator('.rl-ps-row').count()).toBe(units.size);
    expect(Number(await popup.getAttribute('[data-testid="total-wrvu"]', 'data-value'))).toBeCloseTo(wCents / 100, 2);
    expect(Number(await popup.getAttribute('[data-testid="total-allowed"]', 'data-value'))).toBeCloseTo(aCents / 100, 2);
    const j3301 = popup.locator('.rl-ps-row[data-key="J3301"]');
    expect(await j3301.locator('[data-col="units"]').textContent()).toBe('4');

    // CSV: header, one row per line, a Total row; plain numbers.
    const csv = (await popup.getAttribute('[data-testid="summary-csv"]', 'data-csv'))!;
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual(['Code', 'Modifiers', 'Description', 'Count', 'Units', 'wRVU per unit', 'wRVU total', 'Allowed per unit (USD)', 'Allowed total (USD)']);
    expect(rows.length).toBe(units.size + 2);
    for (const r of rows.slice(1)) {
      for (const cell of r.slice(3)) expect(cell).toMatch(/^(-?\d+(\.\d{2})?)?$/);
    }
    const total = rows[rows.length - 1]!;
    expect(total[0]).toBe('Total');
    expect(total[6]).toBe((wCents / 100).toFixed(2));
    expect(total[8]).toBe((aCents / 100).toFixed(2));
    const knee = rows.find((r) => r[0] === '27447' && r[1] === 'RT')!;
    expect(Number(knee[8])).toBeCloseTo(Math.round(priced.get('27447-RT')!.allowed.nonFacility! * 100) * units.get('27447-RT')! / 100, 2);

    await popup.screenshot({ path: join(ARTIFACTS, 'popup-page-summary.png') });
  });

  it('a click on a line shows that code on the page', async () => {
    await popup.click('.rl-ps-row[data-key="64447"]');
    await expect.poll(() => remit.locator('rvu-lens-popover .rl-card').getAttribute('data-code', { timeout: 1000 }).catch(() => null), { timeout: 10_000 }).toBe('64447');
  });

  it("lists the codes of the page's frames too, and a click shows a code inside its frame", async () => {
    // A statement with codes in a shadow root (top frame) and its itemized charges in an iframe.
    const page = await session.context.newPage();
    await page.goto(`${server.url}/shadow-iframe.html`);
    await settle(page);
    const frame = page.frames().find((f) => f !== page.mainFrame())!;
    expect(frame).toBeDefined();
    const probe = await openPopup('popup.html');
    const id = (await probe.evaluate(async () => {
      for (const t of await chrome.tabs.query({})) {
        const r = await chrome.tabs.sendMessage(t.id!, { rvuLensCommand: 1, command: 'page-codes' }, { frameId: 0 }).catch(() => null);
        if (r && typeof r.url === 'string' && r.url.endsWith('/shadow-iframe.html')) return t.id as number;
      }
      return null;
    })) as number | null;
    await probe.close();
    expect(id).not.toBeNull();
    // The frame's scan may end after the top frame's: wait until the frame has marked its four codes.
    await expect.poll(() => frame.evaluate(() => CSS.highlights.get('rvu-lens-code')?.size ?? 0).catch(() => 0), { timeout: 10_000 }).toBeGreaterThanOrEqual(4);

    const p = await openPopup(`popup.html?tab=${id}#page`);
    await p.waitForSelector('[data-testid="page-summary"]', { timeout: 20_000 });
    const keys = await p.locator('.rl-ps-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key')));
    // The top frame's (shadow root) and the iframe's codes, each once, the shadow root's 99213 counted twice.
    expect([...keys].sort()).toEqual(['71046', '80053', '90686', '99213', '99284', 'G0008', 'J1885']);
    expect(await p.locator('.rl-ps-row[data-key="99213"] [data-col="count"]').textContent()).toBe('2');
    // A lab test the PFS does not price shows its CLFS amount (the lookup command's), outside the total.
    const clfs = lookup(['80053']).get('80053')!.allowed.nonFacility!;
    expect(await p.locator('.rl-ps-row[data-key="80053"] [data-col="allowed"]').textContent()).toBe(`CLFS $${clfs.toFixed(2)}`);
    expect(await p.locator('.rl-ps-row[data-key="J1885"] [data-col="allowed"]').textContent()).toBe('n/a');

    await p.click('.rl-ps-row[data-key="99284"]');
    await expect.poll(() => frame.locator('rvu-lens-popover .rl-card').getAttribute('data-code', { timeout: 1000 }).catch(() => null), { timeout: 10_000 }).toBe('99284');
    await p.screenshot({ path: join(ARTIFACTS, 'popup-page-summary-frames.png') });
    await p.close();
    await page.close();
  });
});

describe('popup: tally', () => {
  it('adds two codes from the page summary and one from search', async () => {
    await popup.click('.rl-ps-row[data-key="99204-25"] [data-testid="summary-add"]');
    await expect.poll(() => badge(popup)).toBe('1');
    await popup.click('.rl-ps-row[data-key="73562-RT"] [data-testid="summary-add"]');
    await expect.poll(() => badge(popup)).toBe('2');
    expect(await popup.textContent('.rl-ps-row[data-key="73562-RT"] [data-testid="summary-add"]')).toBe('✓');

    await addFromSearch(popup, '99213', '3');

    await popup.click('[data-testid="tab-tally"]');
    await popup.waitForSelector('[data-testid="tally-item"]');
    expect(await popup.locator('[data-testid="tally-item"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')))).toEqual(['99204', '73562', '99213']);

    // Two items in one encounter, a note, and the multiple-procedure explanation.
    const items = popup.locator('[data-testid="tally-item"]');
    await items.nth(0).locator('[data-testid="tally-encounter"]').fill('Visit A');
    await items.nth(0).locator('[data-testid="tally-encounter"]').press('Enter');
    await items.nth(1).locator('[data-testid="tally-encounter"]').fill('Visit A');
    await items.nth(1).locator('[data-testid="tally-encounter"]').press('Enter');
    await items.nth(2).locator('[data-testid="tally-note"]').fill('follow-up, 20 min');
    await items.nth(2).locator('[data-testid="tally-note"]').press('Enter');
    await expect.poll(() => items.nth(2).locator('[data-testid="tally-note"]').inputValue()).toBe('follow-up, 20 min');
    await popup.check('[data-testid="tally-mpp"]');
    await popup.waitForSelector('[data-testid="tally-mpp-lines"]');
    await expect.poll(() => popup.locator('[data-testid="tally-mpp-lines"]').textContent()).toMatch(/Visit A/);

    const priced = lookup(['99204-25', '73562-RT', '99213']);
    const w = ['99204-25', '73562-RT', '99213'].reduce((s, k) => s + Math.round(priced.get(k)!.workRvu! * 100), 0) / 100;
    const a = ['99204-25', '73562-RT', '99213'].reduce((s, k) => s + Math.round(priced.get(k)!.allowed.nonFacility! * 100), 0) / 100;
    await expect.poll(() => popup.getAttribute('[data-testid="tally-wrvu"]', 'data-value').then(Number)).toBeCloseTo(w, 2);
    expect(Number(await popup.getAttribute('[data-testid="tally-allowed"]', 'data-value'))).toBeCloseTo(a, 2);
    await popup.screenshot({ path: join(ARTIFACTS, 'popup-tally.png') });
  });

  it('keeps the tally across a browser restart and exports it as CSV', async () => {
    await session.close();
    session = await launchWithExtension({ userDataDir: profile, keepProfile: true });
    await waitForSeed(session.worker);
    const p = await openPopup('popup.html#tally');
    await p.waitForSelector('[data-testid="tally-item"]', { timeout: 20_000 });
    expect(await p.locator('[data-testid="tally-item"]').count()).toBe(3);
    expect(await p.locator('[data-testid="tally-item"]').nth(2).locator('[data-testid="tally-note"]').inputValue()).toBe('follow-up, 20 min');

    const rows = parseCsv((await p.getAttribute('[data-testid="tally-csv"]', 'data-csv'))!);
    const header = rows[0]!;
    const col = (name: string) => header.indexOf(name);
    expect(header.slice(0, 9)).toEqual(['Date added', 'Code', 'Modifiers', 'Description', 'Units', 'wRVU per unit', 'wRVU total', 'Allowed per unit (USD)', 'Allowed total (USD)']);
    expect(rows.length).toBe(5);
    expect(rows.slice(1, 4).map((r) => [r[col('Code')], r[col('Modifiers')], r[col('Units')]])).toEqual([
      ['99204', '25', '1'],
      ['73562', 'RT', '1'],
      ['99213', '', '1'],
    ]);
    expect(rows[3]![col('Allowed total (USD)')]).toBe('95.19');
    expect(rows[3]![col('Note')]).toBe('follow-up, 20 min');
    expect(rows[1]![col('Encounter')]).toBe('Visit A');
    const total = rows[4]!;
    expect(total[0]).toBe('Total');
    const sum = rows.slice(1, 4).reduce((s, r) => s + Math.round(Number(r[col('Allowed total (USD)')]) * 100), 0) / 100;
    expect(total[col('Allowed total (USD)')]).toBe(sum.toFixed(2));
    for (const r of rows.slice(1)) for (const name of ['Units', 'wRVU total', 'Allowed total (USD)']) expect(r[col(name)]).toMatch(/^-?\d+(\.\d{2})?$/);

    // Clear, then Undo brings the three items back.
    await p.click('[data-testid="tally-clear"]');
    await p.waitForSelector('[data-testid="tally-empty"]');
    await p.click('[data-testid="tally-undo"]');
    await expect.poll(() => p.locator('[data-testid="tally-item"]').count()).toBe(3);
    await p.close();
  });

  it("a lab test shows its CLFS amount on its line, outside the tally's Allowed total", async () => {
    const p = await openPopup('popup.html#tally');
    await p.waitForSelector('[data-testid="tally-item"]', { timeout: 20_000 });
    const before = Number(await p.getAttribute('[data-testid="tally-allowed"]', 'data-value'));
    await addFromSearch(p, '80053', '4');
    await p.click('[data-testid="tab-tally"]');
    const lab = p.locator('[data-testid="tally-item"][data-code="80053"]');
    await lab.waitFor();
    // The lookup command's amount for the lab test (its CLFS national limitation amount).
    const clfs = lookup(['80053']).get('80053')!.allowed.nonFacility!;
    await expect.poll(() => lab.locator('[data-testid="tally-other"]').textContent()).toBe(`CLFS $${clfs.toFixed(2)}`);
    expect(Number(await p.getAttribute('[data-testid="tally-allowed"]', 'data-value'))).toBeCloseTo(before, 2);
    await p.screenshot({ path: join(ARTIFACTS, 'popup-tally-lab.png') });
    await p.close();
  });
});
