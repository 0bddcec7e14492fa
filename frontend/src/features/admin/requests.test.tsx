import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../app/App';
import { mockGraphQL, viewer } from '../../test/graphqlMock';
import { renderWithProviders } from '../../test/render';
import { adminNav } from './routes';

// The machine running these may be busy: give the first render of each page more than 1 s.

afterEach(() => {
  vi.unstubAllGlobals();
});

const DAY = 24 * 60 * 60 * 1000;
const fromNow = (days: number, hours = 2) => new Date(Date.now() + days * DAY + hours * 3600 * 1000).toISOString();

const request = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: 'a1b2c3d4-0000-4000-8000-000000000001',
  kind: 'ACCESS',
  status: 'VERIFIED',
  requesterEmail: 'grace@example.test',
  details: null,
  receivedAt: fromNow(-27),
  verifiedAt: fromNow(-27),
  dueAt: fromNow(3),
  extensionReason: null,
  completedAt: null,
  rejectionReason: null,
  progress: null,
  internalNotes: null,
  corrections: null,
  result: null,
  waitingReason: null,
  overdue: false,
  subject: { id: 'u2', name: 'Grace Hopper', email: 'grace@example.test' },
  ...overrides,
});

const connection = (nodes: unknown[]) => ({
  totalCount: nodes.length,
  pageInfo: { hasNextPage: false, endCursor: null },
  edges: nodes.map((node) => ({ node })),
});

describe('admin navigation by role', () => {
  const labels = (roles: string[]) => adminNav(roles).map((i) => i.label);

  it('shows each console page only to the roles the API lets use it', () => {
    expect(labels(['CUSTOMER', 'SUPPORT'])).toEqual(['Users', 'Abuse reports', 'Contact messages']);
    expect(labels(['CUSTOMER', 'BILLING'])).toEqual(['Users', 'Payments']);
    expect(labels(['CUSTOMER', 'PRIVACY_OFFICER'])).toEqual([
      'Users',
      'Data requests',
      'Abuse reports',
      'Contact messages',
      'Policies',
      'Legal holds',
      'Restrictions',
      'Breach register',
      'Audit log',
    ]);
    expect(labels(['CUSTOMER', 'ADMIN'])).toEqual(labels(['PRIVACY_OFFICER', 'BILLING']));
    expect(labels(['CUSTOMER'])).toEqual([]);
  });

  it('keeps support staff out of the data request queue', async () => {
    const gql = mockGraphQL({ Me: () => ({ data: { me: viewer(['CUSTOMER', 'SUPPORT']) } }) });
    renderWithProviders(<App />, { route: '/admin/requests' });
    expect(await screen.findByText('No access')).toBeInTheDocument();
    expect(gql.callsOf('AdminRequests')).toHaveLength(0);
  });
});

