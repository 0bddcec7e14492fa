/**
 * Every page the payment and breach emails link to exists. The payment emails come from Stripe's
 * webhook events: the receipt from paying in the fake Stripe's checkout (e2e/fakeStripe.ts),
 * the failed payment and the refund from events signed here with the fake's webhook secret, as
 * Stripe signs them. The breach notice comes from the privacy officer recording a breach and
 * asking for the affected people to be told. Each email is read from the server's outbox and
 * every link in it to this site is opened in chromium, which must show a page of the app that
 * is not "not found".
 *
 * Emails of emailKinds.json followed here: "Your Pixvault receipt", "Your Pixvault payment did
 * not go through", "Your Pixvault refund", "A personal data breach affected your data".
 */
import { createHmac, randomUUID } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRIVACY_OFFICER } from './accounts';
import { newContext, newPage } from './browser';
import { FAKE_STRIPE_API_KEY, FAKE_STRIPE_WEBHOOK_SECRET } from './fakeStripe';
import { baseURL, call, logIn, newPerson, signUpByApi as signUp, useBrowser } from './harness';
import { EmailFollower } from './outbox';

const getBrowser = useBrowser();
let context: BrowserContext;
let page: Page;
/** Reads this file's emails and opens their links. */
const emails = new EmailFollower(() => page);

beforeAll(async () => {
  context = await newContext(getBrowser(), baseURL);
  page = await newPage(context, 'email-notices');
});

afterAll(async () => {
  await context?.close();
});

/** Reads the email of `kind` (its subject) and opens every link in its body to this site, of
 * which it must have one; returns the email. */
async function follow(kind: string, to: string): Promise<string> {
  const { message, links } = await emails.follow(kind, to, kind);
  expect(links.length, `${kind} links to this site`).toBeGreaterThan(0);
  return message;
}

/** A GET of the fake Stripe's API, as the server's SDK would make it. */
async function stripeGet<T>(stripe: string, path: string): Promise<T> {
  const response = await fetch(`${stripe}${path}`, { headers: { Authorization: `Bearer ${FAKE_STRIPE_API_KEY}` } });
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

/** Delivers an event to the server's webhook, signed as Stripe signs it. */
async function deliver(type: string, object: Record<string, unknown>): Promise<void> {
  const payload = JSON.stringify({
    id: `evt_${randomUUID().replace(/-/g, '').slice(0, 24)}`,
    object: 'event',
    created: Math.floor(Date.now() / 1000),
    data: { object },
    livemode: false,
    type,
  });
  const t = Math.floor(Date.now() / 1000);
  const v1 = createHmac('sha256', FAKE_STRIPE_WEBHOOK_SECRET).update(`${t}.${payload}`).digest('hex');
  const response = await fetch(`${baseURL}/webhooks/stripe`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Stripe-Signature': `t=${t},v1=${v1}` },
    body: payload,
  });
  expect(response.status, await response.text()).toBe(200);
}

