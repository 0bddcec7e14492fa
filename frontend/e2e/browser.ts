/**
 * Debian's chromium driven by playwright-core. The project never downloads a browser: the
 * executable is /usr/bin/chromium (override with CHROMIUM_PATH).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const OUTPUT_DIR = resolve(import.meta.dirname, '../test-output');

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: install Debian's chromium (apt-get install chromium)`);
  }
  mkdirSync(OUTPUT_DIR, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Every console error and uncaught exception of every page, to assert none happened. */
export const consoleProblems: string[] = [];

export function watch(page: Page, label: string): Page {
  page.on('console', (message) => {
    if (message.type() === 'error') consoleProblems.push(`[${label}] console: ${message.text()}`);
  });
  page.on('pageerror', (error) => consoleProblems.push(`[${label}] uncaught: ${error.message}`));
  return page;
}

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

/**
 * The cookie banner asks every visitor without a recorded choice: a new browser, a browser
 * after log-out (signing in hands the visitor's choices to the account), or an account without
 * one. `cookieChoice` answers it for a context the way the app's banner does (setConsents with
 * source BANNER, through the context's own cookies, so they belong to the visitor or to the
 * signed-in account), each time the app asks whether the banner is needed, before the server
 * answers. So the banner never shows in flows that are not about it:
 * - 'refuse-all' (the default): only strictly necessary cookies, so no page views are recorded;
 * - 'accept-all': preferences and analytics granted;
 * - 'none': nothing is recorded and the banner shows (the banner's own tests).
 */
export type CookieChoice = 'refuse-all' | 'accept-all' | 'none';

export interface ContextOptions {
  cookieChoice?: CookieChoice;
}

/** Records a banner answer for whoever the context's cookies name (visitor or account). */
export async function recordCookieChoice(
  context: BrowserContext,
  baseURL: string,
  choice: Exclude<CookieChoice, 'none'>,
): Promise<void> {
  const granted = choice === 'accept-all';
  const response = await context.request.post(`${baseURL}/graphql`, {
    headers: { 'X-Requested-With': 'pixvault' },
    data: {
      query: `mutation RecordCookieChoice($decisions: [ConsentInput!]!) {
        setConsents(decisions: $decisions, source: BANNER) { errors { kind message } } }`,
      variables: {
        decisions: [
          { purpose: 'NECESSARY', granted: true },
          { purpose: 'PREFERENCES', granted },
          { purpose: 'ANALYTICS', granted },
        ],
      },
    },
  });
  const body = (await response.json()) as {
    data?: { setConsents: { errors: Array<{ kind: string; message: string }> } };
    errors?: unknown;
  };
  const errors = body.data?.setConsents.errors ?? [];
  if (!response.ok() || body.errors || errors.length > 0) {
    throw new Error(
      `recording the cookie choice failed (HTTP ${response.status()}): ${JSON.stringify(body.errors ?? errors)}`,
    );
  }
}

/** The app's question "must the banner ask?" (Query.consentState), not a mutation's answer. */
function asksForConsentState(postData: string | null): boolean {
  return !!postData && /\bconsentState\b/.test(postData) && !/\bmutation\b/.test(postData);
}

async function answerBannerFirst(
  context: BrowserContext,
  baseURL: string,
  choice: Exclude<CookieChoice, 'none'>,
): Promise<void> {
  await context.route(/\/graphql$/, async (route) => {
    const request = route.request();
    const json = (request.headers()['content-type'] ?? '').includes('application/json');
    if (!json || !asksForConsentState(request.postData())) return route.fallback();
    try {
      let response = await route.fetch();
      const body = (await response.json()) as { data?: { consentState?: { bannerRequired?: boolean } } };
      if (body.data?.consentState?.bannerRequired === true) {
        await recordCookieChoice(context, baseURL, choice);
        response = await route.fetch();
      }
      await route.fulfill({ response });
    } catch (error) {
      // The test closed the page or context while the question was on its way: nobody waits
      // for the answer any more.
      if (/disposed|closed|Target page, context or browser/i.test(String(error))) return;
      throw error;
    }
  });
}

let contexts = 0;
const addresses = new WeakMap<BrowserContext, string>();

/**
 * The address the server sees for a context. Each context is its own "device" on its own
 * address (TEST-NET-3, forwarded by the loopback proxy the e2e server trusts), so the per-address
 * limits (10 sign-ups an hour, ...) count each browser apart, as they would in real life.
 */
export function addressOf(context: BrowserContext): string {
  const address = addresses.get(context);
  if (!address) throw new Error('not a context made by newContext');
  return address;
}

export async function newContext(
  browser: Browser,
  baseURL: string,
  viewport = DESKTOP,
  { cookieChoice = 'refuse-all' }: ContextOptions = {},
): Promise<BrowserContext> {
  contexts += 1;
  const address = `203.0.113.${(contexts % 254) + 1}`;
  const context = await browser.newContext({
    baseURL,
    viewport,
    extraHTTPHeaders: { 'X-Forwarded-For': address },
    locale: 'en-GB',
    timezoneId: 'Europe/Berlin',
    colorScheme: 'light',
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  // Fail a step with Playwright's own message rather than the test's time-out.
  context.setDefaultTimeout(30_000);
  addresses.set(context, address);
  if (cookieChoice !== 'none') await answerBannerFirst(context, baseURL, cookieChoice);
  return context;
}

export async function newPage(context: BrowserContext, label: string): Promise<Page> {
  return watch(await context.newPage(), label);
}

/** Saves test-output/<name>.png once the page has settled (no spinners, no skeletons). */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page
    .locator('[role="status"], .mantine-Skeleton-root')
    .first()
    .waitFor({ state: 'detached', timeout: 5_000 })
    .catch(() => undefined);
  // let transitions (modals, notifications) finish
  await page.waitForTimeout(350);
  const viewport = page.viewportSize();
  if (fullPage && viewport) {
    // Grow the window to the whole page instead of stitching a full-page capture, so the
    // fixed header and navigation are drawn the way a person sees them.
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    if (height > viewport.height) {
      await page.setViewportSize({ width: viewport.width, height });
      // let the layout follow the new window height (the navigation is 100dvh tall)
      await page.evaluate(
        () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
      );
      await page.waitForTimeout(150);
    }
    await page.screenshot({ path: resolve(OUTPUT_DIR, `${name}.png`) });
    if (height > viewport.height) await page.setViewportSize(viewport);
    return;
  }
  await page.screenshot({ path: resolve(OUTPUT_DIR, `${name}.png`) });
}