describe('admin: data request queue', () => {
  it('lists requests with their due date and time left, overdue ones said in words', async () => {
    const gql = mockGraphQL({
      Me: () => ({ data: { me: viewer(['CUSTOMER', 'PRIVACY_OFFICER']) } }),
      AdminRequests: () => ({
        data: {
          dataSubjectRequests: connection([
            request({ id: 'late0000-0000', kind: 'ERASURE', dueAt: fromNow(-2, -3), overdue: true }),
            request(),
            request({ id: 'done0000-0000', status: 'COMPLETED', completedAt: fromNow(-1) }),
          ]),
        },
      }),
    });
    renderWithProviders(<App />, { route: '/admin/requests' });
    const rows = await screen.findAllByTestId('request-row');
    expect(rows).toHaveLength(3);
    expect(within(rows[0]!).getByRole('link', { name: 'Erasure' })).toHaveAttribute('href', '/admin/requests/late0000-0000');
    expect(within(rows[0]!).getByText('Overdue by 3 days')).toBeInTheDocument();
    expect(within(rows[0]!).getByTestId('due-date')).toHaveAttribute('data-tone', 'overdue');
    expect(within(rows[1]!).getByText('3 days left')).toBeInTheDocument();
    expect(within(rows[1]!).getByText('Grace Hopper')).toBeInTheDocument();
    expect(within(rows[1]!).getByText('Verified')).toBeInTheDocument();
    expect(within(rows[2]!).getByText('Answered')).toBeInTheDocument();
    expect(screen.getByText('1 request on this page is overdue')).toBeInTheDocument();

    fireEvent.click(screen.getByRole('combobox', { name: 'Status' }));
    fireEvent.click(await screen.findByRole('option', { name: 'Completed', hidden: true }));
    await waitFor(() => expect(gql.callsOf('AdminRequests').at(-1)?.variables).toMatchObject({ status: 'COMPLETED', after: null }));
  });

  it('pages through the queue', async () => {
    const gql = mockGraphQL({
      Me: () => ({ data: { me: viewer(['CUSTOMER', 'ADMIN']) } }),
      AdminRequests: ({ after }) => ({
        data: {
          dataSubjectRequests: {
            totalCount: 26,
            pageInfo: { hasNextPage: !after, endCursor: after ? null : 'cursor-25' },
            edges: [{ node: request({ id: after ? 'second-page' : 'first-page' }) }],
          },
        },
      }),
    });
    renderWithProviders(<App />, { route: '/admin/requests' });
    await screen.findByTestId('request-row');
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    await waitFor(() => expect(gql.callsOf('AdminRequests').at(-1)?.variables).toMatchObject({ after: 'cursor-25' }));
    await waitFor(() =>
      expect(screen.getByRole('link', { name: /Access/ })).toHaveAttribute('href', '/admin/requests/second-page'),
    );
  });
});

