/**
 * `npm start`: launch Chromium with the built extension on the bundled demo charge screen.
 * With a display it opens a window and waits until you close it; without one it runs headless,
 * hovers a code, saves tests/artifacts/demo-popover.png and prints what the popover shows.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { ARTIFACTS, CHROMIUM, EXTENSION_DIR, launchWithExtension, serveStatic, waitForSeed } from './fixtures';

async function main(): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const server = await serveStatic();
  const url = `${server.url}/charge-screen.html`;
  if (process.env.DISPLAY && !process.env.CI) {
    const ctx = await chromium.launchPersistentContext('', {
      executablePath: CHROMIUM,
      headless: false,
      viewport: null,
      args: [`--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`, '--no-first-run', '--disable-background-networking'],
    });
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    await page.goto(url);
    console.log(`RVU Lens demo open at ${url}: hover a highlighted code. Close the browser to finish.`);
    await new Promise<void>((done) => ctx.on('close', () => done()));
    await server.close();
    return;
  }
  const session = await launchWithExtension();
  try {
    const seeded = await waitForSeed(session.worker);
    console.log(`Seeded ${seeded.release}: ${seeded.pfs} fee schedule rows, ${seeded.localities} localities.`);
    const page = await session.context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => (CSS.highlights.get('rvu-lens-code')?.size ?? 0) > 0, null, { timeout: 20_000 });
    await page.waitForTimeout(800);
    const marks = await page.evaluate(() => [...(CSS.highlights.get('rvu-lens-code') ?? [])].map((r) => (r.startContainer as Text).data.slice(r.startOffset, r.endOffset)));
    console.log(`Marked ${marks.length} codes: ${marks.join(', ')}`);
    const point = await page.evaluate(() => {
      const s = [...(CSS.highlights.get('rvu-lens-code') ?? [])][0];
      if (!s) return null;
      const r = new Range();
      r.setStart(s.startContainer, s.startOffset);
      r.setEnd(s.endContainer, s.endOffset);
      const b = r.getBoundingClientRect();
      return b ? { x: b.left + b.width / 2, y: b.top + b.height / 2 } : null;
    });
    if (!point) throw new Error('No code was marked on the demo page');
    await page.mouse.move(point.x - 30, point.y + 30);
    await page.mouse.move(point.x, point.y, { steps: 4 });
    const card = page.locator('rvu-lens-popover .rl-card');
    await card.waitFor({ state: 'visible', timeout: 5000 });
    const shot = resolve(ARTIFACTS, 'demo-popover.png');
    await page.screenshot({ path: shot });
    console.log('\nThe popover shows:\n' + (await card.innerText()).replace(/\n{2,}/g, '\n'));
    console.log(`\nScreenshot: ${shot}`);
  } finally {
    await session.close();
    await server.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
