import { describe, expect, it } from 'vitest';
import { logIn } from './apiGuideExample';

// Runs docs/api.md's TypeScript example (src/apiGuideExample.ts, the same text) against a live
// server: tests/test_api_guide.py starts it, makes the account and runs vitest.guide.config.ts
// with the page's address set to the server's, so the example's same-origin requests reach it.
const email = process.env.EMAIL ?? '';
const password = process.env.PASSWORD ?? '';

describe("docs/api.md's TypeScript example", () => {
  it('signs in and says who, and passes a wrong password on as the payload error', async () => {
    expect(email).not.toBe('');
    expect(await logIn(email, password)).toMatch(/^Signed in as \S+$/);
    expect(await logIn(email, `${password}-wrong`)).not.toMatch(/^Signed in as/);
  });
});
