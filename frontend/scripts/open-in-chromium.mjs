// Opens each URL given in turn in one context of Debian's chromium (playwright-core, launched
// as e2e/browser.ts does), waits for the page's #result[data-done] and prints a JSON array of
// the results' texts. tests/test_cors_browser.py uses it to run pages served on other ports.
import { chromium } from 'playwright-core';

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-sync'],
});
try {
  const context = await browser.newContext();
  const results = [];
  for (const url of process.argv.slice(2)) {
    const page = await context.newPage();
    await page.goto(url);
    const done = await page.waitForSelector('#result[data-done]', { timeout: 60_000 });
    results.push(await done.textContent());
    await page.close();
  }
  process.stdout.write(JSON.stringify(results));
} finally {
  await browser.close();
}
