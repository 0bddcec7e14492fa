import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../app/App';
import { forbidden, mockGraphQL, viewer } from '../../test/graphqlMock';
import { renderWithProviders } from '../../test/render';

afterEach(() => {
  vi.unstubAllGlobals();
});

const subject = {
  id: 'u2',
  createdAt: '2026-01-01T00:00:00Z',
  name: 'Grace Hopper',
  email: 'grace@example.test',
  companyName: null,
  roles: ['CUSTOMER'],
  lastLogInAt: '2026-03-01T10:00:00Z',
  disabledAt: null,
  activity: {
    totalCount: 1,
    edges: [
      {
        node: {
          id: 'a1',
          kind: 'LOG_IN',
          at: '2026-03-01T10:00:00Z',
          ipAddress: '127.0.0.1',
          country: null,
          browser: 'Firefox',
          browserVersion: '128.0',
          os: 'Ubuntu',
          timezone: 'Europe/Paris',
          target: null,
        },
      },
    ],
  },
  consentHistory: [],
};

describe('admin: users', () => {
  it('searches users and keeps the rows whose fields the role may not read', async () => {
    const gql = mockGraphQL({
      Me: () => ({ data: { me: viewer(['CUSTOMER', 'SUPPORT']) } }),
      AdminUsers: ({ search }) => ({
        data: {
          users: {
            totalCount: 1,
            pageInfo: { hasNextPage: false, endCursor: 'x' },
            edges: [{ node: { ...subject, roles: null, name: search ? 'Grace Hopper' : 'Grace Hopper' } }],
          },
        },
        errors: [forbidden(['users', 'edges', 0, 'node', 'roles'])],
      }),
    });
    renderWithProviders(<App />, { route: '/admin/users' });
    expect(await screen.findByText('Reads here are audited')).toBeInTheDocument();
    const row = await screen.findByTestId('user-row');
    expect(within(row).getByRole('link', { name: 'Grace Hopper' })).toHaveAttribute('href', '/admin/users/u2');
    expect(within(row).getByText('Not visible to your role')).toBeInTheDocument();

    fireEvent.change(screen.getByRole('searchbox', { name: 'Search users' }), { target: { value: 'hopper' } });
    await waitFor(() =>
      expect(gql.callsOf('AdminUsers').at(-1)?.variables).toMatchObject({ search: 'hopper', after: null }),
    );
  });
});

