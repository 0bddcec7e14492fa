import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../app/App';
import { mockGraphQL, viewer } from '../../test/graphqlMock';
import { renderWithProviders } from '../../test/render';

afterEach(() => {
  vi.unstubAllGlobals();
});

const textbox = (name: string) => screen.getByRole('textbox', { name });

function fillSignUp() {
  fireEvent.change(textbox('Name'), { target: { value: 'Grace Hopper' } });
  fireEvent.change(textbox('Email'), { target: { value: 'grace@example.test' } });
  fireEvent.change(screen.getByLabelText(/^Password/), { target: { value: 'a long passphrase' } });
}

describe('sign-up', () => {
  it('leaves the marketing box unticked and requires the policies', async () => {
    const gql = mockGraphQL({
      Me: () => ({ data: { me: null } }),
      MinimumAge: () => ({ data: { minimumAge: 16 } }),
    });
    renderWithProviders(<App />, { route: '/signup' });
    const marketing = await screen.findByRole('checkbox', { name: /Email me product news/ });
    expect(marketing).not.toBeChecked();
    const policies = screen.getByRole('checkbox', { name: /I accept the terms/ });
    expect(policies).not.toBeChecked();

    fillSignUp();
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
    expect(
      await screen.findByText('Accept the terms and the privacy policy to create an account.'),
    ).toBeInTheDocument();
    expect(gql.callsOf('SignUp')).toHaveLength(0);
  });

  it('sends the form and shows server errors next to the field they name', async () => {
    const gql = mockGraphQL({
      Me: () => ({ data: { me: null } }),
      MinimumAge: () => ({ data: { minimumAge: 16 } }),
      SignUp: () => ({
        data: {
          signUp: {
            user: null,
            errors: [
              { field: 'email', kind: 'EMAIL_TAKEN', message: 'An account with this email exists.' },
              { field: null, kind: 'RATE_LIMITED', message: 'Too many sign-ups. Try again later.' },
            ],
          },
        },
      }),
    });
    renderWithProviders(<App />, { route: '/signup' });
    await screen.findByRole('button', { name: 'Create account' });
    fillSignUp();
    fireEvent.change(textbox('Company'), { target: { value: '  ' } });
    fireEvent.click(screen.getByRole('checkbox', { name: /I accept the terms/ }));
    fireEvent.click(await screen.findByRole('checkbox', { name: 'I am at least 16 years old' }));
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));

    expect(await screen.findByText('An account with this email exists.')).toBeInTheDocument();
    expect(textbox('Email')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('alert')).toHaveTextContent('Too many sign-ups. Try again later.');
    expect(gql.callsOf('SignUp')[0]?.variables).toEqual({
      input: {
        name: 'Grace Hopper',
        email: 'grace@example.test',
        password: 'a long passphrase',
        companyName: null,
        acceptPolicies: true,
        minimumAgeConfirmed: true,
        marketingEmails: false,
      },
    });
  });

  it('signs the new account in and greets it', async () => {
    // a consistent fake server: once signed up, the session's viewer is the new account
    let me: ReturnType<typeof viewer> | null = null;
    mockGraphQL({
      Me: () => ({ data: { me } }),
      MinimumAge: () => ({ data: { minimumAge: 16 } }),
      SignUp: () => {
        me = viewer(['CUSTOMER'], { name: 'Grace Hopper' });
        return { data: { signUp: { user: me, errors: [] } } };
      },
      PrivacyOverview: () => ({ data: { me: null } }),
    });
    renderWithProviders(<App />, { route: '/signup' });
    await screen.findByRole('button', { name: 'Create account' });
    fillSignUp();
    fireEvent.click(screen.getByRole('checkbox', { name: /I accept the terms/ }));
    fireEvent.click(await screen.findByRole('checkbox', { name: 'I am at least 16 years old' }));
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Welcome to Pixvault, Grace' }),
    ).toBeInTheDocument();
  });
});

describe('log-in', () => {
  it('sends "Remember me" and shows a wrong password above the form', async () => {
    const gql = mockGraphQL({
      Me: () => ({ data: { me: null } }),
      MinimumAge: () => ({ data: { minimumAge: 16 } }),
      LogIn: () => ({
        data: {
          logIn: {
            user: null,
            errors: [{ field: null, kind: 'INVALID_CREDENTIALS', message: 'The email or password is wrong.' }],
          },
        },
      }),
    });
    renderWithProviders(<App />, { route: '/login' });
    fireEvent.change(await screen.findByRole('textbox', { name: 'Email' }), {
      target: { value: ' ada@example.test ' },
    });
    fireEvent.change(screen.getByLabelText(/^Password/), { target: { value: 'nope nope nope' } });
    const remember = screen.getByRole('checkbox', { name: /Remember me/ });
    expect(remember).not.toBeChecked();
    fireEvent.click(remember);
    fireEvent.click(screen.getByRole('button', { name: 'Log in' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('The email or password is wrong.');
    expect(gql.callsOf('LogIn')[0]?.variables).toEqual({
      input: { email: 'ada@example.test', password: 'nope nope nope', rememberMe: true },
    });
  });

  it('goes on to the page the visitor asked for', async () => {
    let me: ReturnType<typeof viewer> | null = null;
    mockGraphQL({
      Me: () => ({ data: { me } }),
      LogIn: () => {
        me = viewer();
        return { data: { logIn: { user: me, errors: [] } } };
      },
      ApiTokens: () => ({ data: { me: { id: 'u1', apiTokens: [] } } }),
    });
    renderWithProviders(<App />, { route: '/login?next=%2Fprivacy%2Ftokens' });
    fireEvent.change(await screen.findByRole('textbox', { name: 'Email' }), {
      target: { value: 'ada@example.test' },
    });
    fireEvent.change(screen.getByLabelText(/^Password/), { target: { value: 'correct horse' } });
    fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'API tokens' })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByText('No API tokens')).toBeInTheDocument());
  });
});
