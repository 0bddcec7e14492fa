import { defineConfig } from 'vitest/config';

/**
 * docs/api.md's TypeScript example against a live server (tests/test_api_guide.py starts it
 * and sets PIXVAULT to its address): the page is served from there, as the web app is.
 */
export default defineConfig({
  test: {
    environment: 'happy-dom',
    environmentOptions: { happyDOM: { url: process.env.PIXVAULT ?? 'http://127.0.0.1:8000' } },
    include: ['src/apiGuideExample.live.ts'],
    testTimeout: 30_000,
  },
});