describe('admin: user detail', () => {
  it('says the access is audited and shows withheld sections as not visible', async () => {
    mockGraphQL({
      Me: () => ({ data: { me: viewer(['CUSTOMER', 'SUPPORT']) } }),
      AdminUser: () => ({
        data: { user: { ...subject, roles: null, consentHistory: null }, auditLog: null },
        errors: [forbidden(['user', 'roles']), forbidden(['user', 'consentHistory']), forbidden(['auditLog'])],
      }),
    });
    renderWithProviders(<App />, { route: '/admin/users/u2' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Grace Hopper' })).toBeInTheDocument();
    expect(screen.getByText('Your access to this account is audited')).toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: 'Recent activity' })).getByText('Logged in')).toBeInTheDocument();
    expect(
      within(screen.getByRole('region', { name: 'Consent history' })).getByTestId('not-visible'),
    ).toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: 'Audit trail' })).getByTestId('not-visible')).toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: 'Account' })).getByTestId('not-visible')).toHaveTextContent(
      'Not visible to your role',
    );
    // no role editor and no disable button without ADMIN
    expect(screen.queryByRole('region', { name: 'Roles and access' })).not.toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Account access' })).not.toBeInTheDocument();
  });

  it('lets an admin change roles, with the server error next to the roles', async () => {
    const gql = mockGraphQL({
      Me: () => ({ data: { me: viewer(['CUSTOMER', 'ADMIN']) } }),
      AdminUser: () => ({ data: { user: subject, auditLog: { totalCount: 0, edges: [] } } }),
      SetUserRoles: () => ({
        data: {
          setUserRoles: {
            user: null,
            errors: [{ field: 'roles', kind: 'LAST_ADMIN', message: 'You cannot remove your own ADMIN role.' }],
          },
        },
      }),
    });
    renderWithProviders(<App />, { route: '/admin/users/u2' });
    const editor = await screen.findByRole('region', { name: 'Roles and access' });
    expect(within(editor).getByRole('checkbox', { name: /Customer/ })).toBeDisabled();
    fireEvent.click(within(editor).getByRole('checkbox', { name: /Support/ }));
    fireEvent.click(within(editor).getByRole('button', { name: 'Save roles' }));
    expect(await within(editor).findByText('You cannot remove your own ADMIN role.')).toBeInTheDocument();
    expect(gql.callsOf('SetUserRoles')[0]?.variables).toEqual({ userId: 'u2', roles: ['CUSTOMER', 'SUPPORT'] });
  });

  it('lets an admin disable an account after confirming, then enable it again', async () => {
    let disabledAt: string | null = null;
    const gql = mockGraphQL({
      Me: () => ({ data: { me: viewer(['CUSTOMER', 'ADMIN']) } }),
      AdminUser: () => ({ data: { user: { ...subject, disabledAt }, auditLog: { totalCount: 0, edges: [] } } }),
      DisableUser: () => {
        disabledAt = '2026-03-02T09:00:00Z';
        return { data: { disableUser: { user: { id: 'u2', disabledAt }, errors: [] } } };
      },
      EnableUser: () => {
        disabledAt = null;
        return { data: { enableUser: { user: { id: 'u2', disabledAt }, errors: [] } } };
      },
    });
    renderWithProviders(<App />, { route: '/admin/users/u2' });
    const section = await screen.findByRole('region', { name: 'Account access' });
    fireEvent.click(within(section).getByRole('button', { name: 'Disable account' }));
    const dialog = await screen.findByRole('dialog', { name: 'Disable this account?' });
    expect(gql.callsOf('DisableUser')).toHaveLength(0);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Disable account' }));
    expect(await within(section).findByText(/^Disabled since/)).toBeInTheDocument();
    expect(gql.callsOf('DisableUser')[0]?.variables).toEqual({ id: 'u2' });
    fireEvent.click(within(section).getByRole('button', { name: 'Enable account' }));
    expect(await within(section).findByText(/^Active\./)).toBeInTheDocument();
    expect(gql.callsOf('EnableUser')[0]?.variables).toEqual({ id: 'u2' });
  });

  it('says so when the user does not exist', async () => {
    mockGraphQL({
      Me: () => ({ data: { me: viewer(['CUSTOMER', 'ADMIN']) } }),
      AdminUser: () => ({ data: { user: null, auditLog: { totalCount: 0, edges: [] } } }),
    });
    renderWithProviders(<App />, { route: '/admin/users/nobody' });
    expect(await screen.findByRole('heading', { name: 'No such user' })).toBeInTheDocument();
  });
});

describe('admin: audit log', () => {
  it('lists entries in words, with actor and subject', async () => {
    mockGraphQL({
      Me: () => ({ data: { me: viewer(['CUSTOMER', 'PRIVACY_OFFICER']) } }),
      AuditLog: () => ({
        data: {
          auditLog: {
            totalCount: 1,
            pageInfo: { hasNextPage: false, endCursor: null },
            edges: [
              {
                node: {
                  id: '1',
                  at: '2026-03-01T10:00:00Z',
                  action: 'READ_PERSONAL_DATA',
                  target: 'User.email,User.name',
                  ipAddress: '127.0.0.1',
                  actor: { id: 'u1', name: 'Ada Lovelace', email: 'ada@example.test' },
                  subject: { id: 'u2', name: 'Grace Hopper', email: 'grace@example.test' },
                },
              },
            ],
          },
        },
      }),
    });
    renderWithProviders(<App />, { route: '/admin/audit' });
    const row = await screen.findByTestId('audit-row');
    expect(within(row).getByText('Read personal data')).toBeInTheDocument();
    expect(within(row).getByText('email, name')).toBeInTheDocument();
    expect(within(row).getByRole('link', { name: 'Grace Hopper' })).toHaveAttribute('href', '/admin/users/u2');
  });
});
