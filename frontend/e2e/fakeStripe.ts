/**
 * A local stand-in for Stripe, so the e2e server takes "payments" without the real Stripe.
 *
 * The server's own stripe SDK calls it (PIXVAULT_STRIPE_API_BASE) to create customers and
 * Checkout Sessions, whose URL is this fake's hosted checkout page. Paying there does what
 * Stripe would: it delivers signed webhook events (checkout.session.completed, invoice.paid)
 * to the server's /webhooks/stripe, then sends the browser back to the session's success_url.
 * "Cancel" sends it to the cancel_url. The subscription paid for is kept here: updating its
 * cancel_at_period_end (the customer cancelling or resuming) answers as Stripe does and then
 * delivers customer.subscription.updated. A session can be retrieved (its customer, subscription
 * and first invoice), and an invoice's payment looked up by invoice or by payment intent, as the
 * server does for a refunded charge. Events are signed with Stripe's scheme,
 * t=<time>,v1=HMAC-SHA256("<time>.<body>", secret), written out here.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export const FAKE_STRIPE_API_KEY = 'sk_test_pixvault_e2e';
export const FAKE_STRIPE_WEBHOOK_SECRET = 'whsec_pixvault_e2e';

interface Session {
  id: string;
  customer: string;
  userId: string;
  planId: string;
  product: string;
  amount: number;
  currency: string;
  successUrl: string;
  cancelUrl: string;
  paid: boolean;
  subscription: string | null;
  invoice: string | null;
  /** Unix time the first period ends: the billing cycle anchor checkout asked for. */
  anchor: number;
}

type Subscription = {
  id: string;
  object: 'subscription';
  customer: string;
  status: string;
  cancel_at_period_end: boolean;
  cancel_at: number | null;
  metadata: Record<string, string>;
  items: { object: 'list'; data: { id: string; object: 'subscription_item'; current_period_end: number }[] };
};

export interface FakeStripe {
  url: string;
  close: () => Promise<void>;
}

