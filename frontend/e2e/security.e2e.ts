import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { newContext, newPage, screenshot } from './browser';
import { baseURL, dataDir, field, logIn, newPerson, password, signUp, useBrowser, PATIENCE } from './harness';
import { codeAt, currentStep, nextCode, remember } from './totp';

const getBrowser = useBrowser();
let browser: Browser;

beforeAll(() => {
  browser = getBrowser();
});

/** The latest link to `path` mailed to `address`, from the outbox (quoted-printable decoded). */
function linkFromOutbox(address: string, path: string): string | undefined {
  const outbox = join(dataDir, 'outbox');
  const bodies = readdirSync(outbox)
    .sort()
    .map((name) => readFileSync(join(outbox, name), 'utf8'))
    .filter((text) => text.includes(`To: ${address}`) && text.includes(path))
    .map((text) =>
      text
        .replace(/=\r?\n/g, '')
        .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    );
  const body = bodies.at(-1);
  return body ? new RegExp(`https?://\\S+${path}\\?token=[\\w-]+`).exec(body)?.[0] : undefined;
}

describe('password recovery', () => {
  it('sends a link from "Forgot your password?" and the link sets a new password', async () => {
    const person = newPerson('Rosalind');
    const signedUp = await newContext(browser, baseURL);
    await signUp(await newPage(signedUp, 'rosalind'), person);
    await signedUp.close();

    const context = await newContext(browser, baseURL);
    const page = await newPage(context, 'forgot');
    await page.goto('/login');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    // The log-in page has an Email field too: fill the new page's, once it is there.
    await page.getByRole('heading', { name: 'Forgot your password?' }).waitFor();
    await field(page, 'Email').fill(person.email);
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByText(`If ${person.email} belongs to a Pixvault account`).waitFor();
    await screenshot(page, '40-forgot-password');

    await expect.poll(() => linkFromOutbox(person.email, '/reset-password'), { timeout: PATIENCE }).toBeDefined();
    const link = linkFromOutbox(person.email, '/reset-password')!;
    await page.goto(link);
    const newPassword = 'a fresh and long passphrase';
    await page.getByLabel(/^New password/).fill(newPassword);
    await page.getByLabel(/^Repeat the new password/).fill(newPassword);
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page.getByText('Your new password is set.').waitFor();
    await screenshot(page, '41-password-set');

    // The link works once.
    await page.goto(link);
    await page.getByLabel(/^New password/).fill(`${newPassword}!`);
    await page.getByLabel(/^Repeat the new password/).fill(`${newPassword}!`);
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page.getByText(/This link is invalid, used or expired/).waitFor();

    await logIn(page, person.email, newPassword, false);
    await context.close();
  });
});

describe('two-factor log-in', () => {
  it('is set up with the QR code page, then log-in asks for a code', async () => {
    const person = newPerson('Katherine');
    const context = await newContext(browser, baseURL);
    const page = await newPage(context, 'two-factor');
    await signUp(page, person);
    await page.goto('/privacy/two-factor');
    await page.getByRole('button', { name: 'Set up two-factor log-in' }).click();
    await page.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor();
    const seed = (await page.getByTestId('two-factor-secret').textContent())!.trim();
    const step = currentStep();
    await field(page, 'Code').fill(codeAt(seed, step));
    await page.getByRole('button', { name: 'Turn on two-factor log-in' }).click();
    const codes = page.getByTestId('recovery-codes').locator('code');
    await expect.poll(() => codes.count()).toBe(10);
    await screenshot(page, '42-recovery-codes');
    remember(dataDir, person.email, seed, step);
    await context.close();

    const later = await newContext(browser, baseURL);
    const again = await newPage(later, 'two-factor-log-in');
    await again.goto('/login');
    await field(again, 'Email').fill(person.email);
    await password(again).fill(person.password);
    await again.getByRole('button', { name: 'Log in' }).click();
    // A wrong code is refused, the right one logs in.
    await field(again, 'Code').fill('000000' === codeAt(seed, currentStep()) ? '111111' : '000000');
    await again.getByRole('button', { name: 'Verify and log in' }).click();
    await again.getByText('This code is wrong or was already used.').waitFor();
    await field(again, 'Code').fill(await nextCode(dataDir, person.email));
    await again.getByRole('button', { name: 'Verify and log in' }).click();
    await again.getByRole('heading', { level: 1, name: /^Welcome back,/ }).waitFor();
    await screenshot(again, '43-two-factor-log-in');
    await later.close();
  });
});