describe('the links of the payment and breach emails open working pages', () => {
  it('a receipt, a failed payment and a refund, from Stripe events', async () => {
    const person = newPerson('Pay');
    const session = await signUp(person);
    const started = await call<{ startCheckout: { checkoutUrl: string; errors: unknown[] } }>(
      session,
      'mutation($planId: ID!) { startCheckout(planId: $planId) { checkoutUrl errors { kind } } }',
      { planId: 'pro' },
    );
    expect(started.startCheckout.errors).toEqual([]);
    const checkout = new URL(started.startCheckout.checkoutUrl);
    const paid = await fetch(`${checkout.href}/pay`, {
      method: 'POST',
      body: new URLSearchParams({ name: person.name }),
      redirect: 'manual',
    });
    expect(paid.status).toBe(303);
    await follow('Your Pixvault receipt', person.email);

    const stripe = checkout.origin;
    const sessionId = checkout.pathname.split('/').at(-1)!;
    const held = await stripeGet<{ customer: string; subscription: string; invoice: string }>(
      stripe,
      `/v1/checkout/sessions/${sessionId}`,
    );
    const now = Math.floor(Date.now() / 1000);
    await deliver('invoice.payment_failed', {
      id: `in_failed_${randomUUID().slice(0, 8)}`,
      object: 'invoice',
      customer: held.customer,
      customer_name: person.name,
      currency: 'usd',
      amount_due: 1200,
      amount_paid: 0,
      created: now,
      status: 'open',
      subscription: held.subscription,
      lines: { object: 'list', data: [{ description: '1 × Pixvault Pro' }] },
    });
    await follow('Your Pixvault payment did not go through', person.email);

    const payments = await stripeGet<{ data: Array<{ payment: { payment_intent: string } }> }>(
      stripe,
      `/v1/invoice_payments?invoice=${held.invoice}`,
    );
    const intent = payments.data[0]!.payment.payment_intent;
    // A partial refund: the payment stays paid, so billing.e2e.ts's console finds no refunded
    // payment whichever file runs first.
    await deliver('charge.refunded', {
      id: `ch_${randomUUID().slice(0, 8)}`,
      object: 'charge',
      customer: held.customer,
      payment_intent: intent,
      amount: 1200,
      amount_refunded: 500,
      refunded: false,
      currency: 'usd',
      created: now,
      billing_details: { name: person.name },
    });
    const refund = await follow('Your Pixvault refund', person.email);
    expect(refund).toContain('We have refunded 5.00 USD');
    expect(refund).toContain(`Reference: ${held.invoice}`);
  });

  it('the breach notice, sent when the privacy officer asks for the people to be told', async () => {
    // The officer logs in first, so that the sign-in window holds only Bree's sign-up: the
    // window is read on the server's clock, which is this machine's too.
    const officerContext = await newContext(getBrowser(), baseURL);
    await logIn(await newPage(officerContext, 'officer'), PRIVACY_OFFICER.email, PRIVACY_OFFICER.password, false);
    const from = new Date().toISOString();
    const person = newPerson('Bree');
    await signUp(person);
    const to = new Date(Date.now() + 1).toISOString();
    const asOfficer = async <T>(query: string, variables: unknown): Promise<T> => {
      const response = await officerContext.request.post(`${baseURL}/graphql`, {
        headers: { 'X-Requested-With': 'pixvault' },
        data: { query, variables },
      });
      const body = (await response.json()) as { data: T; errors?: unknown };
      expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
      return body.data;
    };
    const recorded = await asOfficer<{ recordBreach: { breach: { id: string; affectedCount: number } } }>(
      'mutation($i: BreachInput!) { recordBreach(input: $i) { breach { id affectedCount } errors { kind } } }',
      {
        i: {
          description: 'A backup copy of the sign-up table was readable for an hour.',
          discoveredAt: new Date().toISOString(),
          dataCategories: ['email address', 'name'],
          signedInFrom: from,
          signedInTo: to,
        },
      },
    );
    expect(recorded.recordBreach.breach.affectedCount).toBe(1);
    const told = await asOfficer<{ notifyBreachSubjects: { errors: unknown[] } }>(
      'mutation($id: ID!, $n: String!) { notifyBreachSubjects(id: $id, notice: $n) { errors { kind } } }',
      {
        id: recorded.recordBreach.breach.id,
        n: 'Your email address and name may have been read. Change your password if you reuse it.',
      },
    );
    await officerContext.close();
    expect(told.notifyBreachSubjects.errors).toEqual([]);
    const notice = await follow('A personal data breach affected your data', person.email);
    expect(notice).toContain(`Breach reference: ${recorded.recordBreach.breach.id}`);
  });

  it('read every email the catalogue says this file follows', () => {
    emails.followedEveryKindOf('emailNotices.e2e.ts');
  });
});
