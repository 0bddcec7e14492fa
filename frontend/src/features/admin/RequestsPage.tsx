import { Anchor, Card, Group, Select, Stack, Table, Text } from '@mantine/core';
import { IconInbox } from '@tabler/icons-react';
import { Link, useSearchParams } from 'react-router';
import { AuditNotice } from '../../components/AuditNotice';
import { PageHeader } from '../../components/PageHeader';
import { ConnectionTable } from '../../components/ConnectionTable';
import { Empty, } from '../../components/States';
import type { DsarStatus } from '../../gql/graphql';
import { formatDate } from '../../lib/format';
import { usePagedPartialQuery } from '../../lib/usePartialQuery';
import { AdminRequestsQuery } from './queries/requests';
import { DSAR_KIND_LABELS, DSAR_STATUS, DueDate, StatusBadge } from './labels';
import { adminKeys } from './keys';
import { DataTable } from '../../components/DataTable';

export const REQUESTS_PAGE_SIZE = 25;

const FILTERS: Array<{ value: string; label: string }> = [
  { value: 'ALL', label: 'All' },
  { value: 'AWAITING_VERIFICATION', label: 'Awaiting check' },
  { value: 'VERIFIED', label: 'Verified' },
  { value: 'IN_PROGRESS', label: 'In progress' },
  { value: 'COMPLETED', label: 'Completed' },
  { value: 'REJECTED', label: 'Rejected' },
];

/** The privacy officer's queue of data subject requests, soonest due first. */
export function RequestsPage() {
  const [params, setParams] = useSearchParams();
  const filter = FILTERS.some((f) => f.value === params.get('status')) ? params.get('status')! : 'ALL';
  const status = filter === 'ALL' ? null : (filter as DsarStatus);
  const { pager, query } = usePagedPartialQuery(
    (after) => adminKeys.requests(status, after),
    AdminRequestsQuery,
    (after) => ({ status, first: REQUESTS_PAGE_SIZE, after }),
  );
  const connection = query.data?.data.dataSubjectRequests;
  const edges = connection?.edges ?? [];
  const overdue = edges.filter((e) => e.node.overdue).length;

  return (
    <Stack gap="lg">
      <PageHeader
        eyebrow="Admin console"
        title="Data requests"
        description="Access, rectification and erasure requests, the soonest due first. Each must be answered within a month of receipt, or by its extended date."
      />
      <AuditNotice title="Requests name people">
        Opening a request shows who asked and what they asked for. Answer it by its due date, or
        extend it with a reason the requester is told.
      </AuditNotice>
      <Card withBorder radius="lg" padding="lg">
        <Stack gap="md">
          <Group justify="space-between" wrap="wrap" gap="sm">
            <Select
              label="Status"
              data={FILTERS}
              value={filter}
              allowDeselect={false}
              w={240}
              onChange={(value) => {
                pager.reset();
                setParams(!value || value === 'ALL' ? {} : { status: value }, { replace: true });
              }}
            />
            {overdue > 0 && (
              <Text size="sm" c="red.8" fw={600}>
                {overdue === 1 ? '1 request on this page is overdue' : `${overdue} requests on this page are overdue`}
              </Text>
            )}
          </Group>
          <ConnectionTable
            query={query}
            connection={connection}
            skeleton={{ rows: 5, height: 52 }}
            notVisible="the queue of data requests"
            empty={
              <Empty
                icon={<IconInbox size={28} />}
                title={status ? 'No requests with this status' : 'No data requests yet'}
                description="Requests people file from their privacy centre or by email appear here."
                headingOrder={3}
              />
            }
            paging={{ pager, pageSize: REQUESTS_PAGE_SIZE, label: 'Request pages', noun: ['request', 'requests'] }}
          >
            <DataTable
              label="Data requests"
              minWidth={820}
              highlightOnHover
              columns={['Request', 'Subject', 'Status', 'Received', 'Due']}
            >
              {edges.map(({ node: r }) => (
                <Table.Tr
                  key={r.id}
                  data-testid="request-row"
                  style={r.overdue ? { boxShadow: 'inset 4px 0 0 var(--mantine-color-red-6)' } : undefined}
                >
                  <Table.Td>
                    <Anchor component={Link} to={`/admin/requests/${r.id}`} fw={600} size="sm">
                      {DSAR_KIND_LABELS[r.kind] ?? r.kind}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      #{r.id.slice(0, 8)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {r.subject?.name ?? r.requesterEmail ?? 'Unknown requester'}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {r.subject?.email ?? (r.subject ? null : 'No account matched yet')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge status={r.status} table={DSAR_STATUS} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{formatDate(r.receivedAt)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <DueDate dueAt={r.dueAt} status={r.status} overdue={r.overdue} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </DataTable>
          </ConnectionTable>
        </Stack>
      </Card>
    </Stack>
  );
}
