import {
  Anchor,
  Avatar,
  Button,
  Card,
  Checkbox,
  DataList,
  Group,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconUserOff } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { ActivityTable } from '../../components/ActivityTable';
import { AuditNotice } from '../../components/AuditNotice';
import { ConsentTable } from '../../components/ConsentTable';
import { FormAlert } from '../../components/FormAlert';
import { Guarded, SectionNotVisible } from '../../components/Restricted';
import { RoleBadges } from '../../components/RoleBadges';
import { Empty, ErrorState, PageLoader } from '../../components/States';
import type { Role } from '../../gql/graphql';
import type { FieldAccess } from '../../lib/access';
import { describeError } from '../../lib/errors';
import {
  describeTarget,
  formatDateTime,
  formatRelative,
  humanize,
  initials,
  roleLabel,
} from '../../lib/format';
import { graphqlRequest } from '../../lib/graphql';
import { ALL_ROLES, hasAnyRole, ROLE_EDITORS, AUDIT_ROLES } from '../../lib/roles';
import { ME_KEY, useMe } from '../../lib/useMe';
import { splitUserErrors } from '../../lib/userErrors';
import { usePartialQuery } from '../../lib/usePartialQuery';
import { AdminUserQuery, SetUserRolesMutation } from './queries/users';
import { AccountAccess } from './AccountAccess';
import { adminKeys } from './keys';
import { DataTable } from '../../components/DataTable';

function Section({ title, children, action }: { title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <Card withBorder radius="lg" padding="lg" component="section" aria-label={title}>
      <Group justify="space-between" mb="md">
        <Title order={2} size="h4">
          {title}
        </Title>
        {action}
      </Group>
      {children}
    </Card>
  );
}

const ROLE_HELP: Record<Role, string> = {
  CUSTOMER: 'Every account has it.',
  SUPPORT: 'Reads accounts and activity to help customers.',
  BILLING: 'Reads accounts for payments.',
  PRIVACY_OFFICER: 'Reads the audit log and consent records; handles data requests.',
  ADMIN: 'Everything, including changing roles.',
};

