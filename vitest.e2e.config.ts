import { defineConfig } from 'vitest/config';

/**
 * Browser end-to-end tests of the renderer (tests/e2e/*.e2e.test.ts): Debian's Chromium through playwright-core,
 * against the built renderer (dist-renderer/, `vite build --config renderer/vite.config.ts` first) served by the real
 * `rarediag serve` on a real snapshot (the same global setup as the integration tests), and by a static server for the
 * fake-API smoke test. Files run one after the other: each starts its own server and browser.
 */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    globalSetup: ['tests/setup/real-snapshot.ts'],
    env: { RAREDIAG_E2E: '1' },
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 300_000,
  },
});
