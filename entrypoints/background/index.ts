import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { decodeDataset } from '../../lib/dataset/codec';
import { db } from '../../lib/db/db';
import { replaceRelease } from '../../lib/db/release';
import { ensureSeeded } from '../../lib/db/seed';
import { registerHandlers } from './handlers';
import { registerCommands } from './commands';

// Typed loosely: WXT types getURL from public/ files, and the dataset is generated after install.
const datasetUrl = () => (browser.runtime.getURL as (path: string) => string)('/dataset.json');

/** Wiring only: seed (version-gated), message handlers, keyboard commands and context menu. */
export default defineBackground(() => {
  const version = browser.runtime.getManifest().version;
  const loadBundled = async () => decodeDataset(await (await fetch(datasetUrl())).text());
  const log = (m: string) => console.info(`[RVU Lens] ${m}`);

  let seeding: Promise<unknown> | null = null;
  const ready = () => {
    seeding ??= ensureSeeded(db, { version, loadBundled, log }).catch((err: unknown) => {
      seeding = null; // let the next message retry
      throw err;
    });
    return seeding;
  };
  const reseedBundled = async () => {
    await ready();
    return replaceRelease(db, await loadBundled(), { origin: 'bundled', seededBy: version });
  };

  registerHandlers({ ready, reseedBundled });
  registerCommands();
  browser.runtime.onInstalled.addListener(() => void ready());
  void ready();
});
