import { Anchor, Badge, Card, CloseButton, Group, Stack, Table, Text } from '@mantine/core';
import { IconClipboardList } from '@tabler/icons-react';
import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { ConnectionTable } from '../../components/ConnectionTable';
import { Guarded, } from '../../components/Restricted';
import { Empty, } from '../../components/States';
import { describeTarget, formatDateTime, humanize } from '../../lib/format';
import { usePagedPartialQuery } from '../../lib/usePartialQuery';
import { FieldAccess } from '../../lib/access';
import { AuditLogQuery } from './queries/users';
import { adminKeys } from './keys';
import { DataTable } from '../../components/DataTable';

export const AUDIT_PAGE_SIZE = 30;

const ACTION_COLORS: Record<string, string> = {
  READ_PERSONAL_DATA: 'blue',
  SET_ROLES: 'red',
};

function PersonCell({
  person,
  fallback,
}: {
  person?: { id: string; name?: string | null; email?: string | null } | null;
  fallback: string;
}) {
  if (!person) {
    return (
      <Text size="sm" c="dimmed">
        {fallback}
      </Text>
    );
  }
  return (
    <Stack gap={0}>
      <Anchor component={Link} to={`/admin/users/${person.id}`} size="sm" fw={600}>
        {person.name ?? person.email ?? person.id.slice(0, 8)}
      </Anchor>
      {person.email && (
        <Text size="xs" c="dimmed" truncate maw={220}>
          {person.email}
        </Text>
      )}
    </Stack>
  );
}

export function AuditLogPage() {
  const [params, setParams] = useSearchParams();
  const subjectId = params.get('subject');
  const { pager, query } = usePagedPartialQuery(
    (after) => adminKeys.audit(subjectId, after),
    AuditLogQuery,
    (after) => ({ first: AUDIT_PAGE_SIZE, after, subjectId }),
  );
  const connection = query.data?.data.auditLog;
  const access = query.data?.access ?? new FieldAccess();
  const rows = connection?.edges.map((e) => e.node) ?? [];
  const subject = subjectId ? rows.find((r) => r.subject?.id === subjectId)?.subject : null;

  return (
    <Stack gap="lg">
      <PageHeader
        eyebrow="Admin console"
        title="Audit log"
        description="Every staff read of someone else’s personal data and every role change, newest first. The trail is append-only and hash-chained."
      />
      {subjectId && (
        <Group gap="xs">
          <Badge
            size="lg"
            variant="light"
            rightSection={
              <CloseButton
                size="xs"
                aria-label="Show all entries"
                onClick={() => {
                  pager.reset();
                  setParams({});
                }}
              />
            }
          >
            About {subject?.name ?? subject?.email ?? 'one account'}
          </Badge>
        </Group>
      )}
      <Card withBorder radius="lg" padding="lg">
        <ConnectionTable
          query={query}
          connection={connection}
          skeleton={{ rows: 6, height: 44 }}
          notVisible="the audit log"
          empty={<Empty icon={<IconClipboardList size={28} />} title="No audit entries" headingOrder={3} />}
          paging={{ pager, pageSize: AUDIT_PAGE_SIZE, label: 'Audit log pages' }}
        >
          <DataTable
            label="Audit log"
            minWidth={820}
            highlightOnHover
            columns={['When', 'Staff member', 'Action', 'About', 'Data or change']}
          >
            {rows.map((entry, i) => (
              <Table.Tr key={entry.id} data-testid="audit-row">
                <Table.Td>
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {formatDateTime(entry.at)}
                  </Text>
                  {entry.ipAddress && (
                    <Text size="xs" c="dimmed">
                      from <span className="pv-mono">{entry.ipAddress}</span>
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Guarded access={access} path={['auditLog', 'edges', i, 'node', 'actor']}>
                    <PersonCell person={entry.actor} fallback="System" />
                  </Guarded>
                </Table.Td>
                <Table.Td>
                  <Badge
                    variant="dot"
                    color={ACTION_COLORS[entry.action] ?? 'gray'}
                    styles={{ root: { textTransform: 'none', overflow: 'visible' }, label: { overflow: 'visible' } }}
                    size="md"
                  >
                    {humanize(entry.action)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Guarded access={access} path={['auditLog', 'edges', i, 'node', 'subject']}>
                    <PersonCell person={entry.subject} fallback="—" />
                  </Guarded>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c="dimmed" miw={160} maw={260} title={entry.target ?? undefined}>
                    {describeTarget(entry.target) ?? '—'}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        </ConnectionTable>
      </Card>
    </Stack>
  );
}
