import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { popoverUi } from '../lib/ui/popover-host';

/**
 * The popover UI (Preact, Floating UI, the code card), loaded by the page scanner when it first
 * opens a card, so the content script that runs on every page stays small. It runs in the content script's
 * isolated world and hands itself over through a global of that world.
 */
export default defineUnlistedScript(() => {
  (globalThis as { __rvuLensPopoverUi?: typeof popoverUi }).__rvuLensPopoverUi = popoverUi;
});
