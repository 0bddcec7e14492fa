/**
 * The admin console, end to end: customers file a data request, upload and report images and
 * write to the contact form through the API with their own cookies; the privacy officer works
 * each queue in the browser.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { PRIVACY_OFFICER, SUPPORT } from './accounts';
import { consoleProblems, newContext, newPage, PHONE, screenshot } from './browser';
import { baseURL, callAs, logIn, newPerson, type Person, signUp, useBrowser } from './harness';

const getBrowser = useBrowser();
let browser: Browser;
/** Rosa files a rectification request; Olive owns the reported images; Rex reports them. */
const rosa = newPerson('Rosa');
const olive = newPerson('Olive');
const rex = newPerson('Rex');
let rosaContext: BrowserContext;
let oliveContext: BrowserContext;
let rexContext: BrowserContext;
let officer: Page;

const CSRF = { 'X-Requested-With': 'pixvault' };
const dateOnly = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'Europe/Berlin' });

interface GraphQLAnswer<T> {
  data: T;
  errors?: Array<{ message: string }>;
}

/** A customer of their own, signed up through the form in a context of their own. */
async function customer(person: Person): Promise<BrowserContext> {
  const context = await newContext(browser, baseURL);
  const page = await newPage(context, person.name);
  await signUp(page, person);
  await page.close();
  return context;
}

/** A photo-like JPEG (a landscape at dusk), drawn by the browser. */
async function photo(hue: number): Promise<Buffer> {
  const context = await newContext(browser, baseURL, { width: 1200, height: 800 });
  const page = await context.newPage();
  await page.setContent(`
    <body style="margin:0">
      <div style="position:relative;width:1200px;height:800px;overflow:hidden;
        background:linear-gradient(180deg,hsl(${hue},70%,35%) 0%,hsl(${hue + 30},80%,65%) 55%,hsl(${hue + 50},90%,80%) 100%)">
        <div style="position:absolute;left:760px;top:300px;width:180px;height:180px;border-radius:50%;
          background:hsl(${hue + 50},100%,88%);box-shadow:0 0 120px hsl(${hue + 50},100%,75%)"></div>
        <div style="position:absolute;inset:0;background:hsl(${hue + 200},35%,22%);
          clip-path:polygon(0 78%,18% 52%,34% 70%,52% 44%,70% 68%,86% 50%,100% 64%,100% 100%,0 100%)"></div>
        <div style="position:absolute;inset:0;background:hsl(${hue + 210},40%,14%);
          clip-path:polygon(0 90%,22% 74%,40% 86%,62% 70%,80% 84%,100% 76%,100% 100%,0 100%)"></div>
      </div>
    </body>`);
  const jpeg = await page.screenshot({ type: 'jpeg', quality: 85 });
  await context.close();
  return jpeg;
}

/** uploadAsset per the GraphQL multipart request spec, as the owner. */
async function upload(context: BrowserContext, filename: string, image: Buffer): Promise<string> {
  const query = `mutation ($file: Upload!) { uploadAsset(file: $file, visibility: PUBLIC) { asset { id } errors { message } } }`;
  const response = await context.request.post('/graphql', {
    headers: CSRF,
    multipart: {
      operations: JSON.stringify({ query, variables: { file: null } }),
      map: JSON.stringify({ 0: ['variables.file'] }),
      0: { name: filename, mimeType: 'image/jpeg', buffer: image },
    },
  });
  const body = (await response.json()) as GraphQLAnswer<{ uploadAsset: { asset: { id: string } | null; errors: unknown[] } }>;
  expect(body.data.uploadAsset.errors).toEqual([]);
  return body.data.uploadAsset.asset!.id;
}

async function report(context: BrowserContext, assetId: string, reason: string, details: string) {
  const data = await callAs<{ reportAsset: { errors: unknown[] } }>(
    context,
    `mutation ($input: ReportAssetInput!) { reportAsset(input: $input) { report { id } errors { message } } }`,
    { input: { assetId, reason, details } },
  );
  expect(data.reportAsset.errors).toEqual([]);
}

