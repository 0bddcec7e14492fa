import { Anchor, Avatar, Card, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch, IconUsers } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { AuditNotice } from '../../components/AuditNotice';
import { PageHeader } from '../../components/PageHeader';
import { ConnectionTable } from '../../components/ConnectionTable';
import { Guarded, } from '../../components/Restricted';
import { RoleBadges } from '../../components/RoleBadges';
import { Empty, } from '../../components/States';
import { formatDate, formatRelative, initials } from '../../lib/format';
import { usePagedPartialQuery } from '../../lib/usePartialQuery';
import { FieldAccess } from '../../lib/access';
import { AdminUsersQuery } from './queries/users';
import { adminKeys } from './keys';
import { DataTable } from '../../components/DataTable';

export const USERS_PAGE_SIZE = 25;

export function UsersPage() {
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [debounced] = useDebouncedValue(search.trim(), 300);

  const { pager, query } = usePagedPartialQuery(
    (after) => adminKeys.users(debounced, after),
    AdminUsersQuery,
    (after) => ({ first: USERS_PAGE_SIZE, after, search: debounced || null }),
  );
  const { reset } = pager;

  // A new search starts at its first page and is kept in the address (?q=).
  const lastSearch = useRef(debounced);
  useEffect(() => {
    if (lastSearch.current === debounced) return;
    lastSearch.current = debounced;
    reset();
    setParams(debounced ? { q: debounced } : {}, { replace: true });
  }, [debounced, reset, setParams]);

  const connection = query.data?.data.users;
  const access = query.data?.access ?? new FieldAccess();
  const edges = connection?.edges ?? [];

  return (
    <Stack gap="lg">
      <PageHeader
        eyebrow="Admin console"
        title="Users"
        description="Find an account by name, email or company."
      />
      <AuditNotice title="Reads here are audited">
        Listing and opening accounts reads personal data. Each read is written to the audit log
        with your name, the time and your IP address.
      </AuditNotice>
      <Card withBorder radius="lg" padding="lg">
        <Stack gap="md">
          <TextInput
            label="Search users"
            placeholder="Name, email or company"
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            type="search"
            maw={420}
          />
          <ConnectionTable
            query={query}
            connection={connection}
            skeleton={{ rows: 5, height: 48 }}
            notVisible="the list of users"
            empty={
              <Empty
                icon={<IconUsers size={28} />}
                title={debounced ? 'No matching users' : 'No users yet'}
                description={debounced ? `Nobody’s name, email or company contains “${debounced}”.` : undefined}
                headingOrder={3}
              />
            }
            paging={{ pager, pageSize: USERS_PAGE_SIZE, label: 'User pages', noun: ['user', 'users'] }}
          >
            <DataTable
              label="Users"
              minWidth={760}
              highlightOnHover
              columns={['Name', 'Company', 'Roles', 'Last log-in', 'Joined']}
            >
              {edges.map(({ node: user }, i) => {
                const path = ['users', 'edges', i, 'node'] as const;
                return (
                  <Table.Tr key={user.id} data-testid="user-row">
                    <Table.Td>
                      <Group gap="sm" wrap="nowrap">
                        <Avatar radius="xl" size={34} color="blue">
                          {initials(user.name)}
                        </Avatar>
                        <Stack gap={0} style={{ minWidth: 0 }}>
                          <Anchor component={Link} to={`/admin/users/${user.id}`} fw={600} size="sm">
                            {user.name ?? user.email ?? `User ${user.id.slice(0, 8)}`}
                          </Anchor>
                          <Guarded access={access} path={[...path, 'email']}>
                            <Text size="xs" c="dimmed" truncate>
                              {user.email}
                            </Text>
                          </Guarded>
                        </Stack>
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Guarded access={access} path={[...path, 'companyName']}>
                        {user.companyName && <Text size="sm">{user.companyName}</Text>}
                      </Guarded>
                    </Table.Td>
                    <Table.Td>
                      <Guarded access={access} path={[...path, 'roles']}>
                        {user.roles && <RoleBadges roles={user.roles} />}
                      </Guarded>
                    </Table.Td>
                    <Table.Td>
                      <Guarded access={access} path={[...path, 'lastLogInAt']} empty="Never">
                        {user.lastLogInAt && (
                          <Text size="sm">{formatRelative(user.lastLogInAt)}</Text>
                        )}
                      </Guarded>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{formatDate(user.createdAt)}</Text>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </DataTable>
          </ConnectionTable>
        </Stack>
      </Card>
    </Stack>
  );
}
