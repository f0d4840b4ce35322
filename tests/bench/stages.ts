/**
 * Where the scan's time goes, stage by stage, on the generated claim page (default 20,000 rows):
 * the scanner's pipeline as one synchronous pass in a plain Chromium page (no extension, no
 * profiler), cut after each stage; every stage on a fresh load, median of ROUNDS. The floor (one
 * TreeWalker + one regex, as in `npm run bench`) is measured on the same loads.
 *
 * Run: npx tsx tests/bench/stages.ts [rows]   (needs `npm run data`; ROUNDS=3 by default)
 */
import { buildSync } from 'esbuild';
import { chromium } from 'playwright-core';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeDataset } from '../../lib/dataset/codec';
import { encodeCodeSet } from '../../lib/codes/code-set';
import { CHROMIUM, serveStatic } from '../e2e/fixtures';
import { claimPage } from './pages';
import { readFileSync } from 'node:fs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const STAGES = ['walk + read every text node', '+ code-shape regex', '+ code-set check', '+ context of known codes', '+ detect (ancestors, visibility, context, scoring)', '+ mark (Highlight)'];
const rows = Number(process.argv[2] ?? 20000);
const rounds = Math.max(1, Number(process.env.ROUNDS ?? 3));

const ds = decodeDataset(readFileSync(resolve(ROOT, 'data/generated/public/dataset.json'), 'utf8'));
const bits = encodeCodeSet([...ds.pfs, ...ds.hcpcs, ...ds.clfs, ...ds.dmepos].map((r) => r.code));
const src = buildSync({ entryPoints: [resolve(ROOT, 'tests/bench/stage-entry.ts')], bundle: true, format: 'iife', write: false, logLevel: 'error' }).outputFiles[0]!.text;
const html = claimPage(rows);
const server = await serveStatic(undefined, { '/claims.html': () => html });
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
const ctx = await browser.newContext();

const floor = (): number => {
  const t0 = performance.now();
  const re = /\b\d{4}[0-9FTUM]\b|\b[A-V]\d{4}\b/g;
  const tw = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = tw.nextNode(); n; n = tw.nextNode()) {
    const t = (n as Text).data;
    re.lastIndex = 0;
    while (re.exec(t));
  }
  return performance.now() - t0;
};

const times: number[][] = STAGES.map(() => []);
const floors: number[] = [];
for (let r = 0; r < rounds; r++) {
  for (let s = -1; s < STAGES.length; s++) {
    const page = await ctx.newPage();
    await page.goto(`${server.url}/claims.html`, { waitUntil: 'load', timeout: 120_000 });
    await page.waitForTimeout(500);
    if (s < 0) floors.push(await page.evaluate(floor));
    else {
      await page.addScriptTag({ content: src });
      const out = await page.evaluate(([b, upto]) => (window as unknown as { __stage: (b: string, u: number) => { ms: number } }).__stage(b as string, upto as number), [bits, s]);
      times[s]!.push(out.ms);
    }
    await page.close();
  }
}
const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)] ?? NaN;
console.log(`${rows.toLocaleString('en-US')} rows, median of ${rounds} fresh loads per stage (plain Chromium, no profiler)`);
console.log(`${'floor (TreeWalker + one regex)'.padEnd(52)} ${median(floors).toFixed(0).padStart(6)} ms`);
let prev = 0;
STAGES.forEach((name, i) => {
  const m = median(times[i]!);
  console.log(`${name.padEnd(52)} ${m.toFixed(0).padStart(6)} ms  (stage +${(m - prev).toFixed(0)} ms, ${(m / median(floors)).toFixed(1)}× floor)`);
  prev = m;
});
await browser.close();
await server.close();