async function contact(context: BrowserContext, person: Person, topic: string, subject: string, message: string) {
  const data = await callAs<{ sendContactMessage: { errors: unknown[] } }>(
    context,
    `mutation ($input: ContactInput!) { sendContactMessage(input: $input) { message { id } errors { message } } }`,
    { input: { topic, name: person.name, email: person.email, subject, message } },
  );
  expect(data.sendContactMessage.errors).toEqual([]);
}

/** A link of the side navigation. */
const navLink = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name, exact: true });

/**
 * Opens a console page offered in the side navigation. The link is checked, then followed by
 * address: a click on a link scrolled into the navigation's own scroll area is not reliable.
 */
async function visit(page: Page, name: string, path: string) {
  expect(await navLink(page, name).getAttribute('href')).toBe(path);
  await page.goto(path);
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

/** A screenshot once the confirmations (notifications) of the last action have gone. */
async function picture(page: Page, name: string) {
  await page
    .locator('.mantine-Notification-root')
    .first()
    .waitFor({ state: 'detached', timeout: 8_000 })
    .catch(() => undefined);
  await screenshot(page, name);
}

const MY_REQUEST = `query ($id: ID!) { dataSubjectRequest(id: $id) { id status dueAt } me { name } }`;
let requestId = '';
let firstDueAt = '';

beforeAll(async () => {
  browser = getBrowser();
  [rosaContext, oliveContext, rexContext] = await Promise.all([customer(rosa), customer(olive), customer(rex)]);
  const context = await newContext(browser, baseURL);
  officer = await newPage(context, 'privacy officer');
  await logIn(officer, PRIVACY_OFFICER.email, PRIVACY_OFFICER.password, false);
});

describe('data subject requests', () => {
  it('a customer asks for a correction, re-entering their password as the identity check', async () => {
    const data = await callAs<{ submitDataSubjectRequest: { request: { id: string; status: string; dueAt: string } | null; errors: unknown[] } }>(
      rosaContext,
      `mutation ($input: DataSubjectRequestInput!) {
        submitDataSubjectRequest(input: $input) { request { id status dueAt } errors { field message } } }`,
      {
        input: {
          kind: 'RECTIFICATION',
          password: rosa.password,
          details: 'My name is spelled wrongly on my invoices and in my profile.',
          corrections: { name: 'Rosa B. Tester' },
        },
      },
    );
    expect(data.submitDataSubjectRequest.errors).toEqual([]);
    const request = data.submitDataSubjectRequest.request!;
    expect(request.status).toBe('VERIFIED');
    requestId = request.id;
    firstDueAt = request.dueAt;
    // An anonymous erasure request, waiting for its emailed link, fills the queue further.
    const anonymous = await fetch(`${baseURL}/graphql`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...CSRF },
      body: JSON.stringify({
        query: `mutation ($input: DataSubjectRequestInput!) { submitDataSubjectRequest(input: $input) { errors { message } } }`,
        variables: { input: { kind: 'ERASURE', email: olive.email, details: 'Please delete everything.' } },
      }),
    });
    expect(((await anonymous.json()) as GraphQLAnswer<{ submitDataSubjectRequest: { errors: unknown[] } }>).data.submitDataSubjectRequest.errors).toEqual([]);
  });

  it('the privacy officer finds it in the queue with its due date and the time left', async () => {
    await navLink(officer, 'Data requests').click();
    await officer.getByRole('heading', { level: 1, name: 'Data requests' }).waitFor();
    const row = officer.getByTestId('request-row').filter({ hasText: rosa.name });
    await row.waitFor();
    await expect.poll(() => row.getByTestId('due-date').textContent()).toMatch(
      new RegExp(`^${dateOnly.format(new Date(firstDueAt))}(29|30|31) days left$`),
    );
    expect(await row.getByText('Verified').count()).toBe(1);
    await officer.getByTestId('request-row').filter({ hasText: olive.email }).getByText('Awaiting identity check').waitFor();
    await picture(officer, '50-admin-dsar-queue');
  });

  it('opens it, extends it with a reason and sees the new due date', async () => {
    await officer.getByTestId('request-row').filter({ hasText: rosa.name }).getByRole('link', { name: 'Rectification' }).click();
    await officer.getByRole('heading', { level: 1, name: 'Rectification request' }).waitFor();
    await officer.getByRole('region', { name: 'Identity check' }).getByText('Identity verified').waitFor();
    await officer.getByRole('region', { name: 'Request' }).getByText('Rosa B. Tester').waitFor();

    const form = officer.getByRole('form', { name: 'Extend the deadline' });
    const days = form.getByRole('textbox', { name: 'Extend by (days)' });
    await days.fill('14');
    const newDue = dateOnly.format(new Date(new Date(firstDueAt).getTime() + 14 * 24 * 3600 * 1000));
    await form.getByText(`New due date: ${newDue}`).waitFor();
    // the server's answer for a missing reason appears next to the field
    await form.getByRole('button', { name: 'Extend deadline' }).click();
    await form.getByText('Give the requester a reason.').waitFor();
    expect(await form.getByRole('textbox', { name: 'Reason' }).getAttribute('aria-invalid')).toBe('true');

    await form.getByRole('textbox', { name: 'Reason' }).fill('We need to check your invoices with our payment provider.');
    await form.getByRole('button', { name: 'Extend deadline' }).click();
    await officer.getByRole('region', { name: 'History' }).getByText('Deadline extended').waitFor();
    await expect.poll(() => officer.getByTestId('request-due').textContent()).toContain(newDue);
    const mine = await callAs<{ dataSubjectRequest: { dueAt: string } }>(rosaContext, MY_REQUEST, { id: requestId });
    expect(dateOnly.format(new Date(mine.dataSubjectRequest.dueAt))).toBe(newDue);
    await picture(officer, '51-admin-dsar-detail');
  });

  it('completes it: the correction is applied and the status shows completed', async () => {
    await officer.getByRole('button', { name: 'Apply corrections and complete' }).click();
    await officer.getByRole('region', { name: 'Decision' }).getByText(/^Completed /).waitFor();
    await officer.getByText('What changed').waitFor();
    const mine = await callAs<{ dataSubjectRequest: { status: string }; me: { name: string } }>(rosaContext, MY_REQUEST, { id: requestId });
    expect(mine.dataSubjectRequest.status).toBe('COMPLETED');
    expect(mine.me.name).toBe('Rosa B. Tester');

    await officer.getByRole('link', { name: 'All data requests' }).click();
    const row = officer.getByTestId('request-row').filter({ hasText: 'Rosa B. Tester' });
    await row.getByText('Completed').waitFor();
    await row.getByText('Answered').waitFor();
  });
});

