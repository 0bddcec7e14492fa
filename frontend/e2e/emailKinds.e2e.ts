/**
 * Every page the account, security, marketing and data-request emails link to exists: each
 * email is made to be sent (through the graph, as the web app does, or the CLI), read from the
 * server's outbox, and every link in it to this site is opened in chromium, which must show a
 * page of the app that is not "not found". emailKinds.json lists every email the backend can
 * send and the e2e file that follows its links (tests/test_email_coverage.py keeps it whole);
 * the last test checks this file read every email it claims.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRIVACY_OFFICER, SUPPORT } from './accounts';
import { newContext, newPage } from './browser';
import { baseURL, call, dataDir, logIn, newApiSession as newSession, newPerson, signUpByApi as signUp, useBrowser, PATIENCE } from './harness';
import { EmailFollower, opensAPage } from './outbox';

const getBrowser = useBrowser();
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** Reads this file's emails and opens their links. */
const emails = new EmailFollower(() => page);
const follow = emails.follow.bind(emails);

beforeAll(async () => {
  browser = getBrowser();
  context = await newContext(browser, baseURL);
  page = await newPage(context, 'email-kinds');
});

afterAll(async () => {
  await context?.close();
});

describe('the links of every account and data-request email open working pages', () => {
  it('password_reset and password_changed', async () => {
    const person = newPerson('Pia');
    const session = await signUp(person);
    await call(session, 'mutation($e: String!) { requestPasswordReset(email: $e) { ok } }', {
      e: person.email,
    });
    const { links } = await follow('password_reset', person.email, 'Set a new Pixvault password', false);
    const link = links.find((l) => l.includes('token='));
    expect(link, links.join(' ')).toBeDefined();
    await opensAPage(page, link!);
    const token = new URL(link!).searchParams.get('token');
    const done = await call<{ resetPassword: { ok: boolean } }>(
      newSession(),
      'mutation($t: String!, $p: String!) { resetPassword(token: $t, newPassword: $p) { ok } }',
      { t: token, p: 'another long passphrase' },
    );
    expect(done.resetPassword.ok).toBe(true);
    for (const other of links) {
      if (other !== link) await opensAPage(page, other);
    }
    await follow('password_changed', person.email, 'Your Pixvault password was changed');
  });

  it('email_confirmation and email_taken_notice', async () => {
    const person = newPerson('Ezra');
    const holder = newPerson('Hana');
    await signUp(holder);
    const session = await signUp(person);
    const change = 'mutation($i: UpdateProfileInput!) { updateProfile(input: $i) { errors { kind } } }';
    await call(session, change, { i: { email: holder.email } });
    await follow('email_taken_notice', holder.email, 'Someone tried to use your Pixvault email address');
    const moved = `moved.${randomUUID().slice(0, 8)}@e2e.pixvault.test`;
    await call(session, change, { i: { email: moved } });
    await follow('email_confirmation', moved, 'Confirm your new Pixvault email address');
  });

  it('new_device and log_in_attempts', async () => {
    const person = newPerson('Nico');
    await signUp(person);
    const logInQuery = 'mutation($i: LogInInput!) { logIn(input: $i) { errors { kind } } }';
    // An account's first log-in sends nothing; a later one from another browser family does.
    const account = { i: { email: person.email, password: person.password } };
    await call(newSession(), logInQuery, account);
    const firefox = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
    await call({ ...newSession(), userAgent: firefox }, logInQuery, account);
    await follow('new_device', person.email, 'New sign-in to your Pixvault account');
    const guesser = newSession();
    for (let i = 0; i < 7; i++) {
      await call(guesser, logInQuery, { i: { email: person.email, password: `wrong guess ${i}` } });
    }
    await follow('log_in_attempts', person.email, 'Failed sign-in attempts on your Pixvault account');
  });

  it('marketing, sent by the operator from the CLI', async () => {
    const person = newPerson('Mara');
    await signUp(person, true);
    const body = join(dataDir, `marketing-${randomUUID()}.txt`);
    writeFileSync(body, 'Pixvault now keeps your albums in order.');
    const pixvault = process.env.PIXVAULT_BIN ?? resolve(import.meta.dirname, '../../.venv/bin/pixvault');
    const sent = spawnSync(pixvault, ['send-marketing', '--subject', 'News from Pixvault', '--body-file', body], {
      env: { ...process.env, PIXVAULT_ENV: 'development', PIXVAULT_DATA_DIR: dataDir, PIXVAULT_PUBLIC_URL: baseURL },
      encoding: 'utf8',
    });
    expect(sent.status, sent.stderr).toBe(0);
    // The unsubscribe link is one click: it is opened after the others.
    const { links } = await follow('marketing', person.email, 'News from Pixvault', false);
    for (const link of links.sort((a, b) => Number(a.includes('unsubscribe')) - Number(b.includes('unsubscribe')))) {
      await opensAPage(page, link);
    }
  });

  it('the data request receipt, extension and refusal', async () => {
    const person = newPerson('Dana');
    const session = await signUp(person);
    const submit = `mutation($i: DataSubjectRequestInput!) {
      submitDataSubjectRequest(input: $i) { request { id } errors { kind } } }`;
    const ask = async (details: string) => {
      const asked = await call<{ submitDataSubjectRequest: { request: { id: string } } }>(session, submit, {
        i: { kind: 'RECTIFICATION', password: person.password, details, corrections: { name: 'Dana Right' } },
      });
      return asked.submitDataSubjectRequest.request.id;
    };
    const first = await ask('first');
    await follow('We received your data request', person.email, 'We received your data request');
    const second = await ask('second');

    const officerContext = await newContext(browser, baseURL);
    await logIn(await newPage(officerContext, 'officer'), PRIVACY_OFFICER.email, PRIVACY_OFFICER.password, false);
    const asOfficer = async (query: string, variables: unknown) => {
      const response = await officerContext.request.post(`${baseURL}/graphql`, {
        headers: { 'X-Requested-With': 'pixvault' },
        data: { query, variables },
      });
      expect(response.status()).toBe(200);
    };
    await asOfficer(
      `mutation($id: ID!) { extendDataSubjectRequest(id: $id, days: 20, reason: "Many archives")
        { errors { kind } } }`,
      { id: first },
    );
    await asOfficer(
      `mutation($id: ID!) { rejectDataSubjectRequest(id: $id, reason: "Asked twice")
        { errors { kind } } }`,
      { id: second },
    );
    await officerContext.close();
    await follow('We need more time for your data request', person.email, 'We need more time for your data request');
    await follow('Your data request was declined', person.email, 'Your data request was declined');
  });

  it('the notice that a restriction of processing will be lifted', async () => {
    const person = newPerson('Rory');
    const session = await signUp(person);
    const me = await call<{ me: { id: string } }>(session, '{ me { id } }');
    const asked = await call<{ submitDataSubjectRequest: { errors: unknown[] } }>(
      session,
      `mutation($i: DataSubjectRequestInput!) {
        submitDataSubjectRequest(input: $i) { errors { kind } } }`,
      { i: { kind: 'RESTRICTION', password: person.password, details: 'Check my data first' } },
    );
    expect(asked.submitDataSubjectRequest.errors).toEqual([]);

    const officerContext = await newContext(browser, baseURL);
    await logIn(await newPage(officerContext, 'officer'), PRIVACY_OFFICER.email, PRIVACY_OFFICER.password, false);
    const asOfficer = async <T>(query: string, variables: unknown): Promise<T> => {
      const response = await officerContext.request.post(`${baseURL}/graphql`, {
        headers: { 'X-Requested-With': 'pixvault' },
        data: { query, variables },
      });
      return ((await response.json()) as { data: T }).data;
    };
    let restrictionId: string | undefined;
    await expect
      .poll(async () => {
        const found = await asOfficer<{
          processingRestrictions: { edges: Array<{ node: { id: string } }> };
        }>('query($s: ID!) { processingRestrictions(subjectId: $s) { edges { node { id } } } }', {
          s: me.me.id,
        });
        restrictionId = found.processingRestrictions.edges[0]?.node.id;
        return restrictionId !== undefined;
      }, { timeout: PATIENCE, interval: 250 })
      .toBe(true);
    const lifted = await asOfficer<{ liftProcessingRestriction: { errors: unknown[] } }>(
      `mutation($id: ID!) { liftProcessingRestriction(id: $id, reason: "The data was checked")
        { errors { kind } } }`,
      { id: restrictionId },
    );
    await officerContext.close();
    expect(lifted.liftProcessingRestriction.errors).toEqual([]);
    await follow(
      'The restriction of your data will be lifted',
      person.email,
      'The restriction of your data will be lifted',
    );
  });

  it('abuse_decision: the owner is told a report about their image was upheld', async () => {
    const owner = newPerson('Olga');
    const ownerContext = await newContext(browser, baseURL);
    const ownerPage = await newPage(ownerContext, 'owner');
    await signUp(owner);
    await logIn(ownerPage, owner.email, owner.password, false);
    await ownerPage.setContent('<body style="margin:0;width:300px;height:200px;background:linear-gradient(90deg,#136,#fc6)"></body>');
    const image = await ownerPage.screenshot({ type: 'jpeg', quality: 85 });
    const query = 'mutation ($file: Upload!) { uploadAsset(file: $file, visibility: PUBLIC) { asset { id } errors { message } } }';
    const uploaded = await ownerContext.request.post(`${baseURL}/graphql`, {
      headers: { 'X-Requested-With': 'pixvault' },
      multipart: {
        operations: JSON.stringify({ query, variables: { file: null } }),
        map: JSON.stringify({ 0: ['variables.file'] }),
        0: { name: 'dusk.jpg', mimeType: 'image/jpeg', buffer: image },
      },
    });
    const assetId = ((await uploaded.json()) as { data: { uploadAsset: { asset: { id: string } } } }).data
      .uploadAsset.asset.id;
    await ownerContext.close();

    const reported = await call<{ reportAsset: { report: { id: string } | null; errors: unknown[] } }>(
      newSession(),
      'mutation ($input: ReportAssetInput!) { reportAsset(input: $input) { report { id } errors { kind } } }',
      { input: { assetId, reason: 'ABUSIVE', reporterEmail: `reporter.${randomUUID().slice(0, 8)}@e2e.pixvault.test` } },
    );
    expect(reported.reportAsset.errors).toEqual([]);

    const staffContext = await newContext(browser, baseURL);
    await logIn(await newPage(staffContext, 'support'), SUPPORT.email, SUPPORT.password, false);
    const post = async <T>(q: string, variables: unknown = {}): Promise<T> => {
      const response = await staffContext.request.post(`${baseURL}/graphql`, {
        headers: { 'X-Requested-With': 'pixvault' },
        data: { query: q, variables },
      });
      return ((await response.json()) as { data: T }).data;
    };
    const queue = await post<{ abuseReports: { edges: Array<{ node: { id: string; asset: { id: string } | null } }> } }>(
      '{ abuseReports(first: 100) { edges { node { id asset { id } } } } }',
    );
    const report = queue.abuseReports.edges.find((e) => e.node.asset?.id === assetId);
    expect(report, JSON.stringify(queue)).toBeDefined();
    const resolved = await post<{ resolveAbuseReport: { errors: unknown[] } }>(
      'mutation($id: ID!) { resolveAbuseReport(id: $id, decision: UPHOLD) { errors { kind } } }',
      { id: report!.node.id },
    );
    await staffContext.close();
    expect(resolved.resolveAbuseReport.errors).toEqual([]);
    await follow('abuse_decision', owner.email, 'Decision on the report about dusk.jpg');
  });

  it('read every email the catalogue says this file follows', () => {
    emails.followedEveryKindOf('emailKinds.e2e.ts');
  });
});
