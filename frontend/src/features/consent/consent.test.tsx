import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../app/App';
import { mockGraphQL, viewer } from '../../test/graphqlMock';
import { renderWithProviders } from '../../test/render';
import { bannerDecisions, cookieLifetime, isGranted } from './consentModel';

// The machine running the suite may be busy: give each wait for the page room.
vi.setConfig({ testTimeout: 20_000 });

afterEach(() => {
  vi.unstubAllGlobals();
});

type Decision = { purpose: string; granted: boolean };

/** A fake consent ledger: what setConsents records, consentState answers. */
function consentServer(initial: Decision[] = [], bannerRequired = true) {
  let decisions = new Map(initial.map((d) => [d.purpose, d.granted]));
  let required = bannerRequired;
  const state = () => ({
    bannerRequired: required,
    decisions: ['NECESSARY', 'PREFERENCES', 'ANALYTICS', 'MARKETING_EMAIL'].map((purpose) => ({
      purpose,
      granted: purpose === 'NECESSARY' || decisions.get(purpose) === true,
      decidedAt: decisions.has(purpose) ? '2026-03-01T10:00:00Z' : null,
      policyVersion: decisions.has(purpose) ? '1.0' : null,
      globalPrivacyControl: false,
    })),
  });
  return {
    ConsentState: () => ({ data: { consentState: state() } }),
    SetConsents: (variables: Record<string, unknown>) => {
      decisions = new Map([...decisions, ...(variables['decisions'] as Decision[]).map((d) => [d.purpose, d.granted] as const)]);
      required = false;
      return { data: { setConsents: { consentState: state(), errors: [] } } };
    },
    CookieDeclarations: () => ({
      data: {
        cookieDeclarations: [
          {
            name: 'pv_session',
            category: 'NECESSARY',
            purpose: 'Keeps you signed in.',
            persistent: true,
            maxAgeSeconds: 30 * 86400,
            provider: 'Pixvault',
            sessionUnlessRemembered: true,
          },
          {
            name: 'pv_visitor',
            category: 'NECESSARY',
            purpose: 'Remembers your cookie choices.',
            persistent: true,
            maxAgeSeconds: 180 * 86400,
            provider: 'Pixvault',
            sessionUnlessRemembered: false,
          },
        ],
      },
    }),
    PendingPolicyDecisions: () => ({ data: { pendingPolicyDecisions: [] } }),
  };
}

const landing = () => screen.findByRole('heading', { level: 1, name: 'Your images, on your terms.' });

describe('consent model', () => {
  it('turns banner answers into decisions, NECESSARY always granted', () => {
    expect(bannerDecisions('accept-all')).toEqual([
      { purpose: 'NECESSARY', granted: true },
      { purpose: 'PREFERENCES', granted: true },
      { purpose: 'ANALYTICS', granted: true },
    ]);
    expect(bannerDecisions('refuse-all').filter((d) => d.purpose !== 'NECESSARY').every((d) => !d.granted)).toBe(true);
    expect(bannerDecisions({ PREFERENCES: true, ANALYTICS: false })).toContainEqual({ purpose: 'ANALYTICS', granted: false });
  });

  it('treats an undecided purpose as refused', () => {
    const state = { bannerRequired: true, decisions: [{ purpose: 'ANALYTICS', granted: false }] };
    expect(isGranted(state, 'ANALYTICS')).toBe(false);
    expect(isGranted(state, 'PREFERENCES')).toBe(false);
    expect(isGranted(state, 'NECESSARY')).toBe(true);
  });

  it('describes cookie lifetimes', () => {
    expect(cookieLifetime({ persistent: true, maxAgeSeconds: 180 * 86400, sessionUnlessRemembered: false })).toBe('6 months');
    expect(cookieLifetime({ persistent: true, maxAgeSeconds: 30 * 86400, sessionUnlessRemembered: true })).toBe(
      'Until you close the browser; 30 days with "Remember me"',
    );
    expect(cookieLifetime({ persistent: false, maxAgeSeconds: null, sessionUnlessRemembered: false })).toBe(
      'Until you close the browser',
    );
  });
});

