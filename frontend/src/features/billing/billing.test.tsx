import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../app/App';
import { forbidden, mockGraphQL, viewer } from '../../test/graphqlMock';
import { renderWithProviders } from '../../test/render';
import { browserLocation } from './PlansSection';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const GIB = 1024 ** 3;
const plan = (id: string, name: string, priceCents: number, extra: Record<string, unknown> = {}) => ({
  id,
  name,
  priceCents,
  currency: 'USD',
  interval: 'month',
  storageQuotaBytes: id === 'free' ? GIB : 100 * GIB,
  monthlyTransformations: id === 'free' ? 500 : 10000,
  includedBandwidthBytes: id === 'free' ? 5e9 : 200e9,
  bandwidthCentsPerGigabyte: id === 'free' ? 0 : 8,
  ...extra,
});
const FREE = plan('free', 'Free', 0);
const PRO = plan('pro', 'Pro', 1200);
const YEARLY = plan('pro-yearly', 'Pro (yearly)', 12000, { interval: 'year' });

const payment = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  amountCents: 1200,
  currency: 'USD',
  status: 'SUCCEEDED',
  paidAt: '2026-10-01T09:00:00Z',
  refundedCents: 0,
  description: 'Pixvault Pro',
  billingName: 'Ada Lovelace',
  ...extra,
});

function billing({
  current = FREE,
  payments = [] as unknown[],
  usage = { storageBytes: 512 * 1024 ** 2, bandwidthBytes: 6e9, transformations: 25 },
} = {}) {
  return {
    data: {
      me: {
        ...viewer(),
        plan: current,
        usage: {
          periodStart: '2026-11-01T00:00:00Z',
          periodEnd: '2026-12-01T00:00:00Z',
          estimatedCostCents: current.priceCents,
          ...usage,
        },
        payments,
      },
      plans: [FREE, PRO, YEARLY],
    },
  };
}

