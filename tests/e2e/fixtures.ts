/**
 * Shared end-to-end fixtures: a static server for the fixture pages on 127.0.0.1, and a persistent
 * Chromium context with the built extension loaded (launch flags from ../shared/docs/toolchain.md).
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const EXTENSION_DIR = resolve(ROOT, process.env.RVU_EXTENSION_DIR ?? '.output/chrome-mv3');
export const PAGES_DIR = resolve(ROOT, 'tests/fixtures/pages');
export const ARTIFACTS = resolve(ROOT, 'tests/artifacts');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.json': 'application/json', '.css': 'text/css' };

/** Serve `dir` on 127.0.0.1 (a random port). Extra routes can serve generated pages. */
export async function serveStatic(dir = PAGES_DIR, extra: Record<string, () => string> = {}): Promise<{ url: string; server: Server; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const gen = extra[path];
    if (gen) {
      res.writeHead(200, { 'content-type': TYPES['.html'] });
      res.end(gen());
      return;
    }
    const file = normalize(join(dir, path));
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return { url: `http://127.0.0.1:${port}`, server, close: () => new Promise((ok) => server.close(() => ok())) };
}

export interface ExtensionSession {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  userDataDir: string;
  close: () => Promise<void>;
}

/** Throws unless EXTENSION_DIR holds a built extension with its dataset. */
export function assertBuilt(): void {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) throw new Error(`No built extension at ${EXTENSION_DIR}: run \`npm run build\` first.`);
  // (`wxt build` alone builds no dataset: `npm run build` runs the data pipeline first.)
  if (!existsSync(join(EXTENSION_DIR, 'dataset.json'))) throw new Error(`The extension at ${EXTENSION_DIR} has no dataset.json: run \`npm run build\` (not \`wxt build\` alone).`);
}

/** Launch Chromium with the built extension; reuse `userDataDir` to simulate a browser restart. */
export async function launchWithExtension(opts: { userDataDir?: string; keepProfile?: boolean } = {}): Promise<ExtensionSession> {
  assertBuilt();
  const userDataDir = opts.userDataDir ?? mkdtempSync(join(tmpdir(), 'rvu-lens-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    extensionId,
    userDataDir,
    close: async () => {
      await context.close();
      if (!opts.keepProfile && !opts.userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Wait until the service worker reports the bundled release as loaded in IndexedDB. */
export async function waitForSeed(worker: Worker, timeoutMs = 60_000): Promise<{ pfs: number; localities: number; release: string }> {
  const t0 = Date.now();
  for (;;) {
    // Written without named inner functions: tsx (npm start) would wrap them in a `__name` helper
    // that does not exist inside the worker.
    const info = await worker.evaluate(async () => {
      const open = indexedDB.open('rvu-lens');
      const db: IDBDatabase = await new Promise((ok, ko) => {
        open.onsuccess = () => ok(open.result);
        open.onerror = () => ko(open.error);
      });
      try {
        if (!db.objectStoreNames.contains('meta')) return null;
        const tx = db.transaction(['meta', 'codes', 'localities'], 'readonly');
        const [meta, pfs, localities] = await Promise.all(
          [tx.objectStore('meta').get('dataset'), tx.objectStore('codes').count(), tx.objectStore('localities').count()].map(
            (r: IDBRequest) => new Promise<unknown>((ok, ko) => {
              r.onsuccess = () => ok(r.result);
              r.onerror = () => ko(r.error);
            }),
          ),
        );
        if (!meta) return null;
        return { pfs: pfs as number, localities: localities as number, release: (meta as { release: { id: string } }).release.id };
      } finally {
        db.close();
      }
    });
    if (info) return info;
    if (Date.now() - t0 > timeoutMs) throw new Error('The extension did not seed IndexedDB in time');
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Send a message to the background from an extension page (as the popup would). */
export async function extensionPage(session: ExtensionSession, path = 'popup.html'): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(`chrome-extension://${session.extensionId}/${path}`);
  return page;
}

/** Wait until the number of marked ranges (main frame) stops changing; returns it (-1: none registered). */
export async function settle(page: Page, quietMs = 600, timeoutMs = 20_000): Promise<number> {
  const t0 = Date.now();
  let last = -1;
  let since = Date.now();
  for (;;) {
    const n = await page.evaluate(() => CSS.highlights.get('rvu-lens-code')?.size ?? -1);
    if (n !== last) {
      last = n;
      since = Date.now();
    } else if (n >= 0 && Date.now() - since >= quietMs) return n;
    if (Date.now() - t0 > timeoutMs) return n;
    await page.waitForTimeout(100);
  }
}