describe('abuse reports', () => {
  let assets: string[] = [];

  it('shows reported images with a preview, and upholding one quarantines it', async () => {
    const [dusk, dawn] = await Promise.all([photo(220), photo(330)]);
    assets = [await upload(oliveContext, 'harbour-at-dusk.jpg', dusk), await upload(oliveContext, 'neighbours-garden.jpg', dawn)];
    await report(rexContext, assets[0]!, 'INFRINGEMENT', 'This is my photo, taken in 2024. I never licensed it.');
    await report(rexContext, assets[1]!, 'PRIVACY_VIOLATION', 'My garden and my children can be seen in this picture.');

    await visit(officer, 'Abuse reports', '/admin/reports');
    const card = officer.getByTestId('report-card').filter({ hasText: 'neighbours-garden.jpg' });
    const preview = card.getByRole('img', { name: 'Reported image neighbours-garden.jpg' });
    await preview.waitFor();
    await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    await card.getByText('Privacy violation').waitFor();
    await card.getByText(rex.email, { exact: false }).waitFor();
    await expect
      .poll(() =>
        officer
          .getByTestId('report-card')
          .locator('img')
          .evaluateAll((imgs: HTMLImageElement[]) => imgs.every((img) => img.complete && img.naturalWidth > 0)),
      )
      .toBe(true);
    await picture(officer, '52-admin-abuse-queue');

    await card.getByRole('button', { name: 'Uphold' }).click();
    const dialog = officer.getByRole('dialog', { name: 'Uphold and quarantine the image?' });
    await dialog.getByRole('textbox', { name: 'Note (optional)' }).fill('Shows identifiable children without consent.');
    await dialog.getByRole('button', { name: 'Uphold and quarantine' }).click();
    await card.waitFor({ state: 'detached' });
    // the image is no longer served to anyone but its owner
    const asset = await callAs<{ asset: { status: string; url: string } }>(oliveContext, `query ($id: ID!) { asset(id: $id) { status url } }`, { id: assets[1] });
    expect(asset.asset.status).toBe('QUARANTINED');
    const served = await fetch(new URL(asset.asset.url, baseURL));
    expect(served.status).toBe(451);
  });
});

