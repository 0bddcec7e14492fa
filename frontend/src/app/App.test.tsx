import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from './App';
import { mockGraphQL, viewer } from '../test/graphqlMock';
import { renderWithProviders } from '../test/render';

afterEach(() => {
  vi.unstubAllGlobals();
});

const overview = {
  data: {
    me: {
      ...viewer(),
      companyName: null,
      createdAt: '2026-01-01T00:00:00Z',
      lastLogInAt: null,
      sessions: [],
      apiTokens: [],
      consentHistory: [],
      activity: { totalCount: 0 },
    },
  },
};

describe('routes and guards', () => {
  it('shows visitors the landing page with log-in and sign-up', async () => {
    mockGraphQL({ Me: () => ({ data: { me: null } }) });
    renderWithProviders(<App />);
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Your images, on your terms.' }),
    ).toBeInTheDocument();
    expect(screen.getAllByRole('link', { name: 'Log in' }).length).toBeGreaterThan(0);
  });

  it('sends a visitor from a private page to log in, remembering where they were going', async () => {
    mockGraphQL({ Me: () => ({ data: { me: null } }) });
    renderWithProviders(<App />, { route: '/privacy/sessions' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome back' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Create an account' })).toHaveAttribute(
      'href',
      '/signup?next=%2Fprivacy%2Fsessions',
    );
  });

  it('greets a signed-in customer, without the admin console', async () => {
    mockGraphQL({ Me: () => ({ data: { me: viewer() } }), PrivacyOverview: () => overview });
    renderWithProviders(<App />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome back, Ada' })).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Main navigation' });
    expect(within(nav).getByRole('link', { name: 'Sessions' })).toBeInTheDocument();
    expect(within(nav).queryByRole('link', { name: 'Users' })).not.toBeInTheDocument();
  });

  it('shows the admin console by role: users for support, the audit log for privacy officers', async () => {
    mockGraphQL({ Me: () => ({ data: { me: viewer(['CUSTOMER', 'SUPPORT']) } }), PrivacyOverview: () => overview });
    const first = renderWithProviders(<App />);
    let nav = await screen.findByRole('navigation', { name: 'Main navigation' });
    expect(within(nav).getByRole('link', { name: 'Users' })).toBeInTheDocument();
    expect(within(nav).queryByRole('link', { name: 'Audit log' })).not.toBeInTheDocument();
    first.unmount();

    mockGraphQL({
      Me: () => ({ data: { me: viewer(['CUSTOMER', 'PRIVACY_OFFICER']) } }),
      PrivacyOverview: () => overview,
    });
    renderWithProviders(<App />);
    nav = await screen.findByRole('navigation', { name: 'Main navigation' });
    expect(within(nav).getByRole('link', { name: 'Audit log' })).toBeInTheDocument();
  });

  it('refuses the admin console to a customer', async () => {
    mockGraphQL({ Me: () => ({ data: { me: viewer() } }) });
    renderWithProviders(<App />, { route: '/admin/users' });
    expect(await screen.findByRole('heading', { name: 'No access' })).toBeInTheDocument();
  });

  it('refuses the audit log to support staff', async () => {
    mockGraphQL({ Me: () => ({ data: { me: viewer(['CUSTOMER', 'SUPPORT']) } }) });
    renderWithProviders(<App />, { route: '/admin/audit' });
    expect(await screen.findByRole('heading', { name: 'No access' })).toBeInTheDocument();
  });

  it('has a page for unknown addresses', async () => {
    mockGraphQL({ Me: () => ({ data: { me: null } }) });
    renderWithProviders(<App />, { route: '/nope' });
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeInTheDocument();
  });

  it('sends the visitor to log in when a privacy page finds the session gone', async () => {
    let me: unknown = viewer();
    mockGraphQL({
      Me: () => ({ data: { me } }),
      Sessions: () => {
        me = null; // revoked from another device
        return { data: { me: null } };
      },
    });
    renderWithProviders(<App />, { route: '/privacy/sessions' });
    await waitFor(() =>
      expect(screen.getByRole('heading', { level: 1, name: 'Welcome back' })).toBeInTheDocument(),
    );
  });

  it('confirms an email change from the link in the message', async () => {
    const gql = mockGraphQL({
      Me: () => ({ data: { me: null } }),
      ConfirmEmailChange: () => ({ data: { confirmEmailChange: { ok: true, errors: [] } } }),
    });
    renderWithProviders(<App />, { route: '/account/confirm-email?token=abc123' });
    expect(await screen.findByText('Email address confirmed')).toBeInTheDocument();
    expect(gql.callsOf('ConfirmEmailChange')).toHaveLength(1);
    expect(gql.callsOf('ConfirmEmailChange')[0]?.variables).toEqual({ token: 'abc123' });
  });

  it('says so when the confirmation link has expired', async () => {
    mockGraphQL({
      Me: () => ({ data: { me: null } }),
      ConfirmEmailChange: () => ({
        data: {
          confirmEmailChange: {
            ok: false,
            errors: [{ field: 'token', kind: 'INVALID_TOKEN', message: 'This link is invalid or has expired.' }],
          },
        },
      }),
    });
    renderWithProviders(<App />, { route: '/account/confirm-email?token=old' });
    expect(await screen.findByText('Not confirmed')).toBeInTheDocument();
    expect(screen.getByText(/This link is invalid or has expired\./)).toBeInTheDocument();
  });
});
