import { defineConfig } from 'wxt';

// See README "Architecture". Auto-imports are off: every WXT API is imported explicitly.
export default defineConfig({
  imports: false,
  // The dataset built by `npm run data` is copied into the extension as a static asset
  // (`/dataset.json`): it is fetched once at seed time, never bundled into a script.
  publicDir: 'data/generated/public',
  // Terser (two compress passes) keeps the script that runs on every page well under 40 kB.
  // RVU_NO_MINIFY=1 builds readable code with real function names, for profiling.
  vite: () => ({ build: process.env.RVU_NO_MINIFY ? { minify: false } : { minify: 'terser', terserOptions: { compress: { passes: 2 } } } }),
  manifest: ({ browser }) => ({
    name: 'RVU Lens',
    description:
      'CPT/HCPCS codes on any page answer on hover: work RVU, total RVUs and the Medicare allowed amount for your locality. Offline; nothing leaves the browser.',
    permissions: ['storage', 'unlimitedStorage', 'contextMenus', 'activeTab'],
    // The content script (entrypoints/scanner.ts, an unlisted script: see there why) and the marks'
    // look (entrypoints/marks.content.css), injected by the browser before the page's first layout.
    content_scripts: [
      {
        matches: ['<all_urls>'],
        js: ['scanner.js'],
        css: ['content-scripts/marks.css'],
        all_frames: true,
        match_about_blank: true,
        run_at: 'document_idle',
      },
    ],
    // The controller (first mark) and the popover UI (first card) are imported by the content script
    // when needed (kept out of the script that runs on every page). A per-session dynamic URL keeps
    // pages from probing for the extension.
    web_accessible_resources: [{ resources: ['page-ui.js', 'popover-ui.js'], matches: ['<all_urls>'], use_dynamic_url: true }],
    commands: {
      'next-code': {
        suggested_key: { default: 'Alt+Shift+N' },
        description: 'Go to the next marked code and show its figures',
      },
      'previous-code': {
        suggested_key: { default: 'Alt+Shift+P' },
        description: 'Go to the previous marked code and show its figures',
      },
      'page-summary': {
        suggested_key: { default: 'Alt+Shift+S' },
        description: 'Show the codes on this page with their totals',
      },
      'lookup-selection': {
        suggested_key: { default: 'Alt+Shift+L' },
        description: 'Look up the selected code',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'rvu-lens@example.org',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