describe('policies, messages and holds', () => {
  it('publishes a new version of the terms, scheduled by the kind of change', async () => {
    await visit(officer, 'Policies', '/admin/policies');
    await officer.getByTestId('policy-version').filter({ hasText: '1.0' }).getByText('Current').waitFor();
    await officer.locator('label', { hasText: 'Terms of service' }).click();
    const versions = officer.getByRole('region', { name: 'Terms of service versions' });
    await versions.getByTestId('policy-version').filter({ hasText: '1.0' }).getByText('Current').waitFor();

    const form = officer.getByRole('form', { name: 'Publish a new version' });
    await form.getByRole('textbox', { name: 'Version' }).fill('1.1');
    await form.getByRole('textbox', { name: 'Title' }).fill('Terms of service');
    await form.getByRole('textbox', { name: 'Summary of the changes' }).fill('Clearer wording on shared albums and on how we handle abuse reports.');
    await form.getByRole('textbox', { name: 'Full text (Markdown)' }).fill('# Terms of service\n\nThese terms govern your use of Pixvault.');
    await form.getByRole('radio', { name: /Minor change/ }).check();
    await form.getByTestId('effective-preview').getByText(/in 7 days/).waitFor();
    await form.getByRole('button', { name: 'Publish version' }).click();
    const row = versions.getByTestId('policy-version').filter({ hasText: '1.1' });
    await row.getByText('Scheduled').waitFor();
    await row.getByText('Takes effect in 7 days').waitFor();
    // publishing it again names the field at fault
    await form.getByRole('textbox', { name: 'Version' }).fill('1.1');
    await form.getByRole('textbox', { name: 'Title' }).fill('Terms of service');
    await form.getByRole('textbox', { name: 'Summary of the changes' }).fill('Again.');
    await form.getByRole('textbox', { name: 'Full text (Markdown)' }).fill('# Terms');
    await form.getByRole('button', { name: 'Publish version' }).click();
    await form.getByText('This version is already published.').waitFor();
    await form.getByRole('textbox', { name: 'Version' }).fill('1.2');
    await form.getByText('This version is already published.').waitFor({ state: 'detached' }).catch(() => undefined);
    await form.getByRole('textbox', { name: 'Version' }).fill('');
    await form.getByRole('textbox', { name: 'Title' }).fill('');
    await form.getByRole('textbox', { name: 'Summary of the changes' }).fill('');
    await form.getByRole('textbox', { name: 'Full text (Markdown)' }).fill('');
    await officer.getByRole('textbox', { name: 'Full text (Markdown)' }).blur();
    await picture(officer, '53-admin-policies');
  });

  it('shows contact messages by topic and marks one handled', async () => {
    await contact(rosaContext, rosa, 'PRIVACY', 'Which processors see my photos?', 'Hello,\n\nbefore I upload my family archive I would like to know which service providers can see the originals.\n\nThanks, Rosa');
    await contact(oliveContext, olive, 'SUPPORT', 'Upload stops at 99%', 'Large TIFF scans never finish uploading. Smaller JPEGs work fine.');
    await contact(rexContext, rex, 'BILLING', 'Invoice address', 'Could the invoices show my company address instead of my home address?');

    await visit(officer, 'Contact messages', '/admin/messages');
    const privacy = officer.getByRole('article', { name: 'Which processors see my photos?' });
    await privacy.waitFor();
    await officer.getByRole('article', { name: 'Upload stops at 99%' }).waitFor();
    await officer.getByRole('article', { name: 'Invoice address' }).getByRole('button', { name: 'Mark handled' }).click();
    await officer.getByRole('article', { name: 'Invoice address' }).waitFor({ state: 'detached' });
    await picture(officer, '54-admin-messages');

    await officer.getByRole('combobox', { name: 'Topic' }).click();
    await officer.getByRole('option', { name: 'Privacy' }).click();
    await expect.poll(() => officer.getByRole('article', { name: 'Upload stops at 99%' }).count()).toBe(0);
    await privacy.waitFor();
  });

  it('places a legal hold on a person and releases it', async () => {
    await visit(officer, 'Legal holds', '/admin/holds');
    const form = officer.getByRole('form', { name: 'Place a legal hold' });
    await form.getByRole('button', { name: 'Place hold' }).click();
    await form.getByText('Choose the person whose data to hold.').waitFor();
    await form.getByRole('combobox', { name: 'Person' }).fill(olive.email.slice(0, 12));
    await officer.getByRole('option', { name: new RegExp(olive.email.replace(/[.+]/g, '\\$&')) }).click();
    await form.getByRole('textbox', { name: 'Reason' }).fill('Copyright dispute over reported images; keep the account and uploads until it is settled.');
    await form.getByRole('textbox', { name: 'Reference' }).fill('CASE-2026-114');
    await form.getByRole('button', { name: 'Place hold' }).click();
    const row = officer.getByTestId('hold-row').filter({ hasText: olive.name });
    await row.getByText('Ref. CASE-2026-114').waitFor();
    await picture(officer, '55-admin-holds');

    await row.getByRole('button', { name: 'Release' }).click();
    await officer.getByRole('dialog', { name: 'Release this hold?' }).getByRole('button', { name: 'Release hold' }).click();
    await row.waitFor({ state: 'detached' });
    await officer.getByRole('combobox', { name: 'Show' }).click();
    await officer.getByRole('option', { name: 'Released' }).click();
    await officer.getByTestId('hold-row').filter({ hasText: olive.name }).getByText('Released', { exact: true }).waitFor();
  });
});

