/**
 * The privacy parts of the app against the live server: the cookie banner (first visit, choices
 * per purpose, "Refuse all"), page views only with analytics consent, the consent choices and
 * cookie list, a data export downloaded as a ZIP, a policy decision, and account deletion.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request as apiRequest, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN } from './accounts';
import { consoleProblems, DESKTOP, newContext, newPage, PHONE, screenshot } from './browser';
import { baseURL, dataDir, field, newPerson, password, signUp, useBrowser, type Person, PATIENCE } from './harness';
import { nextCode } from './totp';

const getBrowser = useBrowser();
let browser: Browser;

const banner = (p: Page) => p.getByRole('region', { name: 'Cookies on Pixvault' });
const landing = (p: Page) => p.getByRole('heading', { level: 1, name: 'Your images, on your terms.' });

/** A GraphQL call with the context's cookies (its visitor id, or its signed-in session). */
async function graph<T>(context: BrowserContext, query: string, variables: unknown = {}): Promise<T> {
  const response = await context.request.post(`${baseURL}/graphql`, {
    headers: { 'X-Requested-With': 'pixvault' },
    data: { query, variables },
  });
  const body = (await response.json()) as { data: T; errors?: unknown };
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data;
}

interface ConsentState {
  consentState: { bannerRequired: boolean; decisions: Array<{ purpose: string; granted: boolean; decidedAt: string | null }> };
}
const CONSENT_STATE = '{ consentState { bannerRequired decisions { purpose granted decidedAt } } }';
const granted = (state: ConsentState, purpose: string) =>
  state.consentState.decisions.find((d) => d.purpose === purpose)?.granted;

interface Activity {
  me: { activity: { edges: Array<{ node: { kind: string; target: string | null } }> } };
}
const ACTIVITY = '{ me { activity(first: 200) { edges { node { kind target } } } } }';
const pageViews = async (context: BrowserContext) =>
  (await graph<Activity>(context, ACTIVITY)).me.activity.edges
    .map((e) => e.node)
    .filter((n) => n.kind === 'PAGE_VIEW');

/** Closes the toasts ("choice recorded", "welcome") so a screenshot shows the page itself. */
async function dismissNotifications(p: Page): Promise<void> {
  const toasts = p.locator('.mantine-Notification-root');
  for (const close of await toasts.locator('button').all()) {
    await close.click({ timeout: 2_000 }).catch(() => undefined); // it may be leaving already
  }
  await expect.poll(() => toasts.count()).toBe(0);
}

/** Counts the recordPageView calls a page makes. */
function countPageViewCalls(p: Page): () => number {
  let calls = 0;
  p.on('request', (r) => {
    if (r.url().endsWith('/graphql') && (r.postData() ?? '').includes('recordPageView')) calls += 1;
  });
  return () => calls;
}

/** The person of the "choose" flow, signed up after choosing; used by the later flows too. */
let chooser: Person;
let chooserContext: BrowserContext;
let chooserPage: Page;

beforeAll(() => {
  browser = getBrowser();
});