describe('billing page', () => {
  it('shows the plan, usage against the quotas in a chart and in words, the plans and payments', async () => {
    mockGraphQL({
      Me: () => ({ data: { me: viewer() } }),
      Billing: () =>
        billing({
          current: PRO,
          payments: [
            payment('p2', { status: 'REFUNDED', refundedCents: 1200, paidAt: '2026-11-01T09:00:00Z' }),
            payment('p1', { refundedCents: 300 }),
            payment('p0', { status: 'PENDING', paidAt: null, billingName: null }),
          ],
        }),
    });
    renderWithProviders(<App />, { route: '/billing' });
    expect(await screen.findByTestId('current-plan')).toHaveTextContent('Pro');

    const chart = screen.getByRole('img', { name: /^Usage against your plan's quotas/ });
    expect(chart.getAttribute('aria-label')).toBe(
      "Usage against your plan's quotas: Storage 512 MiB of 100 GiB (0.5%); " +
        'Bandwidth 6 GB of 200 GB (3%); Transformations 25 of 10,000 (0.3%).',
    );
    const numbers = screen.getByRole('list', { name: 'Usage in numbers' });
    expect(within(numbers).getByTestId('meter-storage')).toHaveTextContent('512 MiB of 100 GiB0.5% used');
    expect(within(numbers).getByTestId('meter-bandwidth')).toHaveTextContent(/Included; beyond it .*0\.08 per GB/);

    const cards = screen.getAllByTestId('plan-card');
    // cheapest first by the month: the yearly plan sits before the monthly one
    expect(cards.map((c) => within(c).getByRole('heading').textContent)).toEqual(['Free', 'Pro (yearly)', 'Pro']);
    const pro = screen.getByRole('article', { name: 'Pro' });
    expect(within(pro).getByText('Your plan')).toBeInTheDocument();
    expect(within(pro).getByRole('button', { name: 'Current plan' })).toBeDisabled();
    expect(within(pro).getByText('100 GiB of storage')).toBeInTheDocument();
    expect(within(pro).getByText('10,000 transformations a month')).toBeInTheDocument();
    expect(within(screen.getByRole('article', { name: 'Pro (yearly)' })).getByRole('button')).toHaveTextContent(
      'Choose Pro (yearly)',
    );

    const table = screen.getByRole('table', { name: 'Your payments' });
    const rows = within(table).getAllByTestId('payment-row');
    expect(rows).toHaveLength(3);
    expect(rows[0]).toHaveTextContent('Refunded');
    expect(rows[1]).toHaveTextContent('Paid');
    expect(rows[1]).toHaveTextContent(/\$3\.00 refunded/);
    expect(rows[1]).toHaveTextContent('Billed to Ada Lovelace');
    expect(rows[2]).toHaveTextContent('Not paid yet');
    expect(rows[2]).toHaveTextContent('Pending');
  });

  it('starts Stripe Checkout for the chosen plan and goes to the page it returns', async () => {
    const assign = vi.spyOn(browserLocation, 'assign').mockImplementation(() => {});
    const gql = mockGraphQL({
      Me: () => ({ data: { me: viewer() } }),
      Billing: () => billing(),
      StartCheckout: () => ({
        data: { startCheckout: { checkoutUrl: 'https://checkout.stripe.test/c/pay/cs_1', errors: [] } },
      }),
    });
    renderWithProviders(<App />, { route: '/billing' });
    fireEvent.click(await screen.findByRole('button', { name: 'Upgrade to Pro' }));
    await waitFor(() => expect(assign).toHaveBeenCalledWith('https://checkout.stripe.test/c/pay/cs_1'));
    expect(gql.callsOf('StartCheckout')[0]?.variables).toEqual({ planId: 'pro' });
    // no second checkout while the browser leaves
    expect(screen.getByRole('button', { name: 'Upgrade to Pro (yearly)' })).toBeDisabled();
  });

  it('says clearly when this installation takes no payments, and stops offering checkout', async () => {
    const assign = vi.spyOn(browserLocation, 'assign').mockImplementation(() => {});
    mockGraphQL({
      Me: () => ({ data: { me: viewer() } }),
      Billing: () => billing(),
      StartCheckout: () => ({
        data: {
          startCheckout: {
            checkoutUrl: null,
            errors: [{ field: null, kind: 'PAYMENTS_DISABLED', message: 'Payments are not enabled on this installation.' }],
          },
        },
      }),
    });
    renderWithProviders(<App />, { route: '/billing' });
    fireEvent.click(await screen.findByRole('button', { name: 'Upgrade to Pro' }));
    const alert = await screen.findByTestId('payments-disabled');
    expect(alert).toHaveTextContent('Online payments are not available');
    expect(alert).toHaveTextContent('Payments are not enabled on this installation.');
    expect(screen.getByRole('button', { name: 'Upgrade to Pro' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Upgrade to Pro (yearly)' })).toBeDisabled();
    expect(assign).not.toHaveBeenCalled();
  });

  it('shows a refusal next to the plan it is about', async () => {
    mockGraphQL({
      Me: () => ({ data: { me: viewer() } }),
      Billing: () => billing(),
      StartCheckout: () => ({
        data: {
          startCheckout: {
            checkoutUrl: null,
            errors: [
              {
                field: 'planId',
                kind: 'ALREADY_SUBSCRIBED',
                message: 'You already have a subscription. Cancel it before choosing another plan.',
              },
            ],
          },
        },
      }),
    });
    renderWithProviders(<App />, { route: '/billing' });
    fireEvent.click(await screen.findByRole('button', { name: 'Upgrade to Pro (yearly)' }));
    const yearly = screen.getByRole('article', { name: 'Pro (yearly)' });
    expect(await within(yearly).findByRole('alert')).toHaveTextContent('You already have a subscription.');
    expect(within(screen.getByRole('article', { name: 'Pro' })).queryByRole('alert')).not.toBeInTheDocument();
    // other plans stay on offer
    expect(screen.getByRole('button', { name: 'Upgrade to Pro' })).toBeEnabled();
  });

  it('welcomes the customer back from Stripe while the payment is being confirmed', async () => {
    mockGraphQL({ Me: () => ({ data: { me: viewer() } }), Billing: () => billing() });
    renderWithProviders(<App />, { route: '/billing?checkout=success' });
    expect(await screen.findByTestId('checkout-return')).toHaveTextContent('Thank you, your payment is on its way');
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    await waitFor(() => expect(screen.queryByTestId('checkout-return')).not.toBeInTheDocument());
  });

  it('says the new plan is on once Stripe confirmed it', async () => {
    mockGraphQL({ Me: () => ({ data: { me: viewer() } }), Billing: () => billing({ current: PRO }) });
    renderWithProviders(<App />, { route: '/billing?checkout=success' });
    expect(await screen.findByTestId('checkout-return')).toHaveTextContent('Thank you, you are on Pro now');
  });

  it('says a cancelled checkout charged nothing', async () => {
    mockGraphQL({ Me: () => ({ data: { me: viewer() } }), Billing: () => billing() });
    renderWithProviders(<App />, { route: '/billing?checkout=cancelled' });
    expect(await screen.findByTestId('checkout-return')).toHaveTextContent('Nothing was charged');
  });

  it('has an empty state for payments and an error state with a retry', async () => {
    let fail = true;
    const gql = mockGraphQL({
      Me: () => ({ data: { me: viewer() } }),
      Billing: () => (fail ? { data: null, errors: [{ message: 'The server is having a moment.' }] } : billing()),
    });
    renderWithProviders(<App />, { route: '/billing' });
    expect(await screen.findByText('This could not be loaded')).toBeInTheDocument();
    expect(screen.getByText('The server is having a moment.')).toBeInTheDocument();
    fail = false;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('No payments yet')).toBeInTheDocument();
    expect(gql.callsOf('Billing')).toHaveLength(2);
  });
});

const adminPayment = (id: string, extra: Record<string, unknown> = {}) => ({
  ...payment(id),
  providerReference: `in_${id}`,
  user: { id: 'u2', name: 'Grace Hopper', email: 'grace@example.test' },
  ...extra,
});

describe('admin payments', () => {
  it('lists payments for BILLING staff, filters by status and customer, and pages', async () => {
    const gql = mockGraphQL({
      Me: () => ({ data: { me: viewer(['CUSTOMER', 'BILLING']) } }),
      AdminPayments: ({ after, status }) => ({
        data: {
          payments: {
            totalCount: 26,
            pageInfo: { hasNextPage: !after, endCursor: after ? 'c2' : 'c1' },
            edges: (after ? [adminPayment('p26')] : [adminPayment('p1', { amountCents: 4900, refundedCents: 900 })]).map(
              (node) => ({ cursor: node.id, node: status ? { ...node, status } : node }),
            ),
          },
        },
      }),
    });
    renderWithProviders(<App />, { route: '/admin/payments' });
    const table = await screen.findByRole('table', { name: 'Payments' });
    const row = within(table).getByTestId('admin-payment-row');
    expect(row).toHaveTextContent('$49.00');
    expect(row).toHaveTextContent('$9.00 refunded');
    expect(row).toHaveTextContent('in_p1');
    expect(within(row).getByRole('link', { name: 'Grace Hopper' })).toHaveAttribute('href', '/admin/users/u2');
    expect(screen.getByRole('link', { name: 'Payments' })).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    await waitFor(() => expect(gql.callsOf('AdminPayments').at(-1)?.variables).toMatchObject({ after: 'c1' }));
    expect(await screen.findByText('in_p26')).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Only Grace Hopper’s payments' }));
    await waitFor(() =>
      expect(gql.callsOf('AdminPayments').at(-1)?.variables).toMatchObject({ userId: 'u2', after: null }),
    );
  });

  it('says so when no payment matches the filters', async () => {
    mockGraphQL({
      Me: () => ({ data: { me: viewer(['CUSTOMER', 'ADMIN']) } }),
      AdminPayments: ({ status }) => ({
        data: {
          payments: {
            totalCount: 0,
            pageInfo: { hasNextPage: false, endCursor: null },
            edges: status === 'FAILED' ? [] : [{ cursor: 'p1', node: adminPayment('p1') }],
          },
        },
      }),
    });
    renderWithProviders(<App />, { route: '/admin/payments?status=FAILED' });
    expect(await screen.findByText('No payments match these filters')).toBeInTheDocument();
  });

  it('says the section is withheld when the server refuses the role', async () => {
    mockGraphQL({
      Me: () => ({ data: { me: viewer(['CUSTOMER', 'ADMIN']) } }),
      AdminPayments: () => ({ data: { payments: null }, errors: [forbidden(['payments'])] }),
    });
    renderWithProviders(<App />, { route: '/admin/payments' });
    expect(await screen.findByText('Pixvault withholds payments from your role.')).toBeInTheDocument();
  });

  it('is not open to SUPPORT staff', async () => {
    mockGraphQL({ Me: () => ({ data: { me: viewer(['CUSTOMER', 'SUPPORT']) } }) });
    renderWithProviders(<App />, { route: '/admin/payments' });
    expect(await screen.findByText('No access')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Payments' })).not.toBeInTheDocument();
  });
});
