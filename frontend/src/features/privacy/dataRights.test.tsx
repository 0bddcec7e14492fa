import { fireEvent, render, screen, within } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../app/App';
import { mockGraphQL, viewer } from '../../test/graphqlMock';
import { renderWithProviders } from '../../test/render';
import { theme } from '../../app/theme';
import { canConfirm } from './DeleteAccountPage';
import { ExportStatus, exportPhase, type ExportRequest } from './ExportStatus';

// The machine running the suite may be busy: give each wait for the page room.
vi.setConfig({ testTimeout: 20_000 });

afterEach(() => {
  vi.unstubAllGlobals();
});

const settled = {
  ConsentState: () => ({
    data: {
      consentState: {
        bannerRequired: false,
        decisions: [{ purpose: 'ANALYTICS', granted: false, decidedAt: null, policyVersion: null, globalPrivacyControl: false }],
      },
    },
  }),
  PendingPolicyDecisions: () => ({ data: { pendingPolicyDecisions: [] } }),
};

const request = (overrides: Partial<ExportRequest> = {}): ExportRequest & { kind: string } => ({
  id: 'r1',
  kind: 'ACCESS',
  status: 'VERIFIED',
  receivedAt: '2026-03-01T10:00:00Z',
  dueAt: '2026-04-01T10:00:00Z',
  completedAt: null,
  progress: null,
  exportUrl: null,
  waitingReason: null,
  rejectionReason: null,
  ...overrides,
});

function renderStatus(r: ExportRequest) {
  return render(
    <MantineProvider theme={theme}>
      <ExportStatus request={r} />
    </MantineProvider>,
  );
}

describe('export progress states', () => {
  it('names each phase from the request', () => {
    expect(exportPhase(request())).toBe('queued');
    expect(exportPhase(request({ status: 'IN_PROGRESS', progress: 0.4 }))).toBe('running');
    expect(exportPhase(request({ status: 'COMPLETED', exportUrl: '/exports/r1?x' }))).toBe('ready');
    expect(exportPhase(request({ status: 'COMPLETED', exportUrl: null }))).toBe('expired');
    expect(exportPhase(request({ status: 'REJECTED' }))).toBe('rejected');
  });

  it('shows a queued request with its deadline', () => {
    renderStatus(request());
    expect(screen.getByText('Queued')).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: 'Export progress' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /Download/ })).toBeNull();
  });

  it('shows how far a running export is', () => {
    renderStatus(request({ status: 'IN_PROGRESS', progress: 0.4 }));
    expect(screen.getByText('Preparing')).toBeInTheDocument();
    expect(screen.getByText(/40% done/)).toBeInTheDocument();
  });

  it('offers the ZIP once ready', () => {
    renderStatus(request({ status: 'COMPLETED', progress: 1, completedAt: '2026-03-01T10:01:00Z', exportUrl: 'http://x.test/exports/r1?sig' }));
    const link = screen.getByRole('link', { name: /Download my data/ });
    expect(link).toHaveAttribute('href', 'http://x.test/exports/r1?sig');
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('says when the download window has passed, and why a request was refused', () => {
    renderStatus(request({ status: 'COMPLETED', completedAt: '2026-03-01T10:01:00Z' }));
    expect(screen.getByText('Link expired')).toBeInTheDocument();
    renderStatus(request({ status: 'REJECTED', rejectionReason: 'Manifestly unfounded.' }));
    expect(screen.getByText('Manifestly unfounded.')).toBeInTheDocument();
  });
});