describe('cookie banner', () => {
  it('asks an anonymous visitor; choices per purpose are recorded and survive a reload', async () => {
    chooserContext = await newContext(browser, baseURL, DESKTOP, { cookieChoice: 'none' });
    chooserPage = await newPage(chooserContext, 'chooser');
    const p = chooserPage;
    const pageViewCalls = countPageViewCalls(p);
    await p.goto('/');
    await landing(p).waitFor();
    await banner(p).waitFor();
    expect(await banner(p).getByRole('button', { name: 'Accept all' }).isVisible()).toBe(true);
    expect(await banner(p).getByRole('button', { name: 'Refuse all' }).isVisible()).toBe(true);
    await screenshot(p, '30-cookie-banner', false);

    await banner(p).getByRole('button', { name: 'Choose' }).click();
    const dialog = p.getByRole('dialog', { name: 'Choose which cookies Pixvault may use' });
    await dialog.waitFor();
    const necessary = dialog.getByRole('switch', { name: /Strictly necessary/ });
    expect(await necessary.isChecked()).toBe(true);
    expect(await necessary.isDisabled()).toBe(true);
    await dialog.getByText('pv_visitor').waitFor();
    // by keyboard: preferences on, analytics stays off
    await dialog.getByRole('switch', { name: /Preferences/ }).focus();
    await p.keyboard.press('Space');
    expect(await dialog.getByRole('switch', { name: /Preferences/ }).isChecked()).toBe(true);
    expect(await dialog.getByRole('switch', { name: /Analytics/ }).isChecked()).toBe(false);
    await screenshot(p, '31-cookie-choices', false);
    await dialog.getByRole('button', { name: 'Save my choices' }).focus();
    await p.keyboard.press('Enter');
    await banner(p).waitFor({ state: 'detached' });
    await dialog.waitFor({ state: 'detached' });

    // the proof of consent lives on the server, named by the visitor cookie
    const cookies = await chooserContext.cookies();
    expect(cookies.some((c) => c.name === 'pv_visitor')).toBe(true);

    await p.reload();
    await landing(p).waitFor();
    await p.waitForLoadState('networkidle');
    expect(await banner(p).count()).toBe(0);
    const state = await graph<ConsentState>(chooserContext, CONSENT_STATE);
    expect(state.consentState.bannerRequired).toBe(false);
    expect(granted(state, 'PREFERENCES')).toBe(true);
    expect(granted(state, 'ANALYTICS')).toBe(false);
    expect(pageViewCalls()).toBe(0);
  });

  it('carries the visitor’s choices to the account and shows them in the privacy centre', async () => {
    const p = chooserPage;
    chooser = newPerson('Chooser');
    await signUp(p, chooser);
    expect(await banner(p).count()).toBe(0);
    await p.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Consent choices' }).click();
    await p.getByRole('heading', { level: 1, name: 'Consent choices' }).waitFor();
    const card = (purpose: string) => p.locator(`[data-testid="consent-choice"][data-purpose="${purpose}"]`);
    await card('PREFERENCES').getByText('Granted').waitFor();
    expect(await p.getByRole('switch', { name: 'Preferences' }).isChecked()).toBe(true);
    expect(await p.getByRole('switch', { name: 'Analytics' }).isChecked()).toBe(false);
    expect(await p.getByRole('switch', { name: 'Strictly necessary' }).isDisabled()).toBe(true);
    expect(await card('MARKETING_EMAIL').getByText('Refused').isVisible()).toBe(true);
    await dismissNotifications(p);
    await screenshot(p, '32-consent-choices');
    const state = await graph<ConsentState>(chooserContext, CONSENT_STATE);
    expect(granted(state, 'PREFERENCES')).toBe(true);
    expect(granted(state, 'ANALYTICS')).toBe(false);
  });

  it('"Refuse all" in another browser: no page view is sent or recorded', async () => {
    const context = await newContext(browser, baseURL, DESKTOP, { cookieChoice: 'none' });
    const p = await newPage(context, 'refuser');
    const pageViewCalls = countPageViewCalls(p);
    await p.goto('/');
    await banner(p).getByRole('button', { name: 'Refuse all' }).click();
    await banner(p).waitFor({ state: 'detached' });
    const person = newPerson('Refuser');
    await signUp(p, person);
    for (const path of ['/privacy', '/privacy/sessions', '/privacy/cookies', '/privacy/activity']) {
      await p.goto(path);
      await p.getByRole('heading', { level: 1 }).waitFor();
      await p.waitForLoadState('networkidle');
    }
    expect(await banner(p).count()).toBe(0);
    expect(pageViewCalls()).toBe(0);
    expect(await pageViews(context)).toEqual([]);
    // the refusal is on record, from the banner
    await p.goto('/privacy/consents');
    const analytics = p.getByTestId('consent-row').filter({ hasText: 'Analytics' });
    await analytics.first().waitFor();
    expect(await analytics.first().getByText('Refused').isVisible()).toBe(true);
    expect(await analytics.first().getByText('Cookie banner').isVisible()).toBe(true);
    await context.close();
  });

  it('fits a phone screen and goes once answered', async () => {
    const context = await newContext(browser, baseURL, PHONE, { cookieChoice: 'none' });
    const p = await newPage(context, 'phone-visitor');
    await p.goto('/');
    await landing(p).waitFor();
    await banner(p).waitFor();
    for (const name of ['Choose', 'Refuse all', 'Accept all']) {
      const box = await banner(p).getByRole('button', { name }).boundingBox();
      expect(box, name).not.toBeNull();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
      expect(box!.y + box!.height).toBeLessThanOrEqual(PHONE.height);
    }
    await screenshot(p, '30b-cookie-banner-phone', false);
    await banner(p).getByRole('button', { name: 'Accept all' }).click();
    await banner(p).waitFor({ state: 'detached' });
    const state = await graph<ConsentState>(context, CONSENT_STATE);
    expect(granted(state, 'ANALYTICS')).toBe(true);
    await context.close();
  });
});

