import { browser } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { sendMessage } from '../lib/messaging';
import { startPageSession, type PageSession } from '../lib/detector/page-session';
import { readPageSettings, watchPageSettings } from '../lib/page-settings';
import type { Strictness } from '../lib/settings-core';
import type { PageUi, PopoverUi } from '../lib/ui/popover-tag';
import { isTabCommand } from '../lib/commands';
import { CodeSet } from '../lib/codes/code-set';

/**
 * The content script, on every page and frame (declared in wxt.config.ts with the marks'
 * stylesheet, entrypoints/marks.content.css). It is built as an unlisted script rather than with
 * WXT's defineContentScript: that one wraps the script in a ContentScriptContext (~3 kB
 * minified, with a location watcher this script has no use for) that also announces every
 * start to the page with `window.postMessage`, so any page could tell the extension is there.
 */
export default defineUnlistedScript(() => void startScanner());

type UiGlobals = { __rvuLensPageUi?: PageUi; __rvuLensPopoverUi?: PopoverUi };

/**
 * The interactive parts live in their own files (entrypoints/page-ui.ts, entrypoints/popover-ui.ts),
 * imported on first use; each hands itself over through a global of this isolated world.
 */
async function loadUi<K extends keyof UiGlobals>(file: string, key: K): Promise<NonNullable<UiGlobals[K]>> {
  const g = globalThis as UiGlobals;
  if (!g[key]) await import(/* @vite-ignore */ (browser.runtime.getURL as (path: string) => string)(file));
  const mod = g[key];
  if (!mod) throw new Error(`${file} did not load`);
  return mod;
}

/** Wiring only: settings decide whether a session runs; commands from the background drive it. */
async function startScanner(): Promise<void> {
  let session: PageSession | null = null;
  let strictness: Strictness = 'balanced';
  const dom = (browser as unknown as { dom?: { openOrClosedShadowRoot?: (el: Element) => ShadowRoot | null } }).dom;

  // A script cut off from the extension (updated, reloaded or removed: no runtime id) starts nothing.
  const isValid = () => browser.runtime?.id !== undefined;

  const update = async () => {
    const settings = await readPageSettings(location.hostname);
    const changedStrictness = settings.strictness !== strictness;
    strictness = settings.strictness;
    if (settings.enabledHere && !session && isValid()) {
      session = startPageSession(document, {
        lookup: (requests) => sendMessage('lookupCodes', { requests }),
        codeSet: async () => new CodeSet(await sendMessage('codeSet')),
        addToTally: (item) => sendMessage('tallyAdd', { items: [item] }),
        strictness: () => strictness,
        openOrClosedShadowRoot: dom?.openOrClosedShadowRoot ? (el) => dom.openOrClosedShadowRoot!(el) : undefined,
        copy: (text) => void navigator.clipboard?.writeText(text).catch(() => undefined),
        onError: (err) => console.debug('[RVU Lens]', err),
        loadPageUi: () => loadUi('/page-ui.js', '__rvuLensPageUi'),
        loadPopoverUi: () => loadUi('/popover-ui.js', '__rvuLensPopoverUi'),
      });
    } else if (!settings.enabledHere && session) {
      session.stop();
      session = null;
    } else if (session && changedStrictness) {
      void session.scanner.rescan();
    }
  };
  const unwatch = watchPageSettings((what) => {
    if (what === 'scope') void update();
    else session?.refreshCards();
  });

  function onMessage(msg: unknown) {
    if (!isTabCommand(msg)) return undefined;
    // The popup's page summary: the top frame answers (with how many frames it holds); a tab
    // gets one answer per message, so every other frame sends its codes to the popup itself.
    if (msg.command === 'page-codes') {
      const codes = (session?.pageCodes() ?? Promise.resolve([])).then((marks) => ({ marks, url: location.href, frames: frames.length }));
      if (window === window.top) return codes;
      void codes.then((c) => browser.runtime.sendMessage({ rvuLensFrameCodes: 1, ...c })).catch(() => undefined);
      return undefined;
    }
    if (msg.command === 'scan-progress') {
      const s = session?.scanner;
      return window === window.top ? Promise.resolve(s ? [s.highlighter.size, s.busyMs, s.maxSliceMs, s.maxSliceAt] : [0, 0, 0, 0]) : undefined;
    }
    if (!session) return undefined;
    if (msg.command === 'reveal') return session.reveal(msg.text ?? '', msg.index);
    if (msg.command === 'next-code') void session.step(1);
    else if (msg.command === 'previous-code') void session.step(-1);
    else if (msg.command === 'lookup-selection') void session.lookupText(msg.text ?? String(document.getSelection() ?? ''));
    else if (msg.command === 'refresh') session.refreshRelease();
    return undefined;
  }
  browser.runtime.onMessage.addListener(onMessage);
  await update();
}
