import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../app/App';
import { mockGraphQL, viewer } from '../../test/graphqlMock';
import { renderWithProviders } from '../../test/render';

vi.setConfig({ testTimeout: 20_000 });

afterEach(() => {
  vi.unstubAllGlobals();
});

const settled = {
  ConsentState: () => ({ data: { consentState: { bannerRequired: false, decisions: [] } } }),
  PendingPolicyDecisions: () => ({ data: { pendingPolicyDecisions: [] } }),
};

const rights = (overrides: Record<string, unknown> = {}) => ({
  data: {
    supervisoryAuthority: { name: 'Authority of Testland', url: 'https://dpa.example.org' },
    processingRestrictions: { edges: [] },
    me: { id: 'u1', dataSubjectRequests: [] },
    ...overrides,
  },
});

describe('restrict or object', () => {
  it('shows a standing restriction, the date it will be lifted, and where to complain', async () => {
    mockGraphQL({
      Me: () => ({ data: { me: viewer() } }),
      ...settled,
      MyRights: () =>
        rights({
          processingRestrictions: {
            edges: [
              {
                node: {
                  id: 'x1',
                  active: true,
                  grounds: 'Contested',
                  placedAt: '2026-03-01T10:00:00Z',
                  liftsAt: '2026-03-10T10:00:00Z',
                  liftReason: 'Checked and accurate.',
                },
              },
            ],
          },
        }),
    });
    renderWithProviders(<App />, { route: '/privacy/rights' });
    expect(await screen.findByText('Processing of your data is restricted')).toBeInTheDocument();
    expect(screen.getByText(/It will be lifted on .* Why: Checked and accurate\./)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Authority of Testland' })).toHaveAttribute('href', 'https://dpa.example.org');
    // No second restriction while one stands.
    expect(screen.queryByRole('button', { name: 'Restrict processing' })).toBeNull();
  });

  it('sends an objection to marketing with the password, then reloads the requests', async () => {
    const gql = mockGraphQL({
      Me: () => ({ data: { me: viewer() } }),
      ...settled,
      MyRights: () => rights({ supervisoryAuthority: null }),
      SubmitRightsRequest: () => ({
        data: {
          submitDataSubjectRequest: {
            request: { id: 'r1', kind: 'OBJECTION', purpose: 'MARKETING_EMAIL', status: 'COMPLETED' },
            errors: [],
          },
        },
      }),
    });
    renderWithProviders(<App />, { route: '/privacy/rights' });
    expect(await screen.findByText(/complain to your data protection authority/)).toBeInTheDocument();
    const form = screen.getByRole('form', { name: 'Object to a use of my data' });
    fireEvent.click(screen.getByRole('button', { name: 'Send objection' }));
    expect(await screen.findAllByText('Enter your current password.')).not.toHaveLength(0);
    const passwords = screen.getAllByLabelText(/Your current password/);
    fireEvent.change(passwords[passwords.length - 1]!, { target: { value: 'secret words' } });
    fireEvent.submit(form);
    await waitFor(() => expect(gql.callsOf('SubmitRightsRequest')).toHaveLength(1));
    // The page asks again for the person's requests, now with the objection in them.
    await waitFor(() => expect(gql.callsOf('MyRights').length).toBeGreaterThan(1));
    expect(gql.callsOf('SubmitRightsRequest')[0]?.variables).toEqual({
      input: { kind: 'OBJECTION', password: 'secret words', details: null, purpose: 'MARKETING_EMAIL' },
    });
  });
});
