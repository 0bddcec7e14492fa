import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../app/App';
import { mockGraphQL, viewer } from '../../test/graphqlMock';
import { renderWithProviders } from '../../test/render';
import { effectiveFrom } from './PoliciesPage';

// The machine running these may be busy: give the first render of each page more than 1 s.

afterEach(() => {
  vi.unstubAllGlobals();
});

const DAY = 24 * 60 * 60 * 1000;
const connection = (nodes: unknown[]) => ({
  totalCount: nodes.length,
  pageInfo: { hasNextPage: false, endCursor: null },
  edges: nodes.map((node) => ({ node })),
});

const report = (overrides: Record<string, unknown> = {}) => ({
  id: 'r1',
  reason: 'PRIVACY_VIOLATION',
  details: 'This photo shows my house number.',
  status: 'OPEN',
  createdAt: new Date(Date.now() - 3600_000).toISOString(),
  resolvedAt: null,
  resolutionNote: null,
  reporterEmail: 'reporter@example.test',
  asset: {
    id: 'a1',
    filename: 'street.jpg',
    status: 'ACTIVE',
    visibility: 'PUBLIC',
    width: 1200,
    height: 800,
    preview: 'https://cdn.example.test/a1/480x320.webp',
    owner: { id: 'u3', name: 'Olive Owner', email: 'olive@example.test' },
  },
  ...overrides,
});

describe('admin: abuse reports', () => {
  it('shows the preview, reason and reporter, and upholds after confirming', async () => {
    const gql = mockGraphQL({
      Me: () => ({ data: { me: viewer(['CUSTOMER', 'SUPPORT']) } }),
      AdminReports: () => ({
        data: {
          abuseReports: connection([
            report(),
            report({ id: 'r2', asset: { ...report().asset, id: 'a2', filename: 'gone.jpg', status: 'QUARANTINED' } }),
          ]),
        },
      }),
      ResolveReport: ({ id, decision }) => ({
        data: { resolveAbuseReport: { report: { id, status: decision === 'UPHOLD' ? 'UPHELD' : 'DISMISSED', resolvedAt: new Date().toISOString(), resolutionNote: null }, errors: [] } },
      }),
    });
    renderWithProviders(<App />, { route: '/admin/reports' });
    const [first, second] = await screen.findAllByTestId('report-card');
    expect(within(first!).getByRole('img', { name: 'Reported image street.jpg' })).toHaveAttribute(
      'src',
      'https://cdn.example.test/a1/480x320.webp',
    );
    expect(within(first!).getByText('Privacy violation')).toBeInTheDocument();
    expect(within(first!).getByText('This photo shows my house number.')).toBeInTheDocument();
    expect(within(first!).getByText(/reporter@example.test/)).toBeInTheDocument();
    // a quarantined image is not requested (it answers 451): the card says why instead
    expect(within(second!).queryByRole('img')).not.toBeInTheDocument();
    expect(within(second!).getByText('Quarantined: no longer served')).toBeInTheDocument();
    expect(gql.callsOf('AdminReports')[0]?.variables).toMatchObject({ status: 'OPEN' });

    fireEvent.click(within(first!).getByRole('button', { name: 'Uphold' }));
    const dialog = await screen.findByRole('dialog', { name: 'Uphold and quarantine the image?' });
    expect(gql.callsOf('ResolveReport')).toHaveLength(0);
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Note (optional)' }), { target: { value: 'Shows an address' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Uphold and quarantine' }));
    await waitFor(() =>
      expect(gql.callsOf('ResolveReport')[0]?.variables).toEqual({ id: 'r1', decision: 'UPHOLD', note: 'Shows an address' }),
    );
    await waitFor(() => expect(gql.callsOf('AdminReports').length).toBeGreaterThan(1));
  });

  it('shows the error when the report was already decided', async () => {
    mockGraphQL({
      Me: () => ({ data: { me: viewer(['CUSTOMER', 'ADMIN']) } }),
      AdminReports: () => ({ data: { abuseReports: connection([report()]) } }),
      ResolveReport: () => ({
        data: { resolveAbuseReport: { report: null, errors: [{ field: 'id', kind: 'ALREADY_RESOLVED', message: 'This report was already resolved.' }] } },
      }),
    });
    renderWithProviders(<App />, { route: '/admin/reports' });
    fireEvent.click(await screen.findByRole('button', { name: 'Dismiss' }));
    const dialog = await screen.findByRole('dialog', { name: 'Dismiss this report?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Dismiss report' }));
    expect(await within(dialog).findByText('This report was already resolved.')).toBeInTheDocument();
  });
});

