import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { createPageController } from '../lib/detector/page-controller';
import { ViewportRegistrar } from '../lib/detector/viewport';
import type { PageUi } from '../lib/ui/popover-tag';

/**
 * The page controller (hover and keyboard, cards, viewport registration of marks on big pages),
 * loaded by the page scanner when the first mark appears: small, so evaluating it never makes a long task.
 * The popover itself (Preact, Floating UI) waits in popover-ui.js for the first card opened. Runs
 * in the content script's isolated world and hands itself over through a global of that world.
 */
const pageUi: PageUi = { createPageController, ViewportRegistrar };

export default defineUnlistedScript(() => {
  (globalThis as { __rvuLensPageUi?: PageUi }).__rvuLensPageUi = pageUi;
});
