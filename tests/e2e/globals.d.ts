// Extension pages and the service worker evaluated by Playwright have the `chrome` global.
// eslint-disable-next-line -- test-only loose typing of the extension API
declare const chrome: any;