describe('admin: policies', () => {
  it('lists versions with the current one and when each takes effect, and publishes with errors by field', async () => {
    const now = Date.now();
    const gql = mockGraphQL({
      Me: () => ({ data: { me: viewer(['CUSTOMER', 'PRIVACY_OFFICER']) } }),
      AdminPolicyVersions: ({ kind }) => ({
        data: {
          policyVersions: [
            {
              id: 'p3', kind, version: '2027-01', title: 'Clearer retention', summary: 's', changeType: 'SUBSTANTIAL',
              materiallyReducesProtection: false, noticeAt: new Date(now - DAY).toISOString(),
              effectiveAt: new Date(now + 29 * DAY).toISOString(), isEffective: false,
            },
            {
              id: 'p2', kind, version: '2026-06', title: 'Processors', summary: 's', changeType: 'MINOR',
              materiallyReducesProtection: false, noticeAt: new Date(now - 90 * DAY).toISOString(),
              effectiveAt: new Date(now - 83 * DAY).toISOString(), isEffective: true,
            },
            {
              id: 'p1', kind, version: '2026-01', title: 'First', summary: 's', changeType: 'LEGAL_REQUIREMENT',
              materiallyReducesProtection: false, noticeAt: new Date(now - 300 * DAY).toISOString(),
              effectiveAt: new Date(now - 300 * DAY).toISOString(), isEffective: false,
            },
          ],
        },
      }),
      PublishPolicy: () => ({
        data: {
          publishPolicyVersion: {
            policyVersion: null,
            errors: [{ field: 'version', kind: 'VERSION_TAKEN', message: 'This version is already published.' }],
          },
        },
      }),
    });
    renderWithProviders(<App />, { route: '/admin/policies' });
    const rows = await screen.findAllByTestId('policy-version');
    expect(within(rows[0]!).getByText('Scheduled')).toBeInTheDocument();
    expect(within(rows[0]!).getByText(/^Takes effect in/)).toBeInTheDocument();
    expect(within(rows[1]!).getByText('Current')).toBeInTheDocument();
    expect(within(rows[2]!).getByText('Superseded')).toBeInTheDocument();

    const form = screen.getByRole('form', { name: 'Publish a new version' });
    expect(within(form).getByTestId('effective-preview')).toHaveTextContent('in 7 days');
    fireEvent.click(within(form).getByRole('radio', { name: /Required by law/ }));
    expect(within(form).getByTestId('effective-preview')).toHaveTextContent('Takes effect now');
    fireEvent.change(within(form).getByRole('textbox', { name: 'Version' }), { target: { value: '2026-06' } });
    fireEvent.change(within(form).getByRole('textbox', { name: 'Title' }), { target: { value: 'Privacy policy' } });
    fireEvent.change(within(form).getByRole('textbox', { name: 'Summary of the changes' }), { target: { value: 'Court order' } });
    fireEvent.change(within(form).getByRole('textbox', { name: 'Full text (Markdown)' }), { target: { value: '# Policy' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Publish version' }));
    expect(await within(form).findByText('This version is already published.')).toBeInTheDocument();
    expect(within(form).getByRole('textbox', { name: 'Version' })).toHaveAttribute('aria-invalid', 'true');
    expect(gql.callsOf('PublishPolicy')[0]?.variables).toEqual({
      input: {
        kind: 'PRIVACY',
        version: '2026-06',
        title: 'Privacy policy',
        summary: 'Court order',
        body: '# Policy',
        changeType: 'LEGAL_REQUIREMENT',
        materiallyReducesProtection: false,
      },
    });
  });

  it('schedules by the kind of change', () => {
    const now = new Date('2026-03-01T10:00:00Z');
    expect(effectiveFrom('LEGAL_REQUIREMENT', now).toISOString()).toBe('2026-03-01T10:00:00.000Z');
    expect(effectiveFrom('MINOR', now).toISOString()).toBe('2026-03-08T10:00:00.000Z');
    expect(effectiveFrom('SUBSTANTIAL', now).toISOString()).toBe('2026-03-31T10:00:00.000Z');
  });
});

const message = (overrides: Record<string, unknown> = {}) => ({
  id: 'm1',
  topic: 'SUPPORT',
  name: 'Grace Hopper',
  email: 'grace@example.test',
  subject: 'Cannot upload',
  message: 'The upload stops at 99%.',
  createdAt: new Date().toISOString(),
  handled: false,
  handledAt: null,
  user: { id: 'u2' },
  ...overrides,
});

describe('admin: contact messages', () => {
  it('offers support staff the topics they may see, and marks a message handled', async () => {
    const gql = mockGraphQL({
      Me: () => ({ data: { me: viewer(['CUSTOMER', 'SUPPORT']) } }),
      AdminMessages: () => ({ data: { contactMessages: [message()] } }),
      MarkMessageHandled: ({ id, handled }) => ({
        data: { markContactMessageHandled: { message: { id, handled, handledAt: new Date().toISOString() }, errors: [] } },
      }),
    });
    renderWithProviders(<App />, { route: '/admin/messages' });
    const card = await screen.findByTestId('message-card');
    expect(within(card).getByText('Cannot upload')).toBeInTheDocument();
    expect(within(card).getByRole('link', { name: /account/ })).toHaveAttribute('href', '/admin/users/u2');
    expect(gql.callsOf('AdminMessages')[0]?.variables).toMatchObject({ topic: null, handled: false });

    fireEvent.click(screen.getByRole('combobox', { name: 'Topic' }));
    const options = (await screen.findAllByRole('option', { hidden: true })).map((o) => o.textContent);
    expect(options).toEqual(expect.arrayContaining(['All topics', 'General', 'Support', 'Billing']));
    expect(options).not.toContain('Privacy');

    fireEvent.click(within(card).getByRole('button', { name: 'Mark handled' }));
    await waitFor(() => expect(gql.callsOf('MarkMessageHandled')[0]?.variables).toEqual({ id: 'm1', handled: true }));
  });

  it('lets the privacy officer filter the privacy queue', async () => {
    const gql = mockGraphQL({
      Me: () => ({ data: { me: viewer(['CUSTOMER', 'PRIVACY_OFFICER']) } }),
      AdminMessages: ({ topic }) => ({ data: { contactMessages: topic === 'PRIVACY' ? [message({ topic: 'PRIVACY', subject: 'Delete my data' })] : [] } }),
    });
    renderWithProviders(<App />, { route: '/admin/messages?topic=PRIVACY&state=ALL' });
    expect(await screen.findByText('Delete my data')).toBeInTheDocument();
    expect(gql.callsOf('AdminMessages')[0]?.variables).toMatchObject({ topic: 'PRIVACY', handled: null });
  });
});

describe('admin: legal holds', () => {
  const hold = {
    id: 'h1',
    reason: 'Litigation about account 42',
    reference: 'CASE-42',
    placedAt: new Date(Date.now() - 5 * DAY).toISOString(),
    releasedAt: null,
    subject: { id: 'u2', name: 'Grace Hopper', email: 'grace@example.test' },
  };

  it('lists standing holds and releases one after confirming', async () => {
    const gql = mockGraphQL({
      Me: () => ({ data: { me: viewer(['CUSTOMER', 'PRIVACY_OFFICER']) } }),
      AdminHolds: () => ({ data: { legalHolds: connection([hold]) } }),
      ReleaseHold: ({ id }) => ({ data: { releaseLegalHold: { hold: { id, releasedAt: new Date().toISOString() }, errors: [] } } }),
    });
    renderWithProviders(<App />, { route: '/admin/holds' });
    const row = await screen.findByTestId('hold-row');
    expect(within(row).getByRole('link', { name: 'Grace Hopper' })).toHaveAttribute('href', '/admin/users/u2');
    expect(within(row).getByText('Ref. CASE-42')).toBeInTheDocument();
    expect(gql.callsOf('AdminHolds')[0]?.variables).toMatchObject({ active: true });
    fireEvent.click(within(row).getByRole('button', { name: 'Release' }));
    const dialog = await screen.findByRole('dialog', { name: 'Release this hold?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Release hold' }));
    await waitFor(() => expect(gql.callsOf('ReleaseHold')[0]?.variables).toEqual({ id: 'h1' }));
  });

  it('places a hold on a person found by search, with the server error next to the reason', async () => {
    const gql = mockGraphQL({
      Me: () => ({ data: { me: viewer(['CUSTOMER', 'ADMIN']) } }),
      AdminHolds: () => ({ data: { legalHolds: connection([]) } }),
      HoldSubjectSearch: () => ({ data: { users: { edges: [{ node: { id: 'u2', name: 'Grace Hopper', email: 'grace@example.test' } }] } } }),
      PlaceHold: () => ({
        data: { placeLegalHold: { hold: null, errors: [{ field: 'reason', kind: 'REQUIRED', message: 'Say why the data is held.' }] } },
      }),
    });
    renderWithProviders(<App />, { route: '/admin/holds' });
    expect(await screen.findByText('No standing holds')).toBeInTheDocument();
    const form = screen.getByRole('form', { name: 'Place a legal hold' });
    fireEvent.click(within(form).getByRole('button', { name: 'Place hold' }));
    expect(await within(form).findByText('Choose the person whose data to hold.')).toBeInTheDocument();
    expect(gql.callsOf('PlaceHold')).toHaveLength(0);

    const person = within(form).getByRole('combobox', { name: 'Person' });
    // Mantine takes a change to an unfocused combobox for autofill, not typing
    person.focus();
    fireEvent.change(person, { target: { value: 'grace' } });
    await waitFor(() => expect(gql.callsOf('HoldSubjectSearch')[0]?.variables).toEqual({ search: 'grace' }));
    fireEvent.click(await screen.findByRole('option', { name: 'Grace Hopper (grace@example.test)', hidden: true }));
    fireEvent.change(within(form).getByRole('textbox', { name: 'Reason' }), { target: { value: ' ' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Place hold' }));
    expect(await within(form).findByText('Say why the data is held.')).toBeInTheDocument();
    expect(gql.callsOf('PlaceHold')[0]?.variables).toEqual({ input: { userId: 'u2', reason: ' ', reference: null } });
  });
});
