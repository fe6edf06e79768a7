import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // browser tests run in their own configuration (npm run test:e2e)
    exclude: ['tests/e2e/**', 'node_modules/**'],
    globalSetup: ['tests/setup/real-snapshot.ts'],
    // Kuzu and llama.cpp are native; forks isolate them better than threads.
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 300_000,
  },
});
