import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { sendMessage } from '../../lib/messaging';
import { startPageSession, type PageSession } from '../../lib/detector/page-session';
import { disabledSitesItem, isSiteEnabled, scannerEnabledItem, strictnessItem, localityItem, settingItem, cfTrackItem, type Strictness } from '../../lib/settings';
import { isTabCommand } from '../../lib/commands';

export default defineContentScript({
  matches: ['<all_urls>'],
  allFrames: true,
  matchAboutBlank: true,
  runAt: 'document_idle',
  main: (ctx) => startScanner(ctx),
});

/** Wiring only: settings decide whether a session runs; commands from the background drive it. */
async function startScanner(ctx: ContentScriptContext): Promise<void> {
  let session: PageSession | null = null;
  let strictness: Strictness = await strictnessItem.getValue();
  const host = location.hostname;

  const dom = (browser as unknown as { dom?: { openOrClosedShadowRoot?: (el: Element) => ShadowRoot | null } }).dom;
  const update = async () => {
    const on = isSiteEnabled(host, await scannerEnabledItem.getValue(), await disabledSitesItem.getValue());
    if (on && !session && ctx.isValid) {
      session = startPageSession(document, {
        lookup: (requests) => sendMessage('lookupCodes', { requests }),
        strictness: () => strictness,
        openOrClosedShadowRoot: dom?.openOrClosedShadowRoot ? (el) => dom.openOrClosedShadowRoot!(el) : undefined,
        copy: (text) => void navigator.clipboard?.writeText(text).catch(() => undefined),
        onError: (err) => console.debug('[RVU Lens]', err),
      });
    } else if (!on && session) {
      session.stop();
      session = null;
    }
  };
  await update();

  const unwatch = [
    scannerEnabledItem.watch(() => void update()),
    disabledSitesItem.watch(() => void update()),
    strictnessItem.watch((v) => {
      strictness = v;
      void session?.scanner.rescan();
    }),
    localityItem.watch(() => session?.refreshCards()),
    settingItem.watch(() => session?.refreshCards()),
    cfTrackItem.watch(() => session?.refreshCards()),
  ];

  const onMessage = (msg: unknown) => {
    if (!isTabCommand(msg) || !session) return;
    if (msg.command === 'next-code') session.hover.step(1);
    else if (msg.command === 'previous-code') session.hover.step(-1);
    else if (msg.command === 'lookup-selection') void session.lookupText(msg.text ?? String(document.getSelection() ?? ''));
    else if (msg.command === 'refresh') session.refreshCards();
  };
  browser.runtime.onMessage.addListener(onMessage);

  ctx.onInvalidated(() => {
    for (const u of unwatch) u();
    browser.runtime.onMessage.removeListener(onMessage);
    session?.stop();
    session = null;
  });
}
