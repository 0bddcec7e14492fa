import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../app/App';
import { mockGraphQL, viewer } from '../../test/graphqlMock';
import { renderWithProviders } from '../../test/render';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const GIB = 1024 ** 3;
const plan = (id: string, name: string, priceCents: number) => ({
  id,
  name,
  priceCents,
  currency: 'USD',
  interval: 'month',
  storageQuotaBytes: 100 * GIB,
  monthlyTransformations: 10000,
  includedBandwidthBytes: 200e9,
  bandwidthCentsPerGigabyte: 8,
});
const FREE = plan('free', 'Free', 0);
const PRO = plan('pro', 'Pro', 1200);
const PERIOD_END = '2026-12-01T00:00:00Z';

const running = (cancelled: boolean) => ({
  status: 'active',
  cancelAtPeriodEnd: cancelled,
  currentPeriodEnd: PERIOD_END,
  endsAt: cancelled ? PERIOD_END : null,
});

function billing(subscription: ReturnType<typeof running> | null, current = PRO) {
  return {
    data: {
      me: {
        ...viewer(),
        plan: current,
        subscription,
        usage: {
          periodStart: '2026-11-01T00:00:00Z',
          periodEnd: PERIOD_END,
          storageBytes: 1000,
          bandwidthBytes: 1000,
          transformations: 1,
          estimatedCostCents: current.priceCents,
        },
        payments: [],
      },
      plans: [FREE, PRO],
    },
  };
}

const payload = (field: string, subscription: unknown, errors: unknown[] = []) => ({
  data: { [field]: { subscription, errors } },
});

const ENDS = new Date(PERIOD_END).toLocaleDateString(undefined, { dateStyle: 'medium' });

describe('cancelling a subscription', () => {
  it('asks first, saying until when the plan is kept, then shows when it ends', async () => {
    let cancelled = false;
    const gql = mockGraphQL({
      Me: () => ({ data: { me: viewer() } }),
      Billing: () => billing(running(cancelled)),
      CancelSubscription: () => {
        cancelled = true;
        return payload('cancelSubscription', running(true));
      },
    });
    renderWithProviders(<App />, { route: '/billing' });
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel subscription' }));
    const dialog = await screen.findByRole('dialog', { name: 'Cancel your Pro subscription?' });
    expect(dialog).toHaveTextContent(`You keep Pro until ${ENDS}`);
    expect(gql.callsOf('CancelSubscription')).toHaveLength(0);

    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel subscription' }));
    const notice = await screen.findByTestId('plan-ends');
    expect(notice).toHaveTextContent(`Your Pro plan ends on ${ENDS}`);
    expect(gql.callsOf('CancelSubscription')).toHaveLength(1);
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(screen.queryByRole('button', { name: 'Cancel subscription' })).not.toBeInTheDocument();
    expect(within(notice).getByRole('button', { name: 'Keep my plan' })).toBeInTheDocument();
  });

  it('shows the server’s refusal in the dialog and keeps it open', async () => {
    mockGraphQL({
      Me: () => ({ data: { me: viewer() } }),
      Billing: () => billing(running(false)),
      CancelSubscription: () =>
        payload('cancelSubscription', null, [
          {
            field: null,
            kind: 'PAYMENT_PROVIDER_ERROR',
            message: 'The payment provider is unavailable. Try again shortly.',
          },
        ]),
    });
    renderWithProviders(<App />, { route: '/billing' });
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel subscription' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel subscription' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'The payment provider is unavailable. Try again shortly.',
    );
    expect(screen.queryByTestId('plan-ends')).not.toBeInTheDocument();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Go back' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('keeps the plan when the customer changes their mind', async () => {
    let cancelled = true;
    const gql = mockGraphQL({
      Me: () => ({ data: { me: viewer() } }),
      Billing: () => billing(running(cancelled)),
      ResumeSubscription: () => {
        cancelled = false;
        return payload('resumeSubscription', running(false));
      },
    });
    renderWithProviders(<App />, { route: '/billing' });
    const notice = await screen.findByTestId('plan-ends');
    fireEvent.click(within(notice).getByRole('button', { name: 'Keep my plan' }));
    expect(await screen.findByRole('button', { name: 'Cancel subscription' })).toBeInTheDocument();
    expect(screen.queryByTestId('plan-ends')).not.toBeInTheDocument();
    expect(gql.callsOf('ResumeSubscription')).toHaveLength(1);
  });

  it('shows a refused resume next to its button', async () => {
    mockGraphQL({
      Me: () => ({ data: { me: viewer() } }),
      Billing: () => billing(running(true)),
      ResumeSubscription: () =>
        payload('resumeSubscription', null, [
          { field: null, kind: 'NO_SUBSCRIPTION', message: 'You have no paid subscription.' },
        ]),
    });
    renderWithProviders(<App />, { route: '/billing' });
    const notice = await screen.findByTestId('plan-ends');
    fireEvent.click(within(notice).getByRole('button', { name: 'Keep my plan' }));
    expect(await within(notice).findByRole('alert')).toHaveTextContent('You have no paid subscription.');
  });

  it('offers no cancellation on the free plan', async () => {
    mockGraphQL({
      Me: () => ({ data: { me: viewer() } }),
      Billing: () => billing(null, FREE),
    });
    renderWithProviders(<App />, { route: '/billing' });
    expect(await screen.findByTestId('current-plan')).toHaveTextContent('Free');
    expect(screen.queryByRole('button', { name: 'Cancel subscription' })).not.toBeInTheDocument();
    expect(screen.queryByTestId('plan-ends')).not.toBeInTheDocument();
  });
});
