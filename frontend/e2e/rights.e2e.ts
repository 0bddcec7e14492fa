/**
 * The rights of Articles 18, 21 and 34 end to end: a customer restricts processing in the
 * privacy centre (their public image then answers 451 to others) and the privacy officer lifts
 * it with a reason, the customer emailed first; a customer objects to marketing, which takes
 * effect at once; the privacy officer records a breach and emails the people it touched, each
 * once (the e2e server writes mail to DATA_DIR/outbox).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { PRIVACY_OFFICER } from './accounts';
import { consoleProblems, newContext, newPage, screenshot } from './browser';
import { baseURL, callAs, logIn, newPerson, type Person, signUp, useBrowser, PATIENCE } from './harness';
import { emailsTo } from './outbox';

const getBrowser = useBrowser();
let browser: Browser;
let officer: Page;
const CSRF = { 'X-Requested-With': 'pixvault' };
const BREACH_SUBJECT = 'A personal data breach affected your data';

/** A person signed up through the form, with their page left open. */
async function customer(person: Person): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser, baseURL);
  const page = await newPage(context, person.name);
  await signUp(page, person);
  return { context, page };
}

/** A "YYYY-MM-DDTHH:mm" value for a datetime-local field, in the browser's own time zone. */
async function localInput(page: Page, offsetMinutes: number): Promise<string> {
  return page.evaluate((offset) => {
    const d = new Date(Date.now() + offset * 60_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  }, offsetMinutes);
}

beforeAll(async () => {
  browser = getBrowser();
  const context = await newContext(browser, baseURL);
  officer = await newPage(context, 'privacy officer');
  await logIn(officer, PRIVACY_OFFICER.email, PRIVACY_OFFICER.password, false);
});

describe('restriction of processing', () => {
  it('a customer restricts processing, their public image answers 451, and the officer lifts it after emailing them', async () => {
    const rhea = newPerson('Rhea');
    const { context, page } = await customer(rhea);
    const jpeg = await page.screenshot({ type: 'jpeg' });
    const uploaded = await context.request.post('/graphql', {
      headers: CSRF,
      multipart: {
        operations: JSON.stringify({
          query: 'mutation ($file: Upload!) { uploadAsset(file: $file, visibility: PUBLIC) { asset { id url } errors { message } } }',
          variables: { file: null },
        }),
        map: JSON.stringify({ 0: ['variables.file'] }),
        0: { name: 'view.jpg', mimeType: 'image/jpeg', buffer: jpeg },
      },
    });
    const asset = ((await uploaded.json()) as { data: { uploadAsset: { asset: { url: string } } } }).data.uploadAsset.asset;
    const publicPath = new URL(asset.url).pathname + new URL(asset.url).search;
    expect((await fetch(`${baseURL}${publicPath}`)).status).toBe(200);

    await page.goto('/privacy/rights');
    await page.getByRole('heading', { level: 1, name: 'Restrict or object' }).waitFor();
    await page.getByTestId('supervisory-authority').getByRole('link', { name: 'Data Protection Authority of Testland' }).waitFor();
    const form = page.getByRole('form', { name: 'Restrict the processing of my data' });
    await form.getByLabel('Why (optional)').fill('I contest the accuracy of my profile.');
    await form.getByLabel(/Your current password/).fill(rhea.password);
    await form.getByRole('button', { name: 'Restrict processing' }).click();
    await page.getByTestId('restriction-status').getByText('Processing of your data is restricted').waitFor();
    await expect.poll(async () => (await fetch(`${baseURL}${publicPath}`)).status, { timeout: PATIENCE }).toBe(451);
    expect((await context.request.get(publicPath)).status()).toBe(200); // the owner still sees it
    await screenshot(page, 'rights-restricted');

    await officer.goto('/admin/restrictions');
    await officer.getByRole('heading', { level: 1, name: 'Restrictions of processing' }).waitFor();
    const row = officer.getByTestId('restriction-row').filter({ hasText: rhea.email });
    await row.getByRole('button', { name: 'Lift' }).click();
    const dialog = officer.getByRole('form', { name: 'Lift the restriction' });
    await dialog.getByLabel(/Reason/).fill('Your profile was checked and is accurate.');
    await dialog.getByRole('button', { name: 'Lift restriction' }).click();
    await row.getByText(/^Ends /).waitFor();
    await expect.poll(() => emailsTo(rhea.email).filter((m) => m.includes('will be lifted')).length, { timeout: PATIENCE }).toBe(1);
    expect((await fetch(`${baseURL}${publicPath}`)).status).toBe(451); // the notice period runs

    await page.reload();
    await page.getByText(/It will be lifted on .* Why: Your profile was checked and is accurate\./).waitFor();
    await screenshot(officer, 'rights-restriction-lifting');
    expect(consoleProblems).toEqual([]);
    await context.close();
  });
});

describe('objection', () => {
  it('an objection to marketing email takes effect at once, without review', async () => {
    const otto = newPerson('Otto');
    const { context, page } = await customer(otto);
    await callAs(context, 'mutation { setConsents(decisions: [{ purpose: MARKETING_EMAIL, granted: true }], source: SETTINGS) { errors { kind } } }');
    await page.goto('/privacy/rights');
    const form = page.getByRole('form', { name: 'Object to a use of my data' });
    await expect.poll(() => form.getByLabel('What do you object to?').first().inputValue()).toBe('Marketing email (takes effect at once)');
    await form.getByLabel(/Your current password/).fill(otto.password);
    await form.getByRole('button', { name: 'Send objection' }).click();
    await page.getByText('Your objection has taken effect.').waitFor();
    const row = page.getByTestId('rights-request').filter({ hasText: 'Objection: marketing email' });
    await row.getByText('Done').waitFor();
    const state = await callAs<{ consentState: { decisions: Array<{ purpose: string; granted: boolean }> } }>(
      context,
      '{ consentState { decisions { purpose granted } } }',
    );
    expect(state.consentState.decisions.find((d) => d.purpose === 'MARKETING_EMAIL')?.granted).toBe(false);
    await screenshot(page, 'rights-objection');
    expect(consoleProblems).toEqual([]);
    await context.close();
  });
});

describe('breach register', () => {
  it('the officer records a breach with its 72-hour clock and emails each affected person once', async () => {
    const from = await localInput(officer, -2);
    const bea = newPerson('Bea');
    const { context } = await customer(bea);
    await context.close();
    const to = await localInput(officer, 2);

    await officer.goto('/admin/breaches');
    await officer.getByRole('heading', { level: 1, name: 'Breach register' }).waitFor();
    const form = officer.getByRole('form', { name: 'Record a breach' });
    const description = `Logs with session data were readable for an hour (${bea.email}).`;
    await form.getByLabel(/What happened/).fill(description);
    await form.getByLabel(/Discovered/).fill(await localInput(officer, -60));
    await form.getByLabel(/Kinds of data/).fill('email address, IP address');
    await form.getByLabel(/^From/).fill(from);
    await form.getByLabel(/^To/).fill(to);
    await form.getByRole('button', { name: 'Record breach' }).click();
    const row = officer.getByTestId('breach-row').filter({ hasText: description });
    await row.getByTestId('authority-clock').getByText(/^7[01] h \d+ min left$/).waitFor();

    await row.getByLabel(/What to tell the affected people/).fill('Sign in again and check your sessions; we closed the leak.');
    await row.getByRole('button', { name: /^Email the \d+ affected$/ }).click();
    await row.getByTestId('people-notified').waitFor();
    await expect.poll(() => emailsTo(bea.email).filter((m) => m.includes(`Subject: ${BREACH_SUBJECT}`)).length, { timeout: PATIENCE }).toBe(1);
    const [mail] = emailsTo(bea.email).filter((m) => m.includes(`Subject: ${BREACH_SUBJECT}`));
    expect(mail).toContain('Data Protection Authority of Testland');

    await row.getByLabel("Authority's reference").fill('DPA-E2E-1');
    await row.getByRole('button', { name: 'Authority notified' }).click();
    await row.getByText('Authority told', { exact: true }).waitFor();
    await row.getByText(/ref\. DPA-E2E-1$/).waitFor();
    await screenshot(officer, 'rights-breach-register');
    // Exactly once: a while later there is still one.
    await new Promise((r) => setTimeout(r, 1500));
    expect(emailsTo(bea.email).filter((m) => m.includes(`Subject: ${BREACH_SUBJECT}`))).toHaveLength(1);
    expect(consoleProblems).toEqual([]);
  });
});
