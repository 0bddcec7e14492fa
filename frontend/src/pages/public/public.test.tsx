import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../App';
import { mockGraphQL } from '../../test/graphqlMock';
import { renderWithProviders } from '../../test/render';

const controller = {
  name: 'Example Images GmbH',
  address: null,
  privacyContact: 'dpo@example.test',
  supervisoryAuthorityName: 'Berlin DPA',
  supervisoryAuthorityUrl: 'https://dpa.example.test',
  automatedDecisions: 'None. No automated decisions.',
};

describe('pages for everyone', () => {
  it('confirms a data request from the emailed link, signed out', async () => {
    const gql = mockGraphQL({
      Me: () => ({ data: { me: null } }),
      VerifyDataRequest: () => ({
        data: {
          verifyDataSubjectRequest: {
            request: { id: 'r1', kind: 'ERASURE', status: 'VERIFIED', dueAt: '2027-01-02T00:00:00Z' },
            errors: [],
          },
        },
      }),
    });
    renderWithProviders(<App />, { route: '/privacy/verify?token=abc' });
    expect(await screen.findByText('Request confirmed')).toBeInTheDocument();
    expect(screen.getByText(/the erasure of your data is confirmed/)).toBeInTheDocument();
    expect(gql.callsOf('VerifyDataRequest')).toHaveLength(1);
    expect(gql.callsOf('VerifyDataRequest')[0]?.variables).toEqual({ token: 'abc' });
  });

  it('shows an expired link as not confirmed', async () => {
    mockGraphQL({
      Me: () => ({ data: { me: null } }),
      VerifyDataRequest: () => ({
        data: {
          verifyDataSubjectRequest: {
            request: null,
            errors: [{ field: 'token', code: 'INVALID_TOKEN', message: 'This link is invalid or has expired.' }],
          },
        },
      }),
    });
    renderWithProviders(<App />, { route: '/privacy/verify?token=old' });
    expect(await screen.findByText('This link is invalid or has expired.')).toBeInTheDocument();
  });

  it('sends an anonymous request and says to check the inbox', async () => {
    const gql = mockGraphQL({
      Me: () => ({ data: { me: null } }),
      AnonymousDataRequest: () => ({ data: { submitDataSubjectRequest: { errors: [] } } }),
    });
    renderWithProviders(<App />, { route: '/data-request' });
    fireEvent.click(await screen.findByRole('radio', { name: 'The erasure of my data' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Email' }), {
      target: { value: ' guest@example.test ' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Send request' }));
    expect(await screen.findByText('Check your inbox')).toBeInTheDocument();
    expect(gql.callsOf('AnonymousDataRequest')[0]?.variables).toEqual({
      input: { kind: 'ERASURE', email: 'guest@example.test', details: null },
    });
  });

  it('shows the policy in effect, its history and the controller', async () => {
    mockGraphQL({
      Me: () => ({ data: { me: null } }),
      PublicPolicy: () => ({
        data: {
          policy: {
            id: 'p2',
            version: '2.0',
            title: 'Privacy Policy',
            body: 'We keep your data safe.',
            effectiveAt: '2026-06-01T00:00:00Z',
          },
          policyVersions: [
            {
              id: 'p2',
              version: '2.0',
              title: 'Privacy Policy',
              summary: 'Shorter retention for logs.',
              changeType: 'MINOR',
              noticeAt: '2026-05-01T00:00:00Z',
              effectiveAt: '2026-06-01T00:00:00Z',
            },
            {
              id: 'p1',
              version: '1.0',
              title: 'Privacy Policy',
              summary: 'First version.',
              changeType: 'MINOR',
              noticeAt: '2026-01-01T00:00:00Z',
              effectiveAt: '2026-01-01T00:00:00Z',
            },
          ],
          dataController: controller,
        },
      }),
    });
    renderWithProviders(<App />, { route: '/policies/privacy' });
    expect(await screen.findByText('We keep your data safe.')).toBeInTheDocument();
    expect(screen.getByText('Shorter retention for logs.')).toBeInTheDocument();
    expect(screen.getByText('First version.')).toBeInTheDocument();
    expect(screen.getByText('dpo@example.test')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Berlin DPA' })).toHaveAttribute(
      'href',
      'https://dpa.example.test',
    );
  });
});
