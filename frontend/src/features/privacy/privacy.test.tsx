import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../app/App';
import { mockGraphQL, viewer } from '../../test/graphqlMock';
import { renderWithProviders } from '../../test/render';

afterEach(() => {
  vi.unstubAllGlobals();
});

const session = (id: string, overrides: Record<string, unknown> = {}) => ({
  id,
  current: false,
  persistent: false,
  createdAt: '2026-03-01T10:00:00Z',
  lastSeenAt: '2026-03-01T10:05:00Z',
  expiresAt: '2999-01-01T00:00:00Z',
  endedAt: null,
  ipAddress: '203.0.113.7',
  browser: 'Firefox',
  os: 'Ubuntu',
  ...overrides,
});

describe('sessions', () => {
  it('marks this device, hides ended sessions, and revokes another after confirming', async () => {
    let sessions = [
      session('s1', { current: true, persistent: true, browser: 'Chrome', os: 'Mac OS X' }),
      session('s2'),
      session('s3', { endedAt: '2026-03-01T11:00:00Z' }),
    ];
    const gql = mockGraphQL({
      Me: () => ({ data: { me: viewer() } }),
      Sessions: () => ({ data: { me: { id: 'u1', sessions } } }),
      RevokeSession: ({ id }) => {
        sessions = sessions.filter((s) => s.id !== id);
        return { data: { revokeSession: { ok: true, errors: [] } } };
      },
    });
    renderWithProviders(<App />, { route: '/privacy/sessions' });
    const current = await screen.findByRole('article', { name: 'Chrome on Mac OS X (this device)' });
    expect(within(current).getByText('This device')).toBeInTheDocument();
    expect(within(current).getByText('Remembered')).toBeInTheDocument();
    expect(screen.getAllByRole('article')).toHaveLength(2);

    fireEvent.click(screen.getByRole('button', { name: 'Revoke session: Firefox on Ubuntu' }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('203.0.113.7');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke session' }));
    await waitFor(() => expect(screen.getAllByRole('article')).toHaveLength(1));
    expect(gql.callsOf('RevokeSession')[0]?.variables).toEqual({ id: 's2' });

    fireEvent.click(screen.getByRole('switch', { name: /Show ended sessions/ }));
    expect(screen.getAllByRole('article')).toHaveLength(2);
    expect(screen.getAllByText('Ended').length).toBeGreaterThan(0);
  });
});

describe('API tokens', () => {
  it('creates a token and shows its secret once, with a copy button', async () => {
    let tokens: unknown[] = [];
    const token = {
      id: 't1',
      name: 'Backup script',
      scopes: ['ASSETS_READ', 'ASSETS_WRITE'],
      createdAt: '2026-03-01T10:00:00Z',
      expiresAt: null,
      lastUsedAt: null,
    };
    const gql = mockGraphQL({
      Me: () => ({ data: { me: viewer() } }),
      ApiTokens: () => ({ data: { me: { id: 'u1', apiTokens: tokens } } }),
      CreateApiToken: () => {
        tokens = [token];
        return { data: { createApiToken: { token, secret: 'pvt_secret123', errors: [] } } };
      },
    });
    renderWithProviders(<App />, { route: '/privacy/tokens' });
    expect(await screen.findByText('No API tokens')).toBeInTheDocument();
    fireEvent.change(screen.getByRole('textbox', { name: 'Token name' }), {
      target: { value: 'Backup script' },
    });
    // Read-only by default; this one may also upload, and never expires.
    expect(screen.getByRole('checkbox', { name: 'Read your images' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Read your account' })).toBeChecked();
    expect(screen.queryByRole('checkbox', { name: 'Use your staff roles' })).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Upload, change and delete images' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Read your account' }));
    fireEvent.click(screen.getByRole('combobox', { name: 'Expires after' }));
    fireEvent.click(await screen.findByRole('option', { name: 'Never expires', hidden: true }));
    fireEvent.click(screen.getByRole('button', { name: 'Create token' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('pvt_secret123')).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Copy secret' })).toBeInTheDocument();
    expect(gql.callsOf('CreateApiToken')[0]?.variables).toEqual({
      name: 'Backup script',
      scopes: ['ASSETS_READ', 'ASSETS_WRITE'],
      expiresInDays: null,
    });
    expect(await screen.findByRole('button', { name: 'Revoke token Backup script' })).toBeInTheDocument();
    const row = screen.getByTestId('token-row');
    expect(within(row).getByText('assets:write')).toBeInTheDocument();
    expect(within(row).getAllByText('Never')).toHaveLength(2);
  });

  it('offers staff the staff scope', async () => {
    mockGraphQL({
      Me: () => ({ data: { me: viewer(['CUSTOMER', 'SUPPORT']) } }),
      ApiTokens: () => ({ data: { me: { id: 'u1', apiTokens: [] } } }),
    });
    renderWithProviders(<App />, { route: '/privacy/tokens' });
    expect(await screen.findByRole('checkbox', { name: 'Use your staff roles' })).not.toBeChecked();
  });

  it('shows a server error next to the name', async () => {
    mockGraphQL({
      Me: () => ({ data: { me: viewer() } }),
      ApiTokens: () => ({ data: { me: { id: 'u1', apiTokens: [] } } }),
      CreateApiToken: () => ({
        data: {
          createApiToken: {
            token: null,
            secret: null,
            errors: [{ field: 'name', kind: 'TOO_MANY', message: 'At most 50 live tokens.' }],
          },
        },
      }),
    });
    renderWithProviders(<App />, { route: '/privacy/tokens' });
    const name = await screen.findByRole('textbox', { name: 'Token name' });
    fireEvent.change(name, { target: { value: 'One more' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create token' }));
    expect(await screen.findByText('At most 50 live tokens.')).toBeInTheDocument();
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });
});

describe('profile', () => {
  it('keeps the old email and asks to check the inbox after an email change', async () => {
    const me = { ...viewer(), companyName: 'Analytical Engines', createdAt: '2026-01-01T00:00:00Z' };
    const gql = mockGraphQL({
      Me: () => ({ data: { me: viewer() } }),
      Profile: () => ({ data: { me } }),
      UpdateProfile: () => ({ data: { updateProfile: { user: me, errors: [] } } }),
    });
    renderWithProviders(<App />, { route: '/privacy/profile' });
    const email = await screen.findByRole('textbox', { name: 'Email' });
    await waitFor(() => expect(email).toHaveValue('ada@example.test'));
    fireEvent.change(email, { target: { value: 'ada@new.example.test' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByText('Check your inbox to confirm')).toBeInTheDocument();
    expect(screen.getByTestId('email-pending')).toHaveTextContent('ada@new.example.test');
    expect(email).toHaveValue('ada@example.test');
    expect(gql.callsOf('UpdateProfile')[0]?.variables).toEqual({
      input: { name: 'Ada Lovelace', companyName: 'Analytical Engines', email: 'ada@new.example.test' },
    });
  });
});

describe('activity', () => {
  it('shows browser, place, time zone and time, and pages forward', async () => {
    const event = (id: string, overrides: Record<string, unknown> = {}) => ({
      id,
      kind: 'LOG_IN',
      at: '2026-03-01T12:00:00Z',
      ipAddress: '203.0.113.7',
      country: 'JP',
      browser: 'Firefox',
      browserVersion: '128.0',
      os: 'Ubuntu',
      platform: 'desktop',
      timezone: 'Asia/Tokyo',
      target: null,
      ...overrides,
    });
    const gql = mockGraphQL({
      Me: () => ({ data: { me: viewer() } }),
      Activity: ({ after }) => ({
        data: {
          me: {
            id: 'u1',
            activity: {
              totalCount: 21,
              pageInfo: { hasNextPage: !after, endCursor: after ? null : 'c20' },
              edges: (after ? [event('e21', { kind: 'SIGN_UP' })] : Array.from({ length: 20 }, (_, i) => event(`e${i}`))).map(
                (node) => ({ node }),
              ),
            },
          },
        },
      }),
    });
    renderWithProviders(<App />, { route: '/privacy/activity' });
    expect(await screen.findAllByText('Logged in')).toHaveLength(20);
    expect(screen.getAllByText('Firefox 128.0 on Ubuntu')[0]).toBeInTheDocument();
    expect(screen.getAllByText('Asia/Tokyo')[0]).toBeInTheDocument();
    expect(screen.getAllByText(/Japan|JP/)[0]).toBeInTheDocument();
    expect(screen.getByText('1–20 of 21')).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('Signed up')).toBeInTheDocument();
    expect(gql.callsOf('Activity').at(-1)?.variables).toEqual({ first: 20, after: 'c20' });
    fireEvent.click(screen.getByRole('button', { name: 'Previous' }));
    expect(await screen.findAllByText('Logged in')).toHaveLength(20);
  });
});
