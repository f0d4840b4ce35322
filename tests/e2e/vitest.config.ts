import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('../..', import.meta.url));

// End-to-end tests: the built extension (.output/chrome-mv3) in Debian's Chromium via playwright-core.
// One browser at a time on a 2-core machine: files run sequentially.
export default defineConfig({
  root,
  test: {
    include: ['tests/e2e/**/*.spec.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
