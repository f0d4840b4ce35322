/**
 * Message handlers: one small function per message, each delegating to lib/db or lib/pricing.
 * Every message is validated (lib/messages/validate) and mutating ones are accepted only from
 * extension pages. Handlers wait for seeding, so a lookup during the first install just waits.
 */
import { browser } from 'wxt/browser';
import { decodeDataset } from '../../lib/dataset/codec';
import { db } from '../../lib/db/db';
import { activeCodeSet, getMeta, replaceRelease } from '../../lib/db/release';
import { listLocalities } from '../../lib/db/queries';
import { isEnvelope, type MessageType, type ProtocolMap, type Reply } from '../../lib/messaging';
import { validateMessage } from '../../lib/messages/validate';
import { buildCards, buildSearchCorpus } from '../../lib/pricing/cards';
import { resetExtras } from '../../lib/pricing/extras';
import { itemsFromRequests, loadTally, releases, tallyReport, updateTally } from '../../lib/pricing/tally';
import type { TallyAction } from '../../lib/tally/reducer';
import { readSettings } from '../../lib/settings';
import { tabCommand } from '../../lib/commands';

type Handlers = { [K in MessageType]: (data: Parameters<ProtocolMap[K]>[0]) => Promise<ReturnType<ProtocolMap[K]>> };

export function registerHandlers(deps: { ready: () => Promise<unknown>; reseedBundled: () => Promise<ProtocolMap['resetToBundled'] extends () => infer R ? R : never> }): void {
  let codeSet: Promise<string> | null = null;
  const handlers: Handlers = {
    async lookupCodes({ requests }) {
      await deps.ready();
      return buildCards(db, requests, await readSettings());
    },
    codeSet() {
      // Stored with the release; answered from memory to every page after the first read.
      codeSet ??= deps.ready().then(() => activeCodeSet(db));
      codeSet.catch(() => {
        codeSet = null;
      });
      return codeSet;
    },
    async tallyAdd({ items }) {
      await deps.ready();
      const state = await updateTally(db, itemsFromRequests(items));
      return tallyReport(db, state, await readSettings());
    },
    async getTally({ releaseId, applyMpp }) {
      await deps.ready();
      return tallyReport(db, await loadTally(db), await readSettings(), { releaseId: releaseId ?? null, applyMpp: applyMpp ?? false });
    },
    async tallyAction({ action, applyMpp }) {
      await deps.ready();
      const state = await updateTally(db, action as TallyAction);
      return tallyReport(db, state, await readSettings(), { applyMpp: applyMpp ?? false });
    },
    async listReleases() {
      await deps.ready();
      return releases(db);
    },
    async getDatasetInfo() {
      await deps.ready();
      return (await getMeta(db)) ?? null;
    },
    async listLocalities() {
      await deps.ready();
      return listLocalities(db);
    },
    async getSearchCorpus() {
      await deps.ready();
      return buildSearchCorpus(db, await readSettings());
    },
    async importRelease({ datasetText }) {
      await deps.ready();
      const ds = decodeDataset(datasetText);
      const meta = await replaceRelease(db, ds, { origin: 'imported', seededBy: browser.runtime.getManifest().version });
      resetExtras();
      codeSet = null;
      await notifyTabs();
      return meta;
    },
    async resetToBundled() {
      const meta = await deps.reseedBundled();
      resetExtras();
      codeSet = null;
      await notifyTabs();
      return meta;
    },
  };

  const extensionOrigin = new URL(browser.runtime.getURL('/')).origin;

  browser.runtime.onMessage.addListener((message: unknown, sender: { url?: string; id?: string }) => {
    if (!isEnvelope(message)) return undefined;
    let fromExtensionPage = false;
    try {
      fromExtensionPage = sender.id === browser.runtime.id && !!sender.url && new URL(sender.url).origin === extensionOrigin;
    } catch {
      fromExtensionPage = false;
    }
    const v = validateMessage(message.type, message.data, fromExtensionPage);
    if (!v.ok) return Promise.resolve<Reply<never>>({ ok: false, error: v.error });
    const handler = handlers[v.type] as (data: unknown) => Promise<unknown>;
    return handler(v.data).then(
      (value): Reply<unknown> => ({ ok: true, value }),
      (err: unknown): Reply<unknown> => ({ ok: false, error: err instanceof Error ? err.message : String(err) }),
    );
  });
}

/** Tell every tab's scanner that the figures changed (new release). */
async function notifyTabs(): Promise<void> {
  const tabs = await browser.tabs.query({});
  await Promise.all(tabs.map((t) => (t.id === undefined ? undefined : browser.tabs.sendMessage(t.id, tabCommand('refresh')).catch(() => undefined))));
}
