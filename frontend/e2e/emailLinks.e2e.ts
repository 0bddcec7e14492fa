/**
 * Every page an email links to exists: each email is sent through the app, read from the
 * server's outbox, and every link in it to this site is followed in chromium to a working page
 * (or, for an export, to its ZIP). Also the public pages the policy promises: the policies
 * with their history, the service providers, and an anonymous data request.
 *
 * Emails of emailKinds.json followed here: "Confirm your data request", "Your data request is
 * complete", "policy_notice", "We received your message".
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRIVACY_OFFICER } from './accounts';
import { newContext, newPage, screenshot } from './browser';
import { baseURL, field, logIn, newPerson, signUp, useBrowser } from './harness';
import { emailTo, linksToUs, opensAPage } from './outbox';

const getBrowser = useBrowser();
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = getBrowser();
  context = await newContext(browser, baseURL);
  page = await newPage(context, 'email-links');
});

afterAll(async () => {
  await context?.close();
});

describe('the pages emails link to', () => {
  it('an anonymous data request: the verification link confirms it, the copy downloads', async () => {
    const guest = newPerson('Gwen');
    await page.goto('/data-request');
    await page.getByRole('radio', { name: 'A copy of my data' }).check();
    await field(page, 'Email').fill(guest.email);
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.getByText('Check your inbox').waitFor();
    await screenshot(page, '70-data-request');

    const verification = await emailTo(guest.email, /Subject: Confirm your data request/);
    const [verify, ...others] = linksToUs(verification);
    expect(verify).toMatch(/\/privacy\/verify\?token=/);
    await page.goto(verify!);
    await page.getByText('Request confirmed').waitFor();
    await screenshot(page, '71-request-confirmed');
    for (const link of others) await opensAPage(page, link);

    // No account uses the address: the copy of what the register finds comes by signed link.
    const done = await emailTo(guest.email, /Subject: Your data request is complete/);
    const exportLink = linksToUs(done).find((link) => link.includes('/exports/'));
    expect(exportLink, done).toBeDefined();
    const zip = await context.request.get(exportLink!);
    expect(zip.status()).toBe(200);
    expect(zip.headers()['content-type']).toBe('application/zip');
  });

  it('a policy change: the notice links to the policy page with what changed', async () => {
    const reader = newPerson('Rhea');
    const readerContext = await newContext(browser, baseURL);
    await signUp(await newPage(readerContext, 'reader'), reader);
    await readerContext.close();

    const officerContext = await newContext(browser, baseURL);
    const officer = await newPage(officerContext, 'officer');
    await logIn(officer, PRIVACY_OFFICER.email, PRIVACY_OFFICER.password, false);
    const published = await officerContext.request.post(`${baseURL}/graphql`, {
      headers: { 'X-Requested-With': 'pixvault' },
      data: {
        query: `mutation($input: PublishPolicyInput!) {
          publishPolicyVersion(input: $input) { errors { kind message } } }`,
        variables: {
          input: {
            kind: 'PRIVACY',
            version: '1.1-e2e',
            title: 'Privacy Policy',
            summary: 'We now delete contact messages after 12 months.',
            body: 'Contact messages are deleted 12 months after they are sent.',
            changeType: 'MINOR',
          },
        },
      },
    });
    const answer = (await published.json()) as {
      data: { publishPolicyVersion: { errors: unknown[] } };
    };
    expect(answer.data.publishPolicyVersion.errors).toEqual([]);
    await officerContext.close();

    const notice = await emailTo(reader.email, /Subject: Pixvault is updating its Privacy Policy/);
    const links = linksToUs(notice);
    expect(links.some((link) => link.endsWith('/policies/privacy'))).toBe(true);
    for (const link of links) await opensAPage(page, link);
    await page.goto('/policies/privacy');
    await page
      .getByTestId('policy-version')
      .filter({ hasText: 'We now delete contact messages after 12 months.' })
      .waitFor();
    await page.getByTestId('controller').waitFor();
    await screenshot(page, '72-policy-page');
  });

  it('sign-up links the policies it asks to accept, and the providers are public', async () => {
    await page.goto('/signup');
    await page.getByRole('link', { name: 'privacy policy', exact: true }).waitFor();
    const href = await page.getByRole('link', { name: 'terms of service', exact: true }).getAttribute('href');
    expect(href).toBe('/policies/terms');
    await opensAPage(page, `${baseURL}/policies/terms`);
    await opensAPage(page, `${baseURL}/service-providers`);
    await page.getByTestId('processor').filter({ hasText: 'Stripe' }).waitFor();
    await screenshot(page, '73-service-providers');
  });

  it('the contact form: its acknowledgement links to working pages', async () => {
    const writer = newPerson('Cora');
    await page.goto('/contact');
    await field(page, 'Name').fill(writer.name);
    await field(page, 'Email').fill(writer.email);
    await field(page, 'Subject').fill('Where are my originals stored?');
    await field(page, 'Message').fill('Hello, which country are the originals stored in?');
    await page.getByRole('button', { name: 'Send message' }).click();
    await page.getByText('Message sent').waitFor();
    await screenshot(page, '74-contact');
    const acknowledgement = await emailTo(writer.email, /Subject: We received your message/);
    for (const link of linksToUs(acknowledgement)) await opensAPage(page, link);
  });

  it('a visitor who is not signed in reopens the cookie choices from any page', async () => {
    await page.goto('/service-providers');
    await page.getByRole('button', { name: 'Cookie choices' }).click();
    const dialog = page.getByRole('dialog', { name: 'Choose which cookies Pixvault may use' });
    await dialog.getByRole('switch', { name: 'Analytics' }).check({ force: true });
    await dialog.getByRole('button', { name: 'Save my choices' }).click();
    await dialog.waitFor({ state: 'detached' });
    const state = await context.request.post(`${baseURL}/graphql`, {
      headers: { 'X-Requested-With': 'pixvault' },
      data: { query: '{ consentState { decisions { purpose granted } } }' },
    });
    const body = (await state.json()) as {
      data: { consentState: { decisions: Array<{ purpose: string; granted: boolean }> } };
    };
    const analytics = body.data.consentState.decisions.find((d) => d.purpose === 'ANALYTICS');
    expect(analytics?.granted).toBe(true);
    await opensAPage(page, `${baseURL}/report`);
  });
});