describe('download my data', () => {
  it('asks for the password, then polls until the ZIP is ready', async () => {
    let rows: ReturnType<typeof request>[] = [];
    let polls = 0;
    const gql = mockGraphQL({
      Me: () => ({ data: { me: viewer() } }),
      ...settled,
      DataRequests: () => {
        polls += 1;
        // the in-progress run finishes on the second look
        if (rows[0]?.status === 'IN_PROGRESS' && polls > 2) {
          rows = [request({ status: 'COMPLETED', progress: 1, completedAt: '2026-03-01T10:01:00Z', exportUrl: '/exports/r1?sig' })];
        }
        return { data: { me: { id: 'u1', email: 'ada@example.test', dataSubjectRequests: rows } } };
      },
      SubmitDataRequest: (variables) => {
        const input = variables['input'] as { password: string };
        if (input.password !== 'right password') {
          return { data: { submitDataSubjectRequest: { request: null, errors: [{ field: 'password', kind: 'INVALID_PASSWORD', message: 'Enter your current password.' }] } } };
        }
        rows = [request({ status: 'IN_PROGRESS', progress: 0.1 })];
        return { data: { submitDataSubjectRequest: { request: rows[0], errors: [] } } };
      },
    });
    renderWithProviders(<App />, { route: '/privacy/download' });
    const password = await screen.findByLabelText(/Your current password/);
    fireEvent.change(password, { target: { value: 'wrong' } });
    fireEvent.click(screen.getByRole('button', { name: 'Request my data' }));
    expect(await screen.findByText('Enter your current password.')).toBeInTheDocument();

    fireEvent.change(password, { target: { value: 'right password' } });
    fireEvent.click(screen.getByRole('button', { name: 'Request my data' }));
    expect(await screen.findByText('Preparing')).toBeInTheDocument();
    expect(screen.getByText(/10% done/)).toBeInTheDocument();
    // no second request while one runs
    expect(screen.queryByRole('button', { name: 'Request my data' })).toBeNull();
    const link = await screen.findByRole('link', { name: 'Download my data (ZIP)' }, { timeout: 6000 });
    expect(link).toHaveAttribute('href', '/exports/r1?sig');
    expect(gql.callsOf('SubmitDataRequest').at(-1)?.variables).toEqual({
      input: { kind: 'ACCESS', password: 'right password' },
    });
    const polled = gql.callsOf('DataRequests').length;
    await new Promise((r) => setTimeout(r, 1700));
    // once ready, it stops asking
    expect(gql.callsOf('DataRequests').length).toBe(polled);
  });
});

describe('delete my account', () => {
  it('needs the confirmation word and a password', () => {
    expect(canConfirm('', 'pw')).toBe(false);
    expect(canConfirm('delet', 'pw')).toBe(false);
    expect(canConfirm('DELETE', '')).toBe(false);
    expect(canConfirm(' delete ', 'pw')).toBe(true);
  });

  it('confirms, shows a wrong password on its field, then closes the account and leaves', async () => {
    let me: ReturnType<typeof viewer> | null = viewer();
    const gql = mockGraphQL({
      Me: () => ({ data: { me } }),
      ...settled,
      CloseAccount: ({ password }) => {
        if (password !== 'right password') {
          return { data: { closeAccount: { request: null, errors: [{ field: 'password', kind: 'INVALID_PASSWORD', message: 'Enter your current password.' }] } } };
        }
        me = null; // the erasure ends every session of the account
        return {
          data: {
            closeAccount: {
              request: { id: 'e1', status: 'VERIFIED', receivedAt: '2026-03-01T10:00:00Z', dueAt: '2026-04-01T10:00:00Z', waitingReason: null },
              errors: [],
            },
          },
        };
      },
    });
    const shown = vi.spyOn(notifications, 'show');
    renderWithProviders(<App />, { route: '/privacy/delete-account' });
    fireEvent.click(await screen.findByRole('button', { name: 'Delete my account…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete your account for good?' });
    const confirm = within(dialog).getByRole('button', { name: 'Delete my account' });
    expect(confirm).toBeDisabled();
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Type DELETE to confirm' }), { target: { value: 'DELETE' } });
    expect(confirm).toBeDisabled();
    const password = within(dialog).getByLabelText('Your current password');
    fireEvent.change(password, { target: { value: 'wrong' } });
    expect(confirm).toBeEnabled();
    fireEvent.click(confirm);
    expect(await within(dialog).findByText('Enter your current password.')).toBeInTheDocument();

    fireEvent.change(password, { target: { value: 'right password' } });
    fireEvent.click(confirm);
    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome back' })).toBeInTheDocument();
    expect(gql.callsOf('CloseAccount').at(-1)?.variables).toEqual({ password: 'right password' });
    expect(shown).toHaveBeenCalledWith(expect.objectContaining({ title: 'Your account is being deleted' }));
  });
});