describe('roles', () => {
  it('support staff see the abuse and contact queues but not data requests or holds', async () => {
    const context = await newContext(browser, baseURL);
    const page = await newPage(context, 'support');
    await logIn(page, SUPPORT.email, SUPPORT.password, false);
    await navLink(page, 'Abuse reports').waitFor();
    expect(await navLink(page, 'Contact messages').count()).toBe(1);
    expect(await navLink(page, 'Users').count()).toBe(1);
    for (const hidden of ['Data requests', 'Legal holds', 'Policies', 'Audit log']) {
      expect(await navLink(page, hidden).count()).toBe(0);
    }
    await page.goto('/admin/requests');
    await page.getByText('No access').first().waitFor();
    // the privacy officer's queue is not offered to support
    await page.goto('/admin/messages?topic=PRIVACY&state=ALL');
    await page.getByRole('article', { name: 'Upload stops at 99%' }).waitFor();
    expect(await page.getByRole('article', { name: 'Which processors see my photos?' }).count()).toBe(0);
    await context.close();
  });
});

describe('phone', () => {
  it('every console page fits a phone screen (wide tables scroll inside their card)', async () => {
    const context = await newContext(browser, baseURL, PHONE);
    const page = await newPage(context, 'privacy officer (phone)');
    await logIn(page, PRIVACY_OFFICER.email, PRIVACY_OFFICER.password, false);
    for (const [path, heading] of [
      ['/admin/requests?status=COMPLETED', 'Data requests'],
      [`/admin/requests/${requestId}`, 'Rectification request'],
      ['/admin/reports?status=ALL', 'Abuse reports'],
      ['/admin/messages?state=ALL', 'Contact messages'],
      ['/admin/policies', 'Policies'],
      ['/admin/holds?state=ALL', 'Legal holds'],
    ] as const) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await page.waitForLoadState('networkidle');
      if (process.env.PIXVAULT_E2E_PHONE_SHOTS) await screenshot(page, `phone-${heading.replace(/\W+/g, '-')}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
    await context.close();
  });
});

describe('console', () => {
  it('logged no errors', () => {
    expect(consoleProblems).toEqual([]);
  });
});