const html = (title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title}</title>
<style>
body{font-family:system-ui,sans-serif;background:#f6f9fc;margin:0;display:grid;place-items:center;min-height:100vh;color:#1a1f36}
main{background:#fff;border-radius:12px;box-shadow:0 2px 12px rgba(0,0,0,.08);padding:32px;width:min(360px,90vw)}
h1{font-size:20px;margin:0 0 4px} p{color:#697386;margin:0 0 20px}
label{display:block;font-size:14px;margin-bottom:4px} input{box-sizing:border-box;width:100%;padding:10px;border:1px solid #cfd7df;border-radius:8px;font-size:16px}
button{width:100%;padding:12px;border:0;border-radius:8px;font-size:16px;margin-top:8px;cursor:pointer}
.pay{background:#635bff;color:#fff} .cancel{background:#e3e8ee;color:#1a1f36}
</style></head><body><main>${body}</main></body></html>`;

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function json(response: ServerResponse, status: number, value: unknown) {
  const body = JSON.stringify(value);
  response.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    'Stripe-Should-Retry': 'false',
  });
  response.end(body);
}

function signed(payload: string): string {
  const t = Math.floor(Date.now() / 1000);
  const v1 = createHmac('sha256', FAKE_STRIPE_WEBHOOK_SECRET).update(`${t}.${payload}`).digest('hex');
  return `t=${t},v1=${v1}`;
}

/** Starts the fake; `pixvaultURL` is where its webhook events go. */
export async function startFakeStripe(pixvaultURL: string): Promise<FakeStripe> {
  const sessions = new Map<string, Session>();
  const subscriptions = new Map<string, Subscription>();
  const replies = new Map<string, unknown>();
  /** Each paid invoice's payment intent, for /v1/invoice_payments. */
  const intents = new Map<string, string>();
  let ids = 0;
  const newId = (prefix: string) => `${prefix}_e2e${String(++ids).padStart(6, '0')}`;
  let url = '';

  async function deliver(type: string, object: Record<string, unknown>) {
    const payload = JSON.stringify({
      id: `evt_${randomUUID().replace(/-/g, '').slice(0, 24)}`,
      object: 'event',
      api_version: '2026-10-28.endive',
      created: Math.floor(Date.now() / 1000),
      data: { object },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
    });
    const response = await fetch(`${pixvaultURL}/webhooks/stripe`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Stripe-Signature': signed(payload) },
      body: payload,
    });
    if (!response.ok) throw new Error(`webhook ${type} answered ${response.status}: ${await response.text()}`);
  }

  async function pay(session: Session, name: string | null) {
    if (session.paid) return;
    session.paid = true;
    const subscription = newId('sub');
    const invoice = newId('in');
    intents.set(invoice, newId('pi'));
    session.subscription = subscription;
    session.invoice = invoice;
    const now = Math.floor(Date.now() / 1000);
    const held: Subscription = {
      id: subscription,
      object: 'subscription',
      customer: session.customer,
      status: 'active',
      cancel_at_period_end: false,
      cancel_at: null,
      metadata: { user_id: session.userId, plan_id: session.planId },
      items: { object: 'list', data: [{ id: newId('si'), object: 'subscription_item', current_period_end: session.anchor }] },
    };
    subscriptions.set(subscription, held);
    await deliver('checkout.session.completed', {
      id: session.id,
      object: 'checkout.session',
      mode: 'subscription',
      status: 'complete',
      payment_status: 'paid',
      customer: session.customer,
      subscription,
      client_reference_id: session.userId,
      metadata: { user_id: session.userId, plan_id: session.planId },
    });
    await deliver('customer.subscription.created', held);
    await deliver('invoice.paid', {
      id: invoice,
      object: 'invoice',
      customer: session.customer,
      customer_name: name,
      currency: session.currency,
      amount_due: session.amount,
      amount_paid: session.amount,
      created: now,
      status: 'paid',
      status_transitions: { paid_at: now },
      subscription,
      lines: { object: 'list', data: [{ description: `1 × ${session.product}` }] },
    });
  }

  async function api(request: IncomingMessage, response: ServerResponse, path: string, query: URLSearchParams) {
    if (request.headers.authorization !== `Bearer ${FAKE_STRIPE_API_KEY}`) {
      return json(response, 401, { error: { type: 'invalid_request_error', message: 'Invalid API key' } });
    }
    const params = request.method === 'GET' ? query : new URLSearchParams(await readBody(request));
    const key = request.headers['idempotency-key'];
    if (typeof key === 'string' && replies.has(key)) return json(response, 200, replies.get(key));
    let reply: unknown;
    if (path === '/v1/customers') {
      reply = { id: newId('cus'), object: 'customer', email: params.get('email'), metadata: {} };
    } else if (path === '/v1/checkout/sessions') {
      const id = newId('cs_test');
      sessions.set(id, {
        id,
        customer: params.get('customer') ?? '',
        userId: params.get('client_reference_id') ?? '',
        planId: params.get('metadata[plan_id]') ?? '',
        product: params.get('line_items[0][price_data][product_data][name]') ?? 'Pixvault',
        amount: Number(params.get('line_items[0][price_data][unit_amount]') ?? 0),
        currency: params.get('line_items[0][price_data][currency]') ?? 'usd',
        successUrl: params.get('success_url') ?? '',
        cancelUrl: params.get('cancel_url') ?? '',
        paid: false,
        subscription: null,
        invoice: null,
        anchor: Number(params.get('subscription_data[billing_cycle_anchor]') ?? Math.floor(Date.now() / 1000) + 30 * 86400),
      });
      reply = { id, object: 'checkout.session', mode: params.get('mode'), status: 'open', url: `${url}/pay/${id}` };
    } else if (request.method === 'GET' && path.startsWith('/v1/checkout/sessions/')) {
      const session = sessions.get(path.slice('/v1/checkout/sessions/'.length));
      if (!session) return json(response, 404, { error: { type: 'invalid_request_error', message: 'No such session' } });
      const { id, customer, subscription, invoice, paid } = session;
      reply = { id, object: 'checkout.session', customer, subscription, invoice, payment_status: paid ? 'paid' : 'unpaid' };
    } else if (path === '/v1/invoice_payments') {
      const wanted = params.get('payment[payment_intent]');
      const data = [...intents]
        .filter(([invoice, intent]) => invoice === params.get('invoice') || intent === wanted)
        .map(([invoice, intent]) => ({
          id: `inpay_${invoice}`,
          object: 'invoice_payment',
          invoice,
          payment: { type: 'payment_intent', payment_intent: intent },
          status: 'paid',
        }));
      reply = { object: 'list', url: '/v1/invoice_payments', has_more: false, data };
    } else if (path.startsWith('/v1/subscriptions/') && subscriptions.has(path.slice('/v1/subscriptions/'.length))) {
      const held = subscriptions.get(path.slice('/v1/subscriptions/'.length))!;
      if (request.method === 'POST' && params.has('cancel_at_period_end')) {
        held.cancel_at_period_end = params.get('cancel_at_period_end') === 'true';
        held.cancel_at = held.cancel_at_period_end ? held.items.data[0]!.current_period_end : null;
        json(response, 200, held);
        // Stripe tells of the change afterwards, by webhook.
        const told = structuredClone(held);
        setTimeout(() => {
          deliver('customer.subscription.updated', told).catch((error: unknown) => console.error(error));
        }, 50);
        return;
      }
      reply = held;
    } else {
      return json(response, 404, { error: { type: 'invalid_request_error', message: `no route ${path}` } });
    }
    if (typeof key === 'string') replies.set(key, reply);
    json(response, 200, reply);
  }

  async function checkoutPage(request: IncomingMessage, response: ServerResponse, session: Session, action?: string) {
    if (request.method === 'POST') {
      const form = new URLSearchParams(await readBody(request));
      if (action === 'pay') await pay(session, form.get('name') || null);
      response.writeHead(303, { Location: action === 'pay' ? session.successUrl : session.cancelUrl });
      return response.end();
    }
    const price = new Intl.NumberFormat('en-US', { style: 'currency', currency: session.currency.toUpperCase() }).format(
      session.amount / 100,
    );
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(
      html(
        'Fake Stripe Checkout',
        `<h1>${escapeHtml(session.product)}</h1><p>${escapeHtml(price)} (test mode, no card needed)</p>
<form method="post" action="/pay/${session.id}/pay">
<label for="name">Name on card</label><input id="name" name="name" autocomplete="cc-name">
<button class="pay">Pay ${escapeHtml(price)}</button></form>
<form method="post" action="/pay/${session.id}/cancel"><button class="cancel">Cancel</button></form>`,
      ),
    );
  }

  const server: Server = createServer((request, response) => {
    const { pathname: path, searchParams } = new URL(request.url ?? '/', 'http://fake');
    const handle = async () => {
      if (path.startsWith('/v1/')) return api(request, response, path, searchParams);
      const match = /^\/pay\/([\w]+)(?:\/(pay|cancel))?$/.exec(path);
      const session = match ? sessions.get(match[1]!) : undefined;
      if (session) return checkoutPage(request, response, session, match?.[2]);
      // the browser asks for a favicon: no console error for its absence
      response.writeHead(path === '/favicon.ico' ? 204 : 404);
      response.end();
    };
    handle().catch((error: unknown) => {
      if (!response.headersSent) json(response, 500, { error: { type: 'api_error', message: String(error) } });
      else response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // never what keeps the test process alive, should the setup fail after this
  server.unref();
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
