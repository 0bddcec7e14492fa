/**
 * What every end-to-end file shares: one browser per file, a picture of every open page when a
 * test fails, and the few steps most flows start with (sign up, log in, call the graph).
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, inject } from 'vitest';
import { launch, OUTPUT_DIR } from './browser';
import { hasSecondFactor, nextCode } from './totp';

export const baseURL = inject('baseURL');
/** How long a step a quiet machine does in a moment may take on a busy one: the deadline of
 * every wait for the server (an email, a job, a page settling) ends a hang, not a slow run. */
export const PATIENCE = 60_000;
export const dataDir = inject('dataDir');

/**
 * Launches the browser for this file (closed after its last test) and registers the failure
 * screenshots. Returns a getter: the browser exists only once `beforeAll` has run.
 */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });
  /** On a failure, a picture of every open page (test-output/failed-*.png). */
  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail' || !browser) return;
    let i = 0;
    for (const ctx of browser.contexts()) {
      for (const p of ctx.pages()) {
        const name = `failed-${context.task.name.replace(/\W+/g, '-')}-${i++}.png`;
        await p.screenshot({ path: join(OUTPUT_DIR, name) }).catch(() => undefined);
      }
    }
  });
  return () => {
    if (!browser) throw new Error('the browser is launched in beforeAll');
    return browser;
  };
}

/** A text field by its accessible name (the required asterisk is aria-hidden). */
export const field = (p: Page, name: string) => p.getByRole('textbox', { name, exact: true });
export const password = (p: Page) => p.getByLabel(/^Password/);

export interface Person {
  email: string;
  name: string;
  password: string;
  company?: string;
}

/** A new customer with an address no other test uses. */
export function newPerson(firstName: string): Person {
  return {
    email: `${firstName.toLowerCase()}.${randomUUID().slice(0, 8)}@e2e.pixvault.test`,
    name: `${firstName} Tester`,
    password: 'a long enough passphrase',
  };
}

/** Signs a new customer up through the form (policies accepted, marketing left unticked). */
export async function signUp(p: Page, person: Person): Promise<void> {
  await p.goto('/signup');
  await field(p, 'Name').fill(person.name);
  if (person.company) await field(p, 'Company').fill(person.company);
  await field(p, 'Email').fill(person.email);
  await password(p).fill(person.password);
  await p.getByLabel(/I accept the terms/).check();
  await p.getByLabel(/I am at least \d+ years old/).check();
  await p.getByRole('button', { name: 'Create account' }).click();
  await p.getByRole('heading', { level: 1, name: /^Welcome to Pixvault,/ }).waitFor();
}

export async function logIn(p: Page, email: string, secret: string, rememberMe: boolean) {
  await p.goto('/login');
  await field(p, 'Email').fill(email);
  await password(p).fill(secret);
  if (rememberMe) await p.getByLabel('Remember me').check();
  await p.getByRole('button', { name: 'Log in' }).click();
  const welcome = p.getByRole('heading', { level: 1, name: /^Welcome back,/ });
  if (hasSecondFactor(dataDir, email)) {
    await p.getByRole('textbox', { name: 'Code', exact: true }).fill(await nextCode(dataDir, email));
    await p.getByRole('button', { name: 'Verify and log in' }).click();
  }
  await welcome.waitFor();
}

/** A GraphQL call outside the browser (no cookies unless given in headers). */
export async function gql<T>(
  body: { query: string; variables?: unknown },
  headers: Record<string, string> = {},
): Promise<T> {
  const response = await fetch(`${baseURL}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return (await response.json()) as T;
}

const CSRF = { 'X-Requested-With': 'pixvault' };

/** A GraphQL call with the cookies of a signed-in browser context; it must answer no errors. */
export async function callAs<T>(context: BrowserContext, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await context.request.post('/graphql', { data: { query, variables }, headers: CSRF });
  const body = (await response.json()) as { data: T; errors?: Array<{ message: string }> };
  expect(body.errors ?? []).toEqual([]);
  return body.data;
}

/** A client outside the browser, from an address of its own, keeping its cookies. */
export interface ApiSession {
  cookie: string;
  ip: string;
  userAgent?: string;
}

const octet = () => Math.floor(Math.random() * 250);

export const newApiSession = (): ApiSession => ({ cookie: '', ip: `10.${octet()}.${octet()}.${octet() + 1}` });

/** A GraphQL call of an ApiSession; it must answer no errors. */
export async function call<T>(session: ApiSession, query: string, variables: unknown = {}): Promise<T> {
  const response = await fetch(`${baseURL}/graphql`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...CSRF,
      'X-Forwarded-For': session.ip,
      'User-Agent': session.userAgent ?? `e2e-${session.ip}`,
      Cookie: session.cookie,
    },
    body: JSON.stringify({ query, variables }),
  });
  const set = response.headers.getSetCookie().map((c) => c.split(';')[0]);
  if (set.length) session.cookie = set.join('; ');
  const body = (await response.json()) as { data: T; errors?: unknown };
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data;
}

/** Signs a person up through the graph (not the form), in a new ApiSession. */
export async function signUpByApi(person: Person, marketing = false): Promise<ApiSession> {
  const session = newApiSession();
  const done = await call<{ signUp: { errors: unknown[] } }>(
    session,
    'mutation($i: SignUpInput!) { signUp(input: $i) { errors { kind } } }',
    {
      i: {
        name: person.name,
        email: person.email,
        password: person.password,
        acceptPolicies: true,
        minimumAgeConfirmed: true,
        marketingEmails: marketing,
      },
    },
  );
  expect(done.signUp.errors).toEqual([]);
  return session;
}
