import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../app/App';
import { mockGraphQL, viewer } from '../../test/graphqlMock';
import { renderWithProviders } from '../../test/render';

afterEach(() => {
  vi.unstubAllGlobals();
});

const ok = { ok: true, errors: [] };

describe('two-factor log-in', () => {
  it('asks for the code as a second step and logs in with it', async () => {
    let me: ReturnType<typeof viewer> | null = null;
    const gql = mockGraphQL({
      Me: () => ({ data: { me } }),
      LogIn: () => ({
        data: {
          logIn: {
            user: null,
            twoFactorChallenge: 'ch1',
            errors: [{ field: 'code', kind: 'TWO_FACTOR_REQUIRED', message: 'Enter the code.' }],
          },
        },
      }),
      CompleteLogIn: () => {
        me = viewer(['CUSTOMER']);
        return { data: { completeLogIn: { user: me, errors: [] } } };
      },
    });
    renderWithProviders(<App />, { route: '/login' });
    fireEvent.change(await screen.findByRole('textbox', { name: 'Email' }), {
      target: { value: 'ada@example.test' },
    });
    fireEvent.change(screen.getByLabelText(/^Password/), { target: { value: 'a long passphrase' } });
    fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
    const code = await screen.findByRole('textbox', { name: 'Code' });
    fireEvent.change(code, { target: { value: '123456' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify and log in' }));
    await waitFor(() =>
      expect(gql.callsOf('CompleteLogIn')[0]?.variables).toEqual({ challenge: 'ch1', code: '123456' }),
    );
    await waitFor(() => expect(screen.queryByRole('textbox', { name: 'Code' })).toBeNull());
  });

  it('sends staff without a second factor from the console to its set-up', async () => {
    mockGraphQL({
      Me: () => ({ data: { me: viewer(['CUSTOMER', 'ADMIN'], { twoFactorEnabled: false }) } }),
      TwoFactorStatus: () => ({
        data: {
          me: { id: 'u1', roles: ['CUSTOMER', 'ADMIN'], twoFactorEnabled: false, recoveryCodesLeft: 0 },
        },
      }),
    });
    renderWithProviders(<App />, { route: '/admin/users' });
    expect(await screen.findByText('Required for staff')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Set up two-factor log-in' })).toBeInTheDocument();
  });
});

describe('password recovery', () => {
  it('links from the log-in page and answers the same for any address', async () => {
    const gql = mockGraphQL({
      Me: () => ({ data: { me: null } }),
      RequestPasswordReset: () => ({ data: { requestPasswordReset: ok } }),
    });
    renderWithProviders(<App />, { route: '/login' });
    fireEvent.click(await screen.findByRole('link', { name: 'Forgot your password?' }));
    fireEvent.change(await screen.findByRole('textbox', { name: 'Email' }), {
      target: { value: ' ada@example.test ' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Send the link' }));
    expect(await screen.findByText(/If ada@example.test belongs to a Pixvault account/)).toBeInTheDocument();
    expect(gql.callsOf('RequestPasswordReset')[0]?.variables).toEqual({ email: 'ada@example.test' });
  });

  it('sets the new password from the link and shows a used link as an error', async () => {
    let used = false;
    const gql = mockGraphQL({
      Me: () => ({ data: { me: null } }),
      ResetPassword: () => {
        const answer = used
          ? { ok: false, errors: [{ field: 'token', kind: 'INVALID_TOKEN', message: 'This link is invalid, used or expired.' }] }
          : ok;
        used = true;
        return { data: { resetPassword: answer } };
      },
    });
    renderWithProviders(<App />, { route: '/reset-password?token=t1' });
    const [first, second] = await screen.findAllByLabelText(/new password/i);
    fireEvent.change(first!, { target: { value: 'a brand new passphrase' } });
    fireEvent.change(second!, { target: { value: 'a brand new passphrase' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set the new password' }));
    expect(await screen.findByText(/Your new password is set/)).toBeInTheDocument();
    expect(gql.callsOf('ResetPassword')[0]?.variables).toEqual({
      token: 't1',
      newPassword: 'a brand new passphrase',
    });
  });
});