function RoleEditor({ userId, roles }: { userId: string; roles: readonly Role[] }) {
  const queryClient = useQueryClient();
  const [value, setValue] = useState<string[]>([...roles]);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [general, setGeneral] = useState<string[]>([]);
  useEffect(() => setValue([...roles]), [roles]);
  const save = useMutation({
    mutationFn: (next: Role[]) => graphqlRequest(SetUserRolesMutation, { userId, roles: next }),
    onSuccess: ({ setUserRoles }) => {
      if (setUserRoles.errors.length > 0) {
        const split = splitUserErrors(setUserRoles.errors, ['roles']);
        setFieldError(split.byField['roles'] ?? null);
        setGeneral(split.general);
        return;
      }
      void queryClient.invalidateQueries({ queryKey: adminKeys.all });
      void queryClient.invalidateQueries({ queryKey: ME_KEY });
      notifications.show({ message: 'Roles saved. The change is in the audit log.', color: 'teal' });
    },
    onError: (error) => setGeneral([describeError(error)]),
  });
  const dirty = [...value].sort().join() !== [...roles].sort().join();
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        setFieldError(null);
        setGeneral([]);
        save.mutate(value.filter((r): r is Role => (ALL_ROLES as readonly string[]).includes(r)));
      }}
    >
      <Stack gap="md">
        <FormAlert messages={general} />
        <Checkbox.Group
          label="Roles"
          description="Staff roles give access to other people’s data: grant them sparingly. Every change is audited."
          value={value}
          onChange={(next) => {
            setFieldError(null);
            setValue(next.includes('CUSTOMER') ? next : ['CUSTOMER', ...next]);
          }}
          error={fieldError}
        >
          <Stack gap="xs" mt="xs">
            {ALL_ROLES.map((role) => (
              <Checkbox
                key={role}
                value={role}
                label={roleLabel(role)}
                description={ROLE_HELP[role]}
                disabled={role === 'CUSTOMER'}
              />
            ))}
          </Stack>
        </Checkbox.Group>
        <Group justify="flex-end">
          <Button variant="default" disabled={!dirty || save.isPending} onClick={() => setValue([...roles])}>
            Discard
          </Button>
          <Button type="submit" disabled={!dirty} loading={save.isPending}>
            Save roles
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function AuditTrail({
  access,
  entries,
  total,
  userId,
}: {
  access: FieldAccess;
  entries: ReadonlyArray<{
    id: string;
    at: string;
    action: string;
    target?: string | null;
    actor?: { id: string; name?: string | null; email?: string | null } | null;
  }>;
  total: number;
  userId: string;
}) {
  if (access.isForbidden(['auditLog'])) {
    return <SectionNotVisible what="the audit trail of this account" />;
  }
  if (entries.length === 0) {
    return <Text c="dimmed" size="sm">No audit entries about this account.</Text>;
  }
  return (
    <Stack gap="sm">
      <DataTable
        label="Audit entries about this account"
        minWidth={560}
        verticalSpacing="xs"
        columns={['When', 'Who', 'Action', 'What']}
      >
        {entries.map((entry) => (
          <Table.Tr key={entry.id}>
            <Table.Td>
              <Text size="sm">{formatDateTime(entry.at)}</Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{entry.actor?.name ?? entry.actor?.email ?? 'System'}</Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{humanize(entry.action)}</Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm" c="dimmed" title={entry.target ?? undefined}>
                {describeTarget(entry.target) ?? '—'}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
      {total > entries.length && (
        <Anchor component={Link} to={`/admin/audit?subject=${userId}`} size="sm">
          See all {total} entries in the audit log
        </Anchor>
      )}
    </Stack>
  );
}

export function UserPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const query = usePartialQuery(adminKeys.user(id), AdminUserQuery, { id });

  const back = (
    <Anchor component={Link} to="/admin/users" size="sm">
      <Group gap={4}>
        <IconArrowLeft size={14} aria-hidden="true" />
        All users
      </Group>
    </Anchor>
  );

  if (query.isPending) return <PageLoader label="Loading the account…" />;
  if (query.isError) {
    return (
      <Stack gap="md">
        {back}
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      </Stack>
    );
  }
  const { data, access } = query.data;
  const user = data.user;
  if (!user) {
    return (
      <Stack gap="md">
        {back}
        <Empty
          icon={<IconUserOff size={28} />}
          title="No such user"
          description="The account does not exist, or it has been deleted."
        />
      </Stack>
    );
  }
  const isSelf = me.data?.id === user.id;
  const canEditRoles = hasAnyRole(me.data?.roles, ROLE_EDITORS) && !access.isForbidden(['user', 'roles']);
  const activity = user.activity?.edges.map((e) => e.node) ?? [];
  const auditEntries = data.auditLog?.edges.map((e) => e.node) ?? [];

  return (
    <Stack gap="lg">
      {back}
      <Group gap="md" wrap="nowrap" align="center">
        <Avatar size={56} radius="xl" color="blue">
          {initials(user.name)}
        </Avatar>
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Title order={1} fz={{ base: 24, sm: 28 }} style={{ letterSpacing: '-0.02em' }}>
            <Guarded access={access} path={['user', 'name']}>
              {user.name}
            </Guarded>
          </Title>
          <Guarded access={access} path={['user', 'email']}>
            <Text c="dimmed" truncate>
              {user.email}
            </Text>
          </Guarded>
        </Stack>
      </Group>

      <AuditNotice title={isSelf ? 'This is your own account' : 'Your access to this account is audited'}>
        {isSelf
          ? 'Reading your own data is not audited.'
          : 'Opening this page has been written to the audit log: who you are, when, from which IP address, and which of this person’s data you read. Open accounts only for a reason you could explain to them.'}
      </AuditNotice>

      <Section title="Account">
        <DataList withDivider labelWidth={160}>
          <DataList.Item>
            <DataList.ItemLabel>Name</DataList.ItemLabel>
            <DataList.ItemValue>
              <Guarded access={access} path={['user', 'name']}>
                {user.name}
              </Guarded>
            </DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>Email</DataList.ItemLabel>
            <DataList.ItemValue>
              <Guarded access={access} path={['user', 'email']}>
                {user.email}
              </Guarded>
            </DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>Company</DataList.ItemLabel>
            <DataList.ItemValue>
              <Guarded access={access} path={['user', 'companyName']}>
                {user.companyName}
              </Guarded>
            </DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>Roles</DataList.ItemLabel>
            <DataList.ItemValue>
              <Guarded access={access} path={['user', 'roles']}>
                {user.roles && <RoleBadges roles={user.roles} />}
              </Guarded>
            </DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>Joined</DataList.ItemLabel>
            <DataList.ItemValue>{formatDateTime(user.createdAt)}</DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>Last log-in</DataList.ItemLabel>
            <DataList.ItemValue>
              <Guarded access={access} path={['user', 'lastLogInAt']} empty="Never">
                {user.lastLogInAt &&
                  `${formatDateTime(user.lastLogInAt)} (${formatRelative(user.lastLogInAt)})`}
              </Guarded>
            </DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>Account ID</DataList.ItemLabel>
            <DataList.ItemValue>
              <Text span className="pv-mono">
                {user.id}
              </Text>
            </DataList.ItemValue>
          </DataList.Item>
        </DataList>
      </Section>

      {canEditRoles && user.roles && (
        <Section title="Roles and access">
          <RoleEditor userId={user.id} roles={user.roles} />
        </Section>
      )}

      {canEditRoles && !isSelf && (
        <Section title="Account access">
          <AccountAccess userId={user.id} disabledAt={user.disabledAt ?? null} />
        </Section>
      )}

      <Section title="Recent activity">
        {access.isForbidden(['user', 'activity']) ? (
          <SectionNotVisible what="this account’s activity" />
        ) : activity.length === 0 ? (
          <Text c="dimmed" size="sm">No activity recorded.</Text>
        ) : (
          <ActivityTable rows={activity} caption="Recent activity of this account" />
        )}
      </Section>

      <Section title="Consent history">
        {access.isForbidden(['user', 'consentHistory']) ? (
          <SectionNotVisible what="this account’s consent history" />
        ) : (user.consentHistory ?? []).length === 0 ? (
          <Text c="dimmed" size="sm">No consent records.</Text>
        ) : (
          <ConsentTable rows={user.consentHistory ?? []} caption="Consent history of this account" withClient={false} />
        )}
      </Section>

      {(hasAnyRole(me.data?.roles, AUDIT_ROLES) || access.isForbidden(['auditLog'])) && (
        <Section title="Audit trail">
          <AuditTrail
            access={access}
            entries={auditEntries}
            total={data.auditLog?.totalCount ?? 0}
            userId={user.id}
          />
        </Section>
      )}
    </Stack>
  );
}
