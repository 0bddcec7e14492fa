import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, CUSTOMER, SUPPORT } from './accounts';
import { addressOf, consoleProblems, newContext, newPage, PHONE, screenshot } from './browser';
import { baseURL, dataDir, field, gql, logIn, newPerson, password, signUp, useBrowser } from './harness';

const getBrowser = useBrowser();
let browser: Browser;
/** the customer's main browser (remember me) */
let customer: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = getBrowser();
  customer = await newContext(browser, baseURL);
  page = await newPage(customer, 'customer');
});

describe('visitor', () => {
  it('sees the landing page and a deep link sends them to log in', async () => {
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Your images, on your terms.' }).waitFor();
    await screenshot(page, '01-landing');

    await page.goto('/privacy/sessions');
    await page.waitForURL(/\/login\?next=%2Fprivacy%2Fsessions$/);
    await page.getByRole('heading', { level: 1, name: 'Welcome back' }).waitFor();
  });
});

describe('sign-up, log-out and log-in', () => {
  it('signs up with the policies accepted and the marketing box left unticked', async () => {
    await page.goto('/signup');
    const marketing = page.getByLabel('Email me product news and tips');
    expect(await marketing.isChecked()).toBe(false);

    // The server's errors appear next to the field they name.
    await field(page, 'Name').fill(CUSTOMER.name);
    await field(page, 'Email').fill(ADMIN.email);
    await password(page).fill(CUSTOMER.password);
    await page.getByLabel(/I accept the terms/).check();
    await page.getByLabel(/I am at least \d+ years old/).check();
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect
      .poll(() => field(page, 'Email').getAttribute('aria-invalid'))
      .toBe('true');
    await page.getByText('An account with this email exists.').waitFor();
    await screenshot(page, '02-sign-up-error');

    await field(page, 'Company').fill(CUSTOMER.company);
    await field(page, 'Email').fill(CUSTOMER.email);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Welcome to Pixvault, Grace' }).waitFor();
    await screenshot(page, '03-dashboard');
  });

  it('logs out from the account menu', async () => {
    await page.getByRole('button', { name: 'Account menu' }).click();
    await page.getByRole('menuitem', { name: 'Log out' }).click();
    await page.waitForURL(/\/login$/);
    await page.goto('/privacy');
    await page.waitForURL(/\/login\?next=/);
  });

  it('logs in with "Remember me", using the keyboard only', async () => {
    await page.goto('/login');
    await field(page, 'Email').focus();
    await page.keyboard.type(CUSTOMER.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(CUSTOMER.password);
    // Tab past the show-password toggle (if focusable) to the checkbox, then tick it.
    for (let i = 0; i < 3 && !(await page.getByLabel('Remember me').evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Space');
    expect(await page.getByLabel('Remember me').isChecked()).toBe(true);
    await screenshot(page, '04-log-in');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Welcome back, Grace' }).waitFor();

    const cookies = await customer.cookies();
    const session = cookies.find((c) => c.name.endsWith('pv_session'));
    expect(session, 'session cookie').toBeDefined();
    // A remember-me cookie persists (has an expiry); a browser-session cookie has -1.
    expect(session!.expires).toBeGreaterThan(Date.now() / 1000 + 24 * 3600);
  });
});

describe('privacy centre', () => {
  it('lists sessions, marks this one, and revokes another', async () => {
    // A second device: a browser-session log-in.
    const other = await newContext(browser, baseURL);
    const otherPage = await newPage(other, 'customer-other-device');
    await logIn(otherPage, CUSTOMER.email, CUSTOMER.password, false);

    await page.goto('/privacy/sessions');
    const cards = page.getByTestId('session-card');
    await expect.poll(() => cards.count()).toBe(2);
    const current = page.locator('[data-testid="session-card"][data-current]');
    await expect.poll(() => current.count()).toBe(1);
    expect(await current.getByText('This device').isVisible()).toBe(true);
    expect(await current.getByText('Remembered').isVisible()).toBe(true);
    const otherCard = page.locator('[data-testid="session-card"]:not([data-current])');
    expect(await otherCard.getByText('Browser session').isVisible()).toBe(true);
    expect(await otherCard.getByText(addressOf(other)).isVisible()).toBe(true);
    await screenshot(page, '05-sessions');

    await otherCard.getByRole('button', { name: /^Revoke session/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke this session?' });
    await dialog.getByRole('button', { name: 'Revoke session' }).click();
    await expect.poll(() => cards.count()).toBe(1);

    // The revoked device is logged out on its next request.
    await otherPage.goto('/privacy');
    await otherPage.waitForURL(/\/login\?next=/);
    await other.close();
  });

  it('creates an API token, shows its secret once, and the secret works', async () => {
    await page.goto('/privacy/tokens');
    await page.getByRole('heading', { name: 'No API tokens' }).waitFor();
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.getByText('Name the token after the script or app that uses it.').waitFor();
    await field(page, 'Token name').fill('Backup script');
    await page.getByRole('button', { name: 'Create token' }).click();

    const dialog = page.getByRole('dialog', { name: 'Your new API token' });
    await dialog.waitFor();
    const secret = (await dialog.getByTestId('token-secret').textContent())?.trim() ?? '';
    expect(secret).toMatch(/^pvt_/);
    await dialog.getByRole('button', { name: 'Copy secret' }).click();
    await dialog.getByRole('button', { name: 'Secret copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await screenshot(page, '06-api-token-created', false);
    await dialog.getByRole('button', { name: 'I have copied it' }).click();

    const row = page.getByTestId('token-row').filter({ hasText: 'Backup script' });
    await row.waitFor();
    // Read-only by default, for 90 days.
    await row.getByText('account:read').waitFor();
    expect(await row.getByText('assets:write').count()).toBe(0);
    expect(await row.getByText('Never').count()).toBe(1); // last used, not the expiry
    const answer = await gql<{ data: { me: { email: string } } }>(
      { query: '{ me { email } }' },
      { Authorization: `Bearer ${secret}` },
    );
    expect(answer.data.me.email).toBe(CUSTOMER.email);
    const write = await gql<{ errors: { extensions: { code: string } }[] }>(
      { query: 'mutation { deleteAsset(id: "00000000-0000-0000-0000-000000000000") { deletedId } }' },
      { Authorization: `Bearer ${secret}` },
    );
    expect(write.errors[0]?.extensions.code).toBe('INSUFFICIENT_SCOPE');
    await screenshot(page, '07-api-tokens');
  });

  it('changes the email by confirmation link', async () => {
    await page.goto('/privacy/profile');
    const email = field(page, 'Email');
    await expect.poll(() => email.inputValue()).toBe(CUSTOMER.email);
    await email.fill('grace.hopper@e2e.pixvault.test');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByTestId('email-pending').getByText('Check your inbox to confirm').waitFor();
    // Until the link is followed, the old address stays.
    expect(await email.inputValue()).toBe(CUSTOMER.email);
    await screenshot(page, '08-profile');

    const outbox = join(dataDir, 'outbox');
    const message = readdirSync(outbox)
      .map((name) => readFileSync(join(outbox, name), 'utf8'))
      .find((text) => text.includes('grace.hopper@e2e.pixvault.test') && text.includes('confirm-email'));
    expect(message, 'confirmation email in the outbox').toBeDefined();
    // quoted-printable: soft line breaks, then =XX escapes
    const body = message!
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    const link = /https?:\/\/\S+\/account\/confirm-email\?token=[\w-]+/.exec(body)?.[0];
    expect(link).toBeDefined();
    await page.goto(link!);
    await page.getByText('Email address confirmed').waitFor();
    await page.goto('/privacy/profile');
    await expect.poll(() => email.inputValue()).toBe('grace.hopper@e2e.pixvault.test');
  });

  it('shows recent activity and the consent history', async () => {
    await page.goto('/privacy/activity');
    await page.getByTestId('activity-row').first().waitFor();
    expect(await page.getByRole('cell', { name: /Logged in/ }).count()).toBeGreaterThan(0);
    expect(await page.getByText('Europe/Berlin').count()).toBeGreaterThan(0);
    await screenshot(page, '09-activity');

    await page.goto('/privacy/consents');
    const marketing = page.getByTestId('consent-row').filter({ hasText: 'Marketing emails' });
    await marketing.waitFor();
    expect(await marketing.getByText('Refused').isVisible()).toBe(true);
    await screenshot(page, '10-consents');

    await page.goto('/privacy');
    await page.getByRole('heading', { level: 1, name: 'Your data at Pixvault' }).waitFor();
    await screenshot(page, '11-privacy-overview');

    // a wrong current password is shown next to that field
    await page.goto('/privacy/password');
    await page.getByLabel(/^Current password/).fill('not my password');
    await page.getByLabel(/^New password/).fill('another long passphrase');
    await page.getByLabel(/^Repeat the new password/).fill('another long passphrase');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('The current password is wrong.').waitFor();
    await screenshot(page, '11b-password');
  });
});

describe('admin console', () => {
  let admin: BrowserContext;
  let adminPage: Page;

  beforeAll(async () => {
    admin = await newContext(browser, baseURL);
    adminPage = await newPage(admin, 'admin');
  });
  afterAll(async () => {
    await admin?.close();
  });

  it('searches users, opens one (audited), and sees the audit log', async () => {
    await logIn(adminPage, ADMIN.email, ADMIN.password, false);
    await adminPage
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Users', exact: true })
      .click();
    await adminPage.getByTestId('audit-notice').waitFor();
    await adminPage.getByRole('searchbox', { name: 'Search users' }).fill('hopper');
    await expect.poll(() => adminPage.getByTestId('user-row').count()).toBe(1);
    await screenshot(adminPage, '12-admin-users');

    await adminPage.getByRole('link', { name: CUSTOMER.name }).click();
    await adminPage.getByRole('heading', { level: 1, name: CUSTOMER.name }).waitFor();
    await adminPage.getByText('Your access to this account is audited').waitFor();
    await adminPage.getByRole('region', { name: 'Recent activity' }).getByTestId('activity-row').first().waitFor();
    expect(await adminPage.getByLabel('Administrator').isChecked()).toBe(false);
    await screenshot(adminPage, '13-admin-user');

    await adminPage
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Audit log', exact: true })
      .click();
    const rows = adminPage.getByTestId('audit-row');
    await rows.first().waitFor();
    expect(await rows.filter({ hasText: CUSTOMER.name }).count()).toBeGreaterThan(0);
    await screenshot(adminPage, '14-audit-log');

    await adminPage.getByRole('button', { name: 'Switch to dark mode' }).click();
    await adminPage.getByRole('button', { name: 'Switch to light mode' }).waitFor();
    await screenshot(adminPage, '14b-audit-log-dark');
    await adminPage.getByRole('button', { name: 'Switch to light mode' }).click();
  });

  it('an admin disables an account: it is signed out and log-in says so, until enabled', async () => {
    const person = newPerson('Dora');
    const context = await newContext(browser, baseURL);
    const personPage = await newPage(context, 'disabled person');
    await signUp(personPage, person);

    await adminPage.goto(`/admin/users?q=${encodeURIComponent(person.email)}`);
    await adminPage.getByRole('link', { name: person.name }).click();
    const access = adminPage.getByRole('region', { name: 'Account access' });
    await access.getByRole('button', { name: 'Disable account' }).click();
    await adminPage
      .getByRole('dialog', { name: 'Disable this account?' })
      .getByRole('button', { name: 'Disable account' })
      .click();
    await access.getByText(/^Disabled since/).waitFor();
    await screenshot(adminPage, '15-admin-user-disabled');

    // The session ended at once: the next page load is signed out.
    await personPage.goto('/privacy/profile');
    await personPage.waitForURL(/\/login/);
    await field(personPage, 'Email').fill(person.email);
    await password(personPage).fill(person.password);
    await personPage.getByRole('button', { name: 'Log in' }).click();
    await personPage.getByText(/This account has been disabled by an administrator/).waitFor();
    await screenshot(personPage, '16-log-in-disabled');

    await access.getByRole('button', { name: 'Enable account' }).click();
    await access.getByText(/^Active\./).waitFor();
    await logIn(personPage, person.email, person.password, false);
    await context.close();
  });

  it('shows support staff "not visible to your role" instead of failing', async () => {
    const support = await newContext(browser, baseURL);
    const supportPage = await newPage(support, 'support');
    await logIn(supportPage, SUPPORT.email, SUPPORT.password, false);
    await supportPage.goto('/admin/users?q=hopper');
    await supportPage.getByRole('link', { name: CUSTOMER.name }).click();
    await supportPage.getByRole('heading', { level: 1, name: CUSTOMER.name }).waitFor();
    // roles, consent history and the audit trail are withheld from SUPPORT
    await expect.poll(() => supportPage.getByTestId('not-visible').count()).toBeGreaterThanOrEqual(3);
    expect(await supportPage.getByRole('region', { name: 'Consent history' }).getByTestId('not-visible').isVisible()).toBe(true);
    await screenshot(supportPage, '15-support-user-restricted');
    // no audit log for SUPPORT
    expect(await supportPage.getByRole('link', { name: 'Audit log' }).count()).toBe(0);
    await supportPage.goto('/admin/audit');
    await supportPage.getByRole('heading', { name: 'No access' }).waitFor();
    await support.close();
  });
});

describe('phone-sized screen', () => {
  it('collapses the navigation behind a menu button', async () => {
    const phone = await newContext(browser, baseURL, PHONE);
    const phonePage = await newPage(phone, 'phone');
    await logIn(phonePage, CUSTOMER.email.replace('grace@', 'grace.hopper@'), CUSTOMER.password, false);
    await screenshot(phonePage, '16-phone-dashboard');
    await phonePage.getByRole('button', { name: 'Open navigation' }).click();
    await phonePage.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Sessions' }).click();
    await phonePage.getByRole('heading', { level: 1, name: 'Sessions' }).waitFor();
    await screenshot(phonePage, '17-phone-sessions');
    await phone.close();
  });
});

describe('browser console', () => {
  it('stayed free of errors on every page', () => {
    expect(consoleProblems).toEqual([]);
  });
});
