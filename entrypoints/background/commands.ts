/** Keyboard shortcuts and the context-menu entry: forwarded to the active tab's scanner. */
import { browser } from 'wxt/browser';
import { tabCommand, type TabCommandName } from '../../lib/commands';

const MENU_ID = 'rvu-lens-lookup';

export function registerCommands(): void {
  browser.commands?.onCommand.addListener((command, tab) => {
    if (command === 'page-summary') {
      void openPopupAt('popup.html#page');
      return;
    }
    if (command !== 'next-code' && command !== 'previous-code' && command !== 'lookup-selection') return;
    void send(tab?.id, command);
  });
  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus?.create({ id: MENU_ID, title: 'Look up “%s” in RVU Lens', contexts: ['selection'] }, () => void browser.runtime.lastError);
  });
  browser.contextMenus?.onClicked.addListener((info, tab) => {
    if (info.menuItemId !== MENU_ID) return;
    void send(tab?.id, 'lookup-selection', (info.selectionText ?? '').slice(0, 1000), info.frameId);
  });
}

async function send(tabId: number | undefined, command: TabCommandName, text?: string, frameId?: number): Promise<void> {
  const id = tabId ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
  if (id === undefined) return;
  await browser.tabs.sendMessage(id, tabCommand(command, text), frameId === undefined ? { frameId: 0 } : { frameId }).catch(() => undefined);
}

/** Open the toolbar popup on one of its views (the shortcut for "Codes on this page"). */
async function openPopupAt(path: string): Promise<void> {
  const action = browser.action as typeof browser.action & { openPopup?: () => Promise<void> };
  if (!action.openPopup) return;
  await action.setPopup({ popup: path });
  try {
    await action.openPopup();
  } finally {
    await action.setPopup({ popup: 'popup.html' });
  }
}
