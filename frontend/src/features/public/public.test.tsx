import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../app/App';
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
            errors: [{ field: 'token', kind: 'INVALID_TOKEN', message: 'This link is invalid or has expired.' }],
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

  it('sends the contact form', async () => {
    const gql = mockGraphQL({
      Me: () => ({ data: { me: null } }),
      Contact: () => ({ data: { sendContactMessage: { errors: [] } } }),
    });
    renderWithProviders(<App />, { route: '/contact' });
    fireEvent.change(await screen.findByRole('textbox', { name: 'Name' }), {
      target: { value: 'Gwen Guest' },
    });
    fireEvent.change(screen.getByRole('textbox', { name: 'Email' }), {
      target: { value: 'gwen@example.test' },
    });
    fireEvent.change(screen.getByRole('textbox', { name: 'Subject' }), { target: { value: 'Hi' } });
    fireEvent.change(screen.getByRole('textbox', { name: 'Message' }), {
      target: { value: 'A question.' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Send message' }));
    expect(await screen.findByText('Message sent')).toBeInTheDocument();
    expect(gql.callsOf('Contact')[0]?.variables).toEqual({
      input: {
        topic: 'GENERAL',
        name: 'Gwen Guest',
        email: 'gwen@example.test',
        subject: 'Hi',
        message: 'A question.',
      },
    });
  });

  it('reports an image by its link, and shows a server error at the field', async () => {
    const id = '0b8e2c4a-1111-4222-8333-944455556666';
    const gql = mockGraphQL({
      Me: () => ({ data: { me: null } }),
      ReportImage: () => ({
        data: {
          reportAsset: {
            errors: [{ field: 'assetId', kind: 'NOT_FOUND', message: 'No public image has this id.' }],
          },
        },
      }),
    });
    renderWithProviders(<App />, { route: '/report' });
    fireEvent.change(await screen.findByRole('textbox', { name: 'Image' }), {
      target: { value: `https://img.example.test/v1/${id}/photo.jpg` },
    });
    fireEvent.change(screen.getByRole('textbox', { name: 'Email' }), {
      target: { value: 'r@example.test' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Send report' }));
    expect(await screen.findByText('No public image has this id.')).toBeInTheDocument();
    expect(gql.callsOf('ReportImage')[0]?.variables).toEqual({
      input: { assetId: id, reason: 'ABUSIVE', details: null, reporterEmail: 'r@example.test' },
    });
  });

  it('lets a visitor who is not signed in reopen the cookie choices', async () => {
    const gql = mockGraphQL({
      Me: () => ({ data: { me: null } }),
      HomePage: () => ({ data: {} }),
      ConsentState: () => ({
        data: {
          consentState: {
            bannerRequired: false,
            decisions: ['NECESSARY', 'PREFERENCES', 'ANALYTICS', 'MARKETING_EMAIL'].map((p) => ({
              purpose: p,
              granted: p === 'NECESSARY',
              decidedAt: '2026-03-01T10:00:00Z',
              policyVersion: '1.0',
              globalPrivacyControl: false,
            })),
          },
        },
      }),
      SetConsents: () => ({ data: { setConsents: { consentState: null, errors: [] } } }),
    });
    renderWithProviders(<App />, { route: '/policies/unknown' });
    fireEvent.click(await screen.findByRole('button', { name: 'Cookie choices' }));
    fireEvent.click(await screen.findByRole('switch', { name: 'Analytics' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save my choices' }));
    await waitFor(() => expect(gql.callsOf('SetConsents')).toHaveLength(1));
    expect(gql.callsOf('SetConsents')[0]?.variables).toMatchObject({ source: 'SETTINGS' });
    expect(JSON.stringify(gql.callsOf('SetConsents')[0]?.variables)).toContain(
      '{"purpose":"ANALYTICS","granted":true}',
    );
  });
});
