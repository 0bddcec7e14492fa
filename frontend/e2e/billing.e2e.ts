/**
 * Billing end to end: a new customer's plan, usage chart and plans; paying for Pro through the
 * fake Stripe Checkout; cancelling and resuming the subscription; the seeded admin's payments
 * console.
 */
import { deflateSync, crc32 } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN } from './accounts';
import { consoleProblems, newContext, newPage, PHONE, screenshot } from './browser';
import { baseURL, logIn, newPerson, signUp, useBrowser, PATIENCE } from './harness';

const getBrowser = useBrowser();
let browser: Browser;
let customer: BrowserContext;
let page: Page;
const person = newPerson('Bea');

/** A small RGB gradient as a PNG, made here so the test needs no image files. */
function gradientPng(width = 160, height = 120): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) {
      rows[row + 1 + x * 3] = Math.round((x / width) * 255);
      rows[row + 2 + x * 3] = Math.round((y / height) * 255);
      rows[row + 3 + x * 3] = 180;
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const UPLOAD = `mutation Upload($file: Upload!) {
  uploadAsset(file: $file) { asset { id variantUrl(width: 96) } errors { kind message } }
}`;

beforeAll(async () => {
  browser = getBrowser();
  customer = await newContext(browser, baseURL);
  page = await newPage(customer, 'customer');
  await signUp(page, person);
});

afterAll(async () => {
  await customer?.close();
});

describe('customer billing', () => {
  it('uploads an image, then sees the plan, the usage chart against the quotas and the plans', async () => {
    // An upload (the GraphQL multipart request, with the session's cookie) makes usage non-zero.
    const response = await customer.request.post('/graphql', {
      headers: { 'X-Requested-With': 'pixvault' },
      multipart: {
        operations: JSON.stringify({ query: UPLOAD, variables: { file: null } }),
        map: JSON.stringify({ 0: ['variables.file'] }),
        0: { name: 'gradient.png', mimeType: 'image/png', buffer: gradientPng() },
      },
    });
    const body = (await response.json()) as {
      data: { uploadAsset: { asset: { variantUrl: string } | null; errors: unknown[] } };
    };
    expect(body.data.uploadAsset.errors).toEqual([]);
    // a rendition of it counts as a transformation, and its bytes as bandwidth
    const variant = await customer.request.get(body.data.uploadAsset.asset!.variantUrl);
    expect(variant.ok()).toBe(true);

    await page.getByRole('link', { name: 'Plan and usage' }).click();
    await page.waitForURL(/\/billing$/);
    await page.getByRole('heading', { level: 1, name: 'Plan and usage' }).waitFor();
    expect(await page.getByTestId('current-plan').textContent()).toBe('Free');

    // The chart carries a summary, and the same figures are there in words.
    const chart = page.getByRole('img', { name: /^Usage against your plan's quotas/ });
    await chart.waitFor();
    expect(await chart.getAttribute('aria-label')).toMatch(/Storage [\d.,]+ (bytes|KiB|MiB) of 1 GiB/);
    expect(await chart.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
    // the upload is counted: some storage, never shown as nothing
    await page.getByTestId('meter-storage').getByText(/^[\d.,]+ (KiB|MiB) of 1 GiB$/).waitFor();
    await page.getByTestId('meter-storage').getByText(/^(<0\.1|[\d.]+)% used$/).waitFor();
    await page.getByTestId('meter-bandwidth').getByText(/ of 5 GB$/).waitFor();
    await page.getByTestId('meter-transformations').getByText(/^\d+ of 500$/).waitFor();

    const plans = page.getByTestId('plan-card');
    expect(await plans.count()).toBeGreaterThanOrEqual(2);
    await page.getByRole('article', { name: 'Pro', exact: true }).getByText('100 GiB of storage').waitFor();
    await page.getByRole('button', { name: 'Current plan' }).waitFor();
    // the sign-up's welcome notice has gone by now
    await page.locator('.mantine-Notification-root').first().waitFor({ state: 'detached', timeout: PATIENCE });
    await screenshot(page, '40-billing');
  });

  it('leaves for Stripe Checkout and comes back from a cancelled one with nothing charged', async () => {
    await page.getByRole('button', { name: 'Upgrade to Pro', exact: true }).click();
    await page.waitForURL(/\/pay\/cs_test_\w+$/);
    await page.getByRole('heading', { name: 'Pixvault Pro' }).waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.waitForURL(/\/billing\?checkout=cancelled$/);
    await page.getByTestId('checkout-return').getByText('Checkout cancelled').waitFor();
    expect(await page.getByTestId('current-plan').textContent()).toBe('Free');
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await page.waitForURL(/\/billing$/);
    await page.getByTestId('checkout-return').waitFor({ state: 'detached' });
  });

  it('pays for Pro: back on Pixvault the plan is Pro and the payment is listed', async () => {
    await page.getByRole('button', { name: 'Upgrade to Pro', exact: true }).click();
    await page.waitForURL(/\/pay\/cs_test_\w+$/);
    await page.getByLabel('Name on card').fill('Bea Tester');
    await page.getByRole('button', { name: /^Pay / }).click();
    // Stripe's webhooks reached the server before it sent the browser back
    await page.waitForURL(/\/billing\?checkout=success$/);
    await page.getByTestId('checkout-return').getByText('Thank you, you are on Pro now').waitFor();
    expect(await page.getByTestId('current-plan').textContent()).toBe('Pro');

    const payments = page.getByRole('table', { name: 'Your payments' });
    const row = payments.getByTestId('payment-row');
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    const text = await row.textContent();
    expect(text).toContain('1 × Pixvault Pro');
    expect(text).toContain('Billed to Bea Tester');
    expect(text).toContain('Paid');
    expect(text).toMatch(/\$12\.00/);
    expect(await page.getByRole('article', { name: 'Pro', exact: true }).getByText('Your plan').count()).toBe(1);
    await screenshot(page, '41-billing-payments');
  });

  it('a subscriber choosing another plan is told why not, next to that plan', async () => {
    const business = page.getByRole('article', { name: 'Business', exact: true });
    await business.getByRole('button', { name: 'Upgrade to Business' }).click();
    await business
      .getByRole('alert')
      .getByText('You already have a subscription. Cancel it before choosing another plan.')
      .waitFor();
    // still on Pixvault, on the plan paid for
    expect(page.url().startsWith(`${baseURL}/billing`)).toBe(true);
    expect(await page.getByTestId('current-plan').textContent()).toBe('Pro');
  });

  it('cancels the subscription, sees until when Pro is kept, and changes their mind', async () => {
    // the first of next month (UTC): checkout anchors the billing cycle there
    const now = new Date();
    const periodEnd = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
    // as the browser context shows it (en-GB, Europe/Berlin: e2e/browser.ts)
    const ends = periodEnd.toLocaleDateString('en-GB', { dateStyle: 'medium', timeZone: 'Europe/Berlin' });
    await page.goto('/billing');
    const card = page.getByRole('region', { name: 'Current plan' });
    await card.getByRole('button', { name: 'Cancel subscription' }).click();
    const dialog = page.getByRole('dialog', { name: 'Cancel your Pro subscription?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(`You keep Pro until ${ends}`);
    await screenshot(page, '44-billing-cancel');
    await dialog.getByRole('button', { name: 'Cancel subscription' }).click();
    await dialog.waitFor({ state: 'detached' });
    const notice = page.getByTestId('plan-ends');
    await notice.getByText(`Your Pro plan ends on ${ends}`).waitFor();
    expect(await page.getByTestId('current-plan').textContent()).toBe('Pro');
    await screenshot(page, '45-billing-plan-ends');

    // Stripe's customer.subscription.updated came by webhook: a fresh page says the same
    await page.reload();
    await notice.getByText(`Your Pro plan ends on ${ends}`).waitFor();
    await notice.getByRole('button', { name: 'Keep my plan' }).click();
    await notice.waitFor({ state: 'detached' });
    await card.getByRole('button', { name: 'Cancel subscription' }).waitFor();
    await page.reload();
    await card.getByRole('button', { name: 'Cancel subscription' }).waitFor();
    expect(await page.getByTestId('plan-ends').count()).toBe(0);
    expect(await page.getByTestId('current-plan').textContent()).toBe('Pro');
  });

  it('fits a phone', async () => {
    const phone = await newContext(browser, baseURL, PHONE);
    const p = await newPage(phone, 'customer phone');
    await logIn(p, person.email, person.password, false);
    await p.goto('/billing');
    await p.getByRole('img', { name: /^Usage against your plan's quotas/ }).waitFor();
    await p.getByRole('article', { name: 'Pro', exact: true }).waitFor();
    // payments as a list that fits, not a table to scroll sideways
    await p.getByRole('list', { name: 'Your payments' }).getByText('1 × Pixvault Pro').waitFor();
    expect(await p.getByRole('table', { name: 'Your payments' }).isVisible()).toBe(false);
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(p, '43-billing-phone');
    await phone.close();
  });
});

describe('admin payments', () => {
  it('the seeded admin finds the payments in the console and filters them', async () => {
    // A second customer subscribes to Business through the same checkout, without the UI.
    const other = await newContext(browser, baseURL);
    const op = await newPage(other, 'second customer');
    await signUp(op, newPerson('Cal'));
    const started = await other.request.post('/graphql', {
      headers: { 'X-Requested-With': 'pixvault', 'Content-Type': 'application/json' },
      data: {
        query: 'mutation($planId: ID!) { startCheckout(planId: $planId) { checkoutUrl errors { kind } } }',
        variables: { planId: 'business' },
      },
    });
    const { checkoutUrl } = ((await started.json()) as { data: { startCheckout: { checkoutUrl: string } } }).data
      .startCheckout;
    const paid = await other.request.post(`${checkoutUrl}/pay`, { form: { name: 'Cal Corp Ltd' }, maxRedirects: 0 });
    expect(paid.status()).toBe(303);
    await other.close();

    const admin = await newContext(browser, baseURL);
    const p = await newPage(admin, 'admin');
    await logIn(p, ADMIN.email, ADMIN.password, false);
    await p.goto('/admin');
    await p.getByRole('link', { name: 'Payments' }).click();
    await p.waitForURL(/\/admin\/payments$/);
    await p.getByRole('heading', { level: 1, name: 'Payments' }).waitFor();
    const rows = p.getByTestId('admin-payment-row');
    await rows.first().waitFor();
    // newest first: Cal's Business, then Bea's Pro
    const texts = await rows.allTextContents();
    const calAt = texts.findIndex((t) => t.includes('1 × Pixvault Business'));
    const beaAt = texts.findIndex((t) => t.includes(person.email));
    expect(calAt).toBeGreaterThanOrEqual(0);
    expect(beaAt).toBeGreaterThan(calAt);
    const bea = rows.filter({ hasText: person.email });
    expect(await bea.textContent()).toMatch(/1 × Pixvault Pro.*Paid.*\$12\.00.*in_e2e\d+/);
    expect(await rows.filter({ hasText: '1 × Pixvault Business' }).textContent()).toMatch(/Billed to Cal Corp Ltd.*\$49\.00/);
    await screenshot(p, '42-admin-payments');

    await p.getByRole('combobox', { name: 'Status' }).click();
    await p.getByRole('option', { name: 'Refunded' }).click();
    await p.waitForURL(/\/admin\/payments\?status=REFUNDED$/);
    await p.getByRole('heading', { name: 'No payments match these filters' }).waitFor();
    await p.getByRole('combobox', { name: 'Status' }).click();
    await p.getByRole('option', { name: 'Paid' }).click();
    await rows.first().waitFor();

    await bea.getByRole('button', { name: `Only ${person.name}’s payments` }).click();
    await p.waitForURL(/\/admin\/payments\?status=SUCCEEDED&user=[\w-]+$/);
    await expect.poll(() => rows.count()).toBe(1);
    expect(await p.getByRole('combobox', { name: 'Customer' }).inputValue()).toBe(`${person.name} (${person.email})`);
    await p.getByRole('button', { name: 'Show every customer’s payments' }).click();
    await p.waitForURL(/\/admin\/payments\?status=SUCCEEDED$/);

    // or find the customer by name. Clearing the filter empties the box a moment after the URL
    // changes; typing before that would be wiped, so wait for the empty box first.
    const customer = p.getByRole('combobox', { name: 'Customer' });
    await expect.poll(() => customer.inputValue(), { timeout: PATIENCE }).toBe('');
    await customer.fill('Cal Tester');
    await expect.poll(() => customer.inputValue()).toBe('Cal Tester');
    await p.getByRole('option', { name: /^Cal Tester/ }).click({ timeout: 30_000 });
    await p.waitForURL(/user=[\w-]+$/);
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.textContent()).toContain('1 × Pixvault Business');
    await admin.close();
  });

  it('a customer cannot open the payments console', async () => {
    await page.goto('/admin/payments');
    await page.getByRole('heading', { name: 'No access' }).waitFor();
    expect(await page.getByRole('heading', { level: 1, name: 'Payments' }).count()).toBe(0);
  });
});

describe('console', () => {
  it('logged no errors', () => {
    expect(consoleProblems).toEqual([]);
  });
});