describe('admin: data request detail', () => {
  it('shows the subject, identity check and history, and extends with the new due date', async () => {
    const received = fromNow(-27);
    let current = request({ receivedAt: received, verifiedAt: received, kind: 'RECTIFICATION', corrections: { name: 'Grace B. Hopper' } });
    const gql = mockGraphQL({
      Me: () => ({ data: { me: viewer(['CUSTOMER', 'PRIVACY_OFFICER']) } }),
      AdminRequest: () => ({ data: { dataSubjectRequest: current } }),
      AdminRequests: () => ({ data: { dataSubjectRequests: connection([]) } }),
      ExtendRequest: ({ days, reason }) => {
        if (days === 90) {
          return {
            data: {
              extendDataSubjectRequest: {
                request: null,
                errors: [{ field: 'days', kind: 'EXTENSION_TOO_LONG', message: 'A request can be extended by at most two months beyond its first due date.' }],
              },
            },
          };
        }
        const dueAt = new Date(new Date(current.dueAt as string).getTime() + (days as number) * DAY).toISOString();
        current = { ...current, dueAt, extensionReason: reason as string };
        return { data: { extendDataSubjectRequest: { request: { id: current.id, dueAt, extensionReason: reason, overdue: false }, errors: [] } } };
      },
    });
    renderWithProviders(<App />, { route: `/admin/requests/${current.id}` });
    expect(await screen.findByRole('heading', { level: 1, name: 'Rectification request' })).toBeInTheDocument();
    const details = screen.getByRole('region', { name: 'Request' });
    expect(within(details).getByRole('link', { name: 'Grace Hopper' })).toHaveAttribute('href', '/admin/users/u2');
    expect(within(details).getByText('Grace B. Hopper')).toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: 'Identity check' })).getByText('Identity verified')).toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: 'History' })).getByText('Received')).toBeInTheDocument();
    expect(within(screen.getByTestId('request-due')).getByText('3 days left')).toBeInTheDocument();

    const form = screen.getByRole('form', { name: 'Extend the deadline' });
    const days = within(form).getByRole('textbox', { name: 'Extend by (days)' });
    fireEvent.change(days, { target: { value: '90' } });
    expect(within(form).getByText('That is past the latest possible due date.')).toBeInTheDocument();
    fireEvent.change(within(form).getByRole('textbox', { name: 'Reason' }), { target: { value: 'Many systems to search' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Extend deadline' }));
    const error = await within(form).findByText('A request can be extended by at most two months beyond its first due date.');
    expect(days).toHaveAttribute('aria-invalid', 'true');
    expect(error.id).toBe(days.getAttribute('aria-describedby')?.split(' ').find((id) => id.includes('error')));

    fireEvent.change(days, { target: { value: '14' } });
    const expected = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(
      new Date(new Date(current.dueAt as string).getTime() + 14 * DAY),
    );
    expect(within(form).getByText(`New due date: ${expected}`)).toBeInTheDocument();
    fireEvent.click(within(form).getByRole('button', { name: 'Extend deadline' }));
    await waitFor(() => expect(gql.callsOf('ExtendRequest').at(-1)?.variables).toEqual({ id: current.id, days: 14, reason: 'Many systems to search' }));
    // the page reloads the request: 17 days left, and the extension in its history
    expect(await within(screen.getByTestId('request-due')).findByText('17 days left')).toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: 'History' })).getByText('Deadline extended')).toBeInTheDocument();
    expect(screen.getByText(/Many systems to search/, { selector: 'div' })).toBeInTheDocument();
  });

  it('rejects after asking, with the reason error next to the field', async () => {
    const gql = mockGraphQL({
      Me: () => ({ data: { me: viewer(['CUSTOMER', 'ADMIN']) } }),
      AdminRequest: () => ({ data: { dataSubjectRequest: request() } }),
      RejectRequest: () => ({
        data: { rejectDataSubjectRequest: { request: null, errors: [{ field: 'reason', kind: 'REASON_REQUIRED', message: 'Give the requester a reason.' }] } },
      }),
    });
    renderWithProviders(<App />, { route: '/admin/requests/x' });
    const form = await screen.findByRole('form', { name: 'Reject the request' });
    fireEvent.click(within(form).getByRole('button', { name: 'Reject request' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reject this request?' });
    expect(gql.callsOf('RejectRequest')).toHaveLength(0);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Reject request' }));
    expect(await within(form).findByText('Give the requester a reason.')).toBeInTheDocument();
    expect(within(form).getByRole('textbox', { name: 'Reason for rejecting' })).toHaveAttribute('aria-invalid', 'true');
  });

  it('completes a verified request; a request awaiting its identity check cannot be run', async () => {
    let current = request({ kind: 'RECTIFICATION', corrections: { name: 'G. Hopper' } });
    const gql = mockGraphQL({
      Me: () => ({ data: { me: viewer(['CUSTOMER', 'ADMIN']) } }),
      AdminRequest: () => ({ data: { dataSubjectRequest: current } }),
      AdminRequests: () => ({ data: { dataSubjectRequests: connection([]) } }),
      CompleteRequest: () => {
        current = { ...current, status: 'COMPLETED', completedAt: new Date().toISOString(), result: { changes: { name: { from: 'Grace Hopper', to: 'G. Hopper' } } } };
        return { data: { completeDataSubjectRequest: { request: { id: current.id, status: 'COMPLETED', completedAt: current.completedAt, internalNotes: null, result: current.result }, errors: [] } } };
      },
    });
    const view = renderWithProviders(<App />, { route: '/admin/requests/x' });
    fireEvent.click(await screen.findByRole('button', { name: 'Apply corrections and complete' }));
    await waitFor(() => expect(gql.callsOf('CompleteRequest')[0]?.variables).toEqual({ id: current.id, note: null }));
    expect(await screen.findByText('What changed')).toBeInTheDocument();
    expect(screen.getAllByText('Completed').length).toBeGreaterThan(0);
    expect(screen.queryByRole('form', { name: 'Extend the deadline' })).not.toBeInTheDocument();
    view.unmount();

    mockGraphQL({
      Me: () => ({ data: { me: viewer(['CUSTOMER', 'ADMIN']) } }),
      AdminRequest: () => ({
        data: { dataSubjectRequest: request({ status: 'AWAITING_VERIFICATION', verifiedAt: null, subject: null, requesterEmail: 'who@example.test' }) },
      }),
    });
    renderWithProviders(<App />, { route: '/admin/requests/y' });
    expect(await screen.findByText('Waiting for the requester')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Run the export now' })).toBeDisabled();
    expect(screen.getByText('Available once the requester’s identity is verified.')).toBeInTheDocument();
  });
});
