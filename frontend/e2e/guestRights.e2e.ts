/**
 * People without an account exercise restriction and objection through the public web forms:
 * a guest writes through the contact form, asks on /data-request, confirms by the link the
 * outbox holds, and the completion email says what was done to the records found for their
 * address and browser (privacy/guest_rights.py). Each test uses a fresh browser context, so its
 * visitor id is its own.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newContext, newPage, screenshot } from './browser';
import { baseURL, field, newPerson, type Person, useBrowser } from './harness';
import { emailTo } from './outbox';

const getBrowser = useBrowser();
let browser: Browser;
let context: BrowserContext | undefined;

beforeAll(() => {
  browser = getBrowser();
});

afterEach(async () => {
  await context?.close();
  context = undefined;
});

async function guestPage(name: string): Promise<Page> {
  context = await newContext(browser, baseURL);
  return newPage(context, name);
}

/** Writes to the service through the contact form, as a guest. */
async function contactUs(page: Page, guest: Person): Promise<void> {
  await page.goto('/contact');
  await field(page, 'Name').fill(guest.name);
  await field(page, 'Email').fill(guest.email);
  await field(page, 'Subject').fill('Do you keep my message?');
  await field(page, 'Message').fill('Hello, how long do you keep what I write here?');
  await page.getByRole('button', { name: 'Send message' }).click();
  await page.getByText('Message sent').waitFor();
}

/** Sends the request the form was filled for, confirms it by the emailed link, and returns the
 * completion email. */
async function sendAndConfirm(page: Page, guest: Person, shot: string): Promise<string> {
  await field(page, 'Email').fill(guest.email);
  await screenshot(page, shot);
  await page.getByRole('button', { name: 'Send request' }).click();
  await page.getByText('Check your inbox').waitFor();
  const verification = await emailTo(guest.email, /Subject: Confirm your data request/);
  const link = verification.match(/https?:\/\/\S+\/privacy\/verify\?token=[\w-]+/)?.[0];
  expect(link, verification).toBeDefined();
  await page.goto(link!);
  await page.getByText('Request confirmed').waitFor();
  return emailTo(guest.email, /Subject: Your data request is complete/);
}

describe('a guest restricts and objects through the web forms', () => {
  it('restriction: the contact message is kept but no longer used', async () => {
    const page = await guestPage('guest-restriction');
    const guest = newPerson('Rosa');
    await contactUs(page, guest);

    await page.goto('/data-request');
    await page.getByRole('radio', { name: /Stop using my data, keep it/ }).check();
    await page.getByText(/this browser gets no analytics/).waitFor();
    const done = await sendAndConfirm(page, guest, '80-guest-restriction');

    expect(done).toContain(
      'Processing of the records held for this email address or the browser you asked from is now restricted',
    );
    expect(done).toContain('Your contact messages are no longer worked on');
  });

  it('objection to marketing emails: the browser’s choice is recorded as refused', async () => {
    const page = await guestPage('guest-objection');
    const guest = newPerson('Otto');
    // The context answers the cookie banner on the first page (newContext): the visitor id's
    // recorded choices are the records such an objection covers.
    await contactUs(page, guest);

    await page.goto('/data-request');
    await page.getByRole('radio', { name: /Object to a use of my data/ }).check();
    await page.getByRole('radio', { name: 'Marketing emails' }).check();
    const done = await sendAndConfirm(page, guest, '81-guest-objection');

    expect(done).toContain(
      'Your objection has been upheld: we no longer process the records held for this email ' +
        'address or the browser you asked from for marketing email.',
    );
  });
});
