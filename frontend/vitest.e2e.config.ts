import { defineConfig } from 'vitest/config';

// End-to-end tests: Debian's chromium (never a downloaded browser) driven by playwright-core
// against a live Pixvault server that e2e/globalSetup.ts starts on a fresh SQLite database.
// Run with `npm run test:e2e` (which builds the app first).
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['./e2e/globalSetup.ts'],
    fileParallelism: false,
    // Hang guards, generous for a busy machine: each wait inside a test has its own deadline.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    reporters: ['default'],
  },
});
