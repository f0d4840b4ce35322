import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

const root = fileURLToPath(new URL('..', import.meta.url));

// Unit and data tests: in-memory `fakeBrowser`, fake-indexeddb. DOM tests opt in per file with
// `// @vitest-environment happy-dom`.
export default defineConfig({
  root,
  plugins: [WxtVitest({ root })],
  test: {
    include: ['tests/unit/**/*.test.ts?(x)', 'tests/data/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['fake-indexeddb/auto'],
    mockReset: true,
    restoreMocks: true,
    testTimeout: 60_000,
  },
});