describe('privacy centre', () => {
  it('records page views once analytics is allowed, and lists the cookies', async () => {
    const p = chooserPage;
    const pageViewCalls = countPageViewCalls(p);
    await p.goto('/privacy/consent-choices');
    const analytics = p.getByRole('switch', { name: 'Analytics' });
    await analytics.waitFor();
    expect(await analytics.isChecked()).toBe(false);
    expect(await pageViews(chooserContext)).toEqual([]);
    // the switch by keyboard, as it is operable
    await analytics.focus();
    await p.keyboard.press('Space');
    await p.locator('[data-testid="consent-choice"][data-purpose="ANALYTICS"]').getByText('Granted').waitFor();

    await p.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Cookies' }).click();
    await p.getByRole('heading', { level: 1, name: 'Cookies' }).waitFor();
    const rows = p.getByTestId('cookie-row');
    await rows.first().waitFor();
    const session = rows.filter({ hasText: 'pv_session' });
    expect(await session.getByText(/Until you close the browser; \d+ (days|months?) with "Remember me"/).isVisible()).toBe(true);
    const visitor = rows.filter({ hasText: 'pv_visitor' });
    expect(await visitor.getByText('6 months').isVisible()).toBe(true);
    expect(await visitor.getByText(/first party/).isVisible()).toBe(true);
    await dismissNotifications(p);
    await screenshot(p, '33-cookie-list');

    await expect.poll(async () => (await pageViews(chooserContext)).map((v) => v.target)).toContain('/privacy/cookies');
    expect(pageViewCalls()).toBeGreaterThan(0);
  });

  it('"Download my data": asks for the password, shows progress, then the ZIP', async () => {
    const p = chooserPage;
    await p.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Download my data' }).click();
    await p.getByRole('heading', { level: 1, name: 'Download my data' }).waitFor();
    const secret = p.getByLabel(/^Your current password/);
    await secret.fill('not my password');
    await p.getByRole('button', { name: 'Request my data' }).click();
    await p.getByText('Enter your current password.').waitFor();

    await secret.fill(chooser.password);
    await p.getByRole('button', { name: 'Request my data' }).click();
    const status = p.getByTestId('export-status');
    await status.waitFor();
    // the embedded server runs the export in-process; the page polls until it is ready
    const phases = new Set<string>();
    await expect
      .poll(
        async () => {
          const phase = (await status.getAttribute('data-phase')) ?? '';
          phases.add(phase);
          return phase;
        },
        { timeout: PATIENCE },
      )
      .toBe('ready');
    expect([...phases].every((phase) => ['queued', 'running', 'ready'].includes(phase))).toBe(true);
    const link = p.getByRole('link', { name: 'Download my data (ZIP)' });
    await dismissNotifications(p);
    await screenshot(p, '34-download-my-data');

    const [download] = await Promise.all([p.waitForEvent('download'), link.click()]);
    const file = await download.path();
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    expect(download.suggestedFilename()).toMatch(/^pixvault-data-\d{4}-\d{2}-\d{2}\.zip$/);
    const listed = spawnSync(
      'python3',
      ['-c', 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print("\\n".join(z.namelist())); print(z.read("data.json").decode())', file],
      { encoding: 'utf8' },
    );
    expect(listed.status, listed.stderr).toBe(0);
    expect(listed.stdout).toContain('index.html');
    expect(listed.stdout).toContain(chooser.email);
    expect(listed.stdout).toContain(chooser.name);
  });
});

describe('policy decision', () => {
  let admin: Awaited<ReturnType<typeof apiRequest.newContext>>;
  const PUBLISH = `mutation Publish($input: PublishPolicyInput!) {
    publishPolicyVersion(input: $input) { policyVersion { id version } errors { field kind message } } }`;

  /** Publishes a TERMS version in effect at once; `version`, or it with a suffix if taken. */
  async function publish(version: string, reducing: boolean, summary: string): Promise<string> {
    for (const candidate of [version, `${version}-${Date.now().toString(36).slice(-4)}`]) {
      const response = await admin.post('/graphql', {
        data: {
          query: PUBLISH,
          variables: {
            input: {
              kind: 'TERMS',
              version: candidate,
              title: 'Terms of Service',
              summary,
              body: `# Terms of Service ${candidate}\n\nThese terms govern your use of Pixvault.\n\n${summary}`,
              changeType: 'LEGAL_REQUIREMENT',
              materiallyReducesProtection: reducing,
            },
          },
        },
      });
      const body = (await response.json()) as {
        data: { publishPolicyVersion: { policyVersion: { version: string } | null; errors: Array<{ kind: string }> } };
      };
      const errors = body.data.publishPolicyVersion.errors;
      if (errors.some((e) => e.kind === 'VERSION_TAKEN')) continue;
      expect(errors).toEqual([]);
      return body.data.publishPolicyVersion.policyVersion!.version;
    }
    throw new Error(`could not publish a TERMS version ${version}`);
  }

  const GALLERY =
    'Public images may be shown in a gallery of public images on the Pixvault home page, with your display name.';

  beforeAll(async () => {
    admin = await apiRequest.newContext({ baseURL, extraHTTPHeaders: { 'X-Requested-With': 'pixvault' } });
    const response = await admin.post('/graphql', {
      data: {
        query: 'mutation($i: LogInInput!) { logIn(input: $i) { twoFactorChallenge errors { kind } } }',
        variables: { i: { email: ADMIN.email, password: ADMIN.password } },
      },
    });
    type LogIn = { twoFactorChallenge: string | null; errors: unknown[] };
    const logIn = ((await response.json()) as { data: { logIn: LogIn } }).data.logIn;
    // Staff have a second factor (globalSetup set one up): the password step asks for a code.
    expect(logIn.twoFactorChallenge).toBeTruthy();
    const completed = await admin.post('/graphql', {
      data: {
        query: 'mutation($c: String!, $k: String!) { completeLogIn(challenge: $c, code: $k) { errors { kind } } }',
        variables: { c: logIn.twoFactorChallenge, k: await nextCode(dataDir, ADMIN.email) },
      },
    });
    type Completed = { data: { completeLogIn: { errors: unknown[] } } };
    expect(((await completed.json()) as Completed).data.completeLogIn.errors).toEqual([]);
  });
  afterAll(async () => {
    await admin?.dispose();
  });

  it('shows a new version that needs a decision, and records the acceptance', async () => {
    try {
      const version = await publish('2.0', true, GALLERY);
      const p = chooserPage;
      await p.goto('/privacy');
      const dialog = p.getByRole('dialog', { name: 'An updated policy needs your decision' });
      await dialog.waitFor();
      await dialog.getByText(GALLERY, { exact: true }).waitFor();
      expect(await dialog.getByText('Takes effect').isVisible()).toBe(true);
      expect(await dialog.getByText('Required by law').isVisible()).toBe(true);
      expect(await dialog.getByRole('button', { name: 'Decline…' }).isVisible()).toBe(true);
      await screenshot(p, '36-policy-decision', false);
      await dialog.getByRole('button', { name: `Accept version ${version}` }).click();
      await dialog.waitFor({ state: 'detached' });
      const pending = await graph<{ pendingPolicyDecisions: unknown[] }>(chooserContext, '{ pendingPolicyDecisions { id } }');
      expect(pending.pendingPolicyDecisions).toEqual([]);
    } finally {
      // A version that does not reduce protection supersedes it at once, so nobody else on
      // this server (the other files' accounts) is asked for a decision.
      await publish('2.1', false, 'Clarifies the wording of the public gallery section.');
    }
  });
});

describe('delete my account', () => {
  it('confirms by typing DELETE and the password; afterwards the account cannot log in', async () => {
    const p = chooserPage;
    await p.goto('/privacy/delete-account');
    await p.getByRole('heading', { level: 1, name: 'Delete my account' }).waitFor();
    await p.getByRole('button', { name: 'Delete my account…' }).click();
    const dialog = p.getByRole('dialog', { name: 'Delete your account for good?' });
    await dialog.waitFor();
    const confirm = dialog.getByRole('button', { name: 'Delete my account', exact: true });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByRole('textbox', { name: 'Type DELETE to confirm' }).fill('DELETE');
    await dialog.getByLabel('Your current password').fill(chooser.password);
    expect(await confirm.isEnabled()).toBe(true);
    await screenshot(p, '35-delete-account-dialog', false);
    await confirm.click();
    await p.waitForURL(/\/login$/);
    await p.getByText('Your account is being deleted').waitFor();

    // the erasure runs in-process and ends the session
    await expect
      .poll(async () => (await graph<{ me: unknown }>(chooserContext, '{ me { id } }')).me, { timeout: PATIENCE })
      .toBeNull();
    await field(p, 'Email').fill(chooser.email);
    await password(p).fill(chooser.password);
    await p.getByRole('button', { name: 'Log in' }).click();
    await p.getByText('The email or password is wrong.').waitFor();
    await chooserContext.close();
  });
});

describe('browser console', () => {
  it('stayed free of errors on every page', () => {
    expect(consoleProblems).toEqual([]);
  });
});
