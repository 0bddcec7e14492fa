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

export async function newContext(
  browser: Browser,
  baseURL: string,
  viewport = DESKTOP,
): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL,
    viewport,
    locale: 'en-GB',
    timezoneId: 'Europe/Berlin',
    colorScheme: 'light',
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  // Fail a step with Playwright's own message rather than the test's time-out.
  context.setDefaultTimeout(10_000);
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