describe('cookie banner', () => {
  it('asks a first-time visitor, records "Accept all" and goes away', async () => {
    const gql = mockGraphQL({ Me: () => ({ data: { me: null } }), ...consentServer() });
    renderWithProviders(<App />);
    await landing();
    const banner = await screen.findByRole('region', { name: 'Cookies on Pixvault' });
    fireEvent.click(within(banner).getByRole('button', { name: 'Accept all' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Cookies on Pixvault' })).toBeNull());
    expect(gql.callsOf('SetConsents')[0]?.variables).toEqual({
      source: 'BANNER',
      decisions: [
        { purpose: 'NECESSARY', granted: true },
        { purpose: 'PREFERENCES', granted: true },
        { purpose: 'ANALYTICS', granted: true },
      ],
    });
  });

  it('records "Refuse all"', async () => {
    const gql = mockGraphQL({ Me: () => ({ data: { me: null } }), ...consentServer() });
    renderWithProviders(<App />);
    const banner = await screen.findByRole('region', { name: 'Cookies on Pixvault' });
    fireEvent.click(within(banner).getByRole('button', { name: 'Refuse all' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Cookies on Pixvault' })).toBeNull());
    const sent = gql.callsOf('SetConsents')[0]?.variables['decisions'] as Decision[];
    expect(sent.filter((d) => d.purpose !== 'NECESSARY').map((d) => d.granted)).toEqual([false, false]);
  });

  it('lets the visitor choose per purpose; strictly necessary stays on and disabled', async () => {
    const gql = mockGraphQL({ Me: () => ({ data: { me: null } }), ...consentServer() });
    renderWithProviders(<App />);
    const banner = await screen.findByRole('region', { name: 'Cookies on Pixvault' });
    fireEvent.click(within(banner).getByRole('button', { name: 'Choose' }));
    const dialog = await screen.findByRole('dialog', { name: 'Choose which cookies Pixvault may use' });
    const necessary = within(dialog).getByRole('switch', { name: /Strictly necessary/ });
    expect(necessary).toBeChecked();
    expect(necessary).toBeDisabled();
    expect(await within(dialog).findByText('pv_visitor')).toBeInTheDocument();
    const preferences = within(dialog).getByRole('switch', { name: /Preferences/ });
    const analytics = within(dialog).getByRole('switch', { name: /Analytics/ });
    expect(preferences).not.toBeChecked();
    expect(analytics).not.toBeChecked();
    fireEvent.click(preferences);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save my choices' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Cookies on Pixvault' })).toBeNull());
    expect(gql.callsOf('SetConsents')[0]?.variables['decisions']).toEqual([
      { purpose: 'NECESSARY', granted: true },
      { purpose: 'PREFERENCES', granted: true },
      { purpose: 'ANALYTICS', granted: false },
    ]);
  });

  it('asks again, saying why, when the privacy policy changed since the last choice', async () => {
    mockGraphQL({
      Me: () => ({ data: { me: null } }),
      ...consentServer([{ purpose: 'ANALYTICS', granted: true }, { purpose: 'PREFERENCES', granted: false }], true),
    });
    renderWithProviders(<App />);
    const banner = await screen.findByRole('region', { name: 'Cookies on Pixvault: please choose again' });
    expect(banner).toHaveTextContent('Our privacy policy changed since your last choice.');
    fireEvent.click(within(banner).getByRole('button', { name: 'Choose' }));
    const dialog = await screen.findByRole('dialog', { name: 'Choose which cookies Pixvault may use' });
    // the dialog starts from the choices in force
    expect(within(dialog).getByRole('switch', { name: /Analytics/ })).toBeChecked();
    expect(within(dialog).getByRole('switch', { name: /Preferences/ })).not.toBeChecked();
  });

  it('stays away once a choice is recorded', async () => {
    mockGraphQL({
      Me: () => ({ data: { me: null } }),
      ...consentServer([{ purpose: 'ANALYTICS', granted: false }, { purpose: 'PREFERENCES', granted: true }], false),
    });
    renderWithProviders(<App />);
    await landing();
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByRole('region', { name: 'Cookies on Pixvault' })).toBeNull();
  });
});

describe('page views', () => {
  it('are never recorded before ANALYTICS consent, and are once it is granted', async () => {
    const gql = mockGraphQL({
      Me: () => ({ data: { me: viewer() } }),
      ...consentServer(),
      PrivacyOverview: () => ({ data: { me: null } }),
      RecordPageView: () => ({ data: { recordPageView: { ok: true, errors: [] } } }),
      Sessions: () => ({ data: { me: { id: 'u1', sessions: [] } } }),
    });
    renderWithProviders(<App />, { route: '/privacy/sessions' });
    const banner = await screen.findByRole('region', { name: 'Cookies on Pixvault' });
    // the consent state is known (banner shown) and refuses: nothing was sent
    expect(gql.callsOf('RecordPageView')).toHaveLength(0);
    fireEvent.click(within(banner).getByRole('button', { name: 'Refuse all' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Cookies on Pixvault' })).toBeNull());
    fireEvent.click(screen.getByRole('link', { name: 'Cookies' }));
    await screen.findByRole('heading', { level: 1, name: 'Cookies' });
    expect(gql.callsOf('RecordPageView')).toHaveLength(0);

    // granting ANALYTICS in the privacy centre: the page open then, and later ones, are recorded
    fireEvent.click(screen.getByRole('link', { name: 'Consent choices' }));
    const analytics = await screen.findByRole('switch', { name: 'Analytics' });
    expect(gql.callsOf('RecordPageView')).toHaveLength(0);
    fireEvent.click(analytics);
    await waitFor(() => expect(gql.callsOf('RecordPageView')).toHaveLength(1));
    expect(gql.callsOf('SetConsents')[1]?.variables).toEqual({
      source: 'SETTINGS',
      decisions: [{ purpose: 'ANALYTICS', granted: true }],
    });
    expect(gql.callsOf('RecordPageView')[0]?.variables).toEqual({ path: '/privacy/consent-choices' });
    fireEvent.click(screen.getByRole('link', { name: 'Cookies' }));
    await waitFor(() => expect(gql.callsOf('RecordPageView')).toHaveLength(2));
    expect(gql.callsOf('RecordPageView')[1]?.variables).toEqual({ path: '/privacy/cookies' });
  });

  it('are not sent for a visitor who is not signed in, even with ANALYTICS granted', async () => {
    const gql = mockGraphQL({
      Me: () => ({ data: { me: null } }),
      ...consentServer([{ purpose: 'ANALYTICS', granted: true }], false),
    });
    renderWithProviders(<App />, { route: '/' });
    await landing();
    await waitFor(() => expect(gql.callsOf('ConsentState')).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 50));
    expect(gql.callsOf('RecordPageView')).toHaveLength(0);
  });
});

describe('policy decision', () => {
  it('shows a pending version, what changes and when, and records the acceptance', async () => {
    let pending = [
      {
        id: 'p2',
        kind: 'TERMS',
        version: '2.0',
        title: 'Terms of service',
        summary: 'Images you make public may be shown in a gallery of public images.',
        body: '# Terms\n\nThe full text.',
        changeType: 'LEGAL_REQUIREMENT',
        materiallyReducesProtection: true,
        noticeAt: '2026-03-01T10:00:00Z',
        effectiveAt: '2026-03-01T10:00:00Z',
      },
    ];
    const gql = mockGraphQL({
      Me: () => ({ data: { me: viewer() } }),
      ...consentServer([{ purpose: 'ANALYTICS', granted: false }, { purpose: 'PREFERENCES', granted: false }], false),
      PendingPolicyDecisions: () => ({ data: { pendingPolicyDecisions: pending } }),
      PrivacyOverview: () => ({ data: { me: null } }),
      AcceptPolicyVersion: () => {
        pending = [];
        return { data: { acceptPolicyVersion: { decision: { accepted: true, decidedAt: '2026-03-01T10:01:00Z' }, errors: [] } } };
      },
    });
    renderWithProviders(<App />, { route: '/privacy' });
    const dialog = await screen.findByRole('dialog', { name: 'An updated policy needs your decision' });
    expect(within(dialog).getByText('Images you make public may be shown in a gallery of public images.')).toBeInTheDocument();
    expect(within(dialog).getByText('Takes effect')).toBeInTheDocument();
    expect(within(dialog).getByText('Reduces your protection')).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Decline…' })).toBeInTheDocument();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Accept version 2.0' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(gql.callsOf('AcceptPolicyVersion')[0]?.variables).toEqual({ id: 'p2' });
  });

  it('declines with the password: the account closes and the person is logged out', async () => {
    let me: ReturnType<typeof viewer> | null = viewer();
    const version = {
      id: 'p3',
      kind: 'PRIVACY',
      version: '3.0',
      title: 'Privacy Policy',
      summary: 'Uploads are kept for 30 days after deletion.',
      body: 'Full text.',
      changeType: 'SUBSTANTIAL',
      materiallyReducesProtection: true,
      noticeAt: '2026-02-01T10:00:00Z',
      effectiveAt: '2026-03-03T10:00:00Z',
    };
    const gql = mockGraphQL({
      Me: () => ({ data: { me } }),
      ...consentServer([{ purpose: 'ANALYTICS', granted: false }, { purpose: 'PREFERENCES', granted: false }], false),
      PendingPolicyDecisions: () => ({ data: { pendingPolicyDecisions: me ? [version] : [] } }),
      PrivacyOverview: () => ({ data: { me: null } }),
      RejectPolicyVersion: ({ password }) => {
        if (password !== 'right password') {
          return { data: { rejectPolicyVersion: { accountClosed: false, decision: null, errors: [{ field: 'password', kind: 'INVALID_PASSWORD', message: 'The password is wrong.' }] } } };
        }
        me = null;
        return { data: { rejectPolicyVersion: { accountClosed: true, decision: { accepted: false, decidedAt: '2026-03-03T11:00:00Z' }, errors: [] } } };
      },
    });
    renderWithProviders(<App />, { route: '/privacy' });
    const dialog = await screen.findByRole('dialog', { name: 'An updated policy needs your decision' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Decline…' }));
    const password = within(dialog).getByLabelText('Your password, to close your account');
    const decline = within(dialog).getByRole('button', { name: 'Decline and close my account' });
    expect(decline).toBeDisabled();
    fireEvent.change(password, { target: { value: 'wrong' } });
    fireEvent.click(decline);
    expect(await within(dialog).findByText('The password is wrong.')).toBeInTheDocument();
    fireEvent.change(password, { target: { value: 'right password' } });
    fireEvent.click(decline);
    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome back' })).toBeInTheDocument();
    expect(gql.callsOf('RejectPolicyVersion').at(-1)?.variables).toEqual({ id: 'p3', password: 'right password' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
