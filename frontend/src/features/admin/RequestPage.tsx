import {
  Alert,
  Anchor,
  Badge,
  Card,
  DataList,
  Grid,
  Group,
  Progress,
  Stack,
  Table,
  Text,
  Timeline,
  Title,
} from '@mantine/core';
import {
  IconArrowLeft,
  IconCalendarPlus,
  IconCheck,
  IconCircleDot,
  IconFileSearch,
  IconHourglass,
  IconId,
  IconInbox,
  IconShieldCheck,
  IconShieldQuestion,
  IconX,
} from '@tabler/icons-react';
import { useEffect, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { Empty, ErrorState, PageLoader } from '../../components/States';
import { formatDate, formatDateTime } from '../../lib/format';
import { usePartialQuery } from '../../lib/usePartialQuery';
import { AdminRequestQuery } from './queries/requests';
import { firstDue, isOpen, wasExtended } from './deadlines';
import { DSAR_KIND_LABELS, DSAR_STATUS, DueDate, OBJECTION_PURPOSE_LABELS, StatusBadge } from './labels';
import { CompleteForm, ExtendForm, RejectForm, type Request } from './RequestActions';
import { adminKeys } from './keys';

function Section({ title, children, icon }: { title: string; children: ReactNode; icon?: ReactNode }) {
  return (
    <Card withBorder radius="lg" padding="lg" component="section" aria-label={title}>
      <Group gap="xs" mb="md">
        {icon}
        <Title order={2} size="h4">
          {title}
        </Title>
      </Group>
      {children}
    </Card>
  );
}

function JsonRows({ value, caption }: { value: unknown; caption: string }) {
  if (!value || typeof value !== 'object') return <Text size="sm">—</Text>;
  const rows = Object.entries(value as Record<string, unknown>);
  return (
    <Table withTableBorder fz="sm" aria-label={caption}>
      <Table.Tbody>
        {rows.map(([key, v]) => (
          <Table.Tr key={key}>
            <Table.Th w="35%">{key}</Table.Th>
            <Table.Td>{typeof v === 'string' ? v : JSON.stringify(v)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Changes({ result }: { result: unknown }) {
  const changes = (result as { changes?: Record<string, { from?: unknown; to?: unknown }> } | null)?.changes;
  if (!changes) return null;
  return (
    <Table withTableBorder fz="sm" aria-label="Changes made">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Field</Table.Th>
          <Table.Th>Was</Table.Th>
          <Table.Th>Now</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {Object.entries(changes).map(([field, change]) => (
          <Table.Tr key={field}>
            <Table.Td>{field}</Table.Td>
            <Table.Td>{String(change.from ?? '—')}</Table.Td>
            <Table.Td>{String(change.to ?? '—')}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function IdentityCheck({ request }: { request: Request }) {
  if (request.verifiedAt && request.subject) {
    return (
      <Alert color="teal" variant="light" icon={<IconShieldCheck size={18} />} title="Identity verified">
        Verified {formatDateTime(request.verifiedAt)}
        {request.verifiedAt === request.receivedAt
          ? ': the requester was signed in and re-entered their password.'
          : ': the requester followed the single-use link sent to the account’s address.'}
      </Alert>
    );
  }
  if (request.verifiedAt) {
    return (
      <Alert color="red" variant="light" icon={<IconX size={18} />} title="No matching account">
        The link was followed {formatDateTime(request.verifiedAt)}, but no open account uses this address.
      </Alert>
    );
  }
  return (
    <Alert color="gray" variant="light" icon={<IconShieldQuestion size={18} />} title="Waiting for the requester">
      A single-use link was emailed to {request.requesterEmail ?? 'the address given'}. The request
      becomes actionable once they follow it; until then it names no account. Links expire after
      24 hours.
    </Alert>
  );
}

function History({ request }: { request: Request }) {
  const items: Array<{ key: string; title: string; at: string | null; icon: ReactNode; color?: string; body?: ReactNode }> = [
    {
      key: 'received',
      title: 'Received',
      at: request.receivedAt,
      icon: <IconInbox size={14} />,
      body: `Due by ${formatDate(firstDue(request.receivedAt).toISOString())} (one month).`,
    },
  ];
  if (request.verifiedAt) {
    items.push({ key: 'verified', title: 'Identity verified', at: request.verifiedAt, icon: <IconId size={14} /> });
  }
  if (wasExtended(request.receivedAt, request.dueAt)) {
    items.push({
      key: 'extended',
      title: 'Deadline extended',
      at: null,
      icon: <IconCalendarPlus size={14} />,
      color: 'orange',
      body: (
        <>
          New due date {formatDate(request.dueAt)}.
          {request.extensionReason && <> Reason given to the requester: “{request.extensionReason}”</>}
        </>
      ),
    });
  }
  if (request.status === 'IN_PROGRESS') {
    items.push({
      key: 'running',
      title: request.kind === 'ERASURE' ? 'Erasure running' : 'Export running',
      at: null,
      icon: <IconHourglass size={14} />,
      body: <Progress value={(request.progress ?? 0) * 100} aria-label="Progress" mt={6} animated />,
    });
  }
  if (request.status === 'COMPLETED') {
    items.push({ key: 'completed', title: 'Completed', at: request.completedAt ?? null, icon: <IconCheck size={14} />, color: 'teal' });
  }
  if (request.status === 'REJECTED') {
    items.push({
      key: 'rejected',
      title: 'Rejected',
      at: request.completedAt ?? null,
      icon: <IconX size={14} />,
      color: 'red',
      body: request.rejectionReason && `Reason: “${request.rejectionReason}”`,
    });
  }
  const open = isOpen(request.status);
  return (
    <Timeline active={items.length - 1} bulletSize={24} lineWidth={2} aria-label="History">
      {items.map((item) => (
        <Timeline.Item key={item.key} bullet={item.icon} title={item.title} color={item.color}>
          {item.at && (
            <Text size="xs" c="dimmed">
              {formatDateTime(item.at)}
            </Text>
          )}
          {item.body && (
            <Text size="sm" mt={4} component="div">
              {item.body}
            </Text>
          )}
        </Timeline.Item>
      ))}
      {open && (
        <Timeline.Item bullet={<IconCircleDot size={14} />} title="Answer due" lineVariant="dashed">
          <DueDate dueAt={request.dueAt} status={request.status} overdue={request.overdue} />
        </Timeline.Item>
      )}
    </Timeline>
  );
}

/** One data subject request: who, what, the identity check, its history, and the decisions. */
export function RequestPage() {
  const { id = '' } = useParams();
  const query = usePartialQuery(adminKeys.request(id), AdminRequestQuery, { id });
  const request = query.data?.data.dataSubjectRequest;
  // An export or erasure runs in the background: follow it until it ends.
  const running = request?.status === 'IN_PROGRESS';
  const { refetch } = query;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => void refetch(), 2000);
    return () => clearInterval(timer);
  }, [running, refetch]);
  const back = (
    <Anchor component={Link} to="/admin/requests" size="sm">
      <Group gap={4}>
        <IconArrowLeft size={14} /> All data requests
      </Group>
    </Anchor>
  );
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (!request) {
    return (
      <Stack>
        {back}
        <Empty icon={<IconFileSearch size={28} />} title="No such request" description="It may have been erased with its account." />
      </Stack>
    );
  }
  const open = isOpen(request.status);
  const kind = DSAR_KIND_LABELS[request.kind] ?? request.kind;
  return (
    <Stack gap="lg">
      {back}
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="md">
        <Stack gap={4}>
          <Text size="xs" fw={700} tt="uppercase" c="blue.7" style={{ letterSpacing: '0.06em' }}>
            Data request #{request.id.slice(0, 8)}
          </Text>
          <Title order={1} fz={{ base: 26, sm: 30 }}>
            {kind} request
          </Title>
          <Group gap="xs">
            <StatusBadge status={request.status} table={DSAR_STATUS} />
            {request.overdue && (
              <Badge color="red" variant="filled" radius="sm" style={{ textTransform: 'none' }}>
                Overdue
              </Badge>
            )}
          </Group>
        </Stack>
        <Card withBorder radius="md" padding="sm" data-testid="request-due">
          <Text size="xs" c="dimmed" mb={4}>
            {open ? 'Answer due' : 'Was due'}
          </Text>
          <DueDate dueAt={request.dueAt} status={request.status} overdue={request.overdue} />
        </Card>
      </Group>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="lg">
            <Section title="Request">
              <DataList orientation="horizontal" aria-label="Request details" style={{ overflowWrap: 'anywhere' }}>
                <DataList.Item>
                  <DataList.ItemLabel>Subject</DataList.ItemLabel>
                  <DataList.ItemValue>
                    {request.subject ? (
                      <Anchor component={Link} to={`/admin/users/${request.subject.id}`} size="sm">
                        {request.subject.name ?? request.subject.email}
                      </Anchor>
                    ) : (
                      <Text size="sm" c="dimmed">
                        No account yet
                      </Text>
                    )}
                  </DataList.ItemValue>
                </DataList.Item>
                <DataList.Item>
                  <DataList.ItemLabel>Requester’s email</DataList.ItemLabel>
                  <DataList.ItemValue>{request.requesterEmail ?? '—'}</DataList.ItemValue>
                </DataList.Item>
                <DataList.Item>
                  <DataList.ItemLabel>Kind</DataList.ItemLabel>
                  <DataList.ItemValue>{kind}</DataList.ItemValue>
                </DataList.Item>
                {request.purpose && (
                  <DataList.Item>
                    <DataList.ItemLabel>Objects to</DataList.ItemLabel>
                    <DataList.ItemValue>{OBJECTION_PURPOSE_LABELS[request.purpose] ?? request.purpose}</DataList.ItemValue>
                  </DataList.Item>
                )}
                <DataList.Item>
                  <DataList.ItemLabel>Received</DataList.ItemLabel>
                  <DataList.ItemValue>{formatDateTime(request.receivedAt)}</DataList.ItemValue>
                </DataList.Item>
                <DataList.Item>
                  <DataList.ItemLabel>Due</DataList.ItemLabel>
                  <DataList.ItemValue>{formatDateTime(request.dueAt)}</DataList.ItemValue>
                </DataList.Item>
                {request.completedAt && (
                  <DataList.Item>
                    <DataList.ItemLabel>{request.status === 'REJECTED' ? 'Rejected' : 'Completed'}</DataList.ItemLabel>
                    <DataList.ItemValue>{formatDateTime(request.completedAt)}</DataList.ItemValue>
                  </DataList.Item>
                )}
                <DataList.Item>
                  <DataList.ItemLabel>Details</DataList.ItemLabel>
                  <DataList.ItemValue style={{ whiteSpace: 'pre-wrap' }}>{request.details ?? '—'}</DataList.ItemValue>
                </DataList.Item>
                {request.internalNotes && (
                  <DataList.Item>
                    <DataList.ItemLabel>Internal note</DataList.ItemLabel>
                    <DataList.ItemValue style={{ whiteSpace: 'pre-wrap' }}>{request.internalNotes}</DataList.ItemValue>
                  </DataList.Item>
                )}
              </DataList>
              {request.waitingReason && open && (
                <Alert color="orange" variant="light" mt="md" icon={<IconHourglass size={18} />} title="Waiting">
                  {request.waitingReason}
                </Alert>
              )}
              {request.kind === 'RECTIFICATION' && (
                <Stack gap="xs" mt="md">
                  <Text size="sm" fw={600}>
                    {request.result ? 'What changed' : 'Corrections asked for'}
                  </Text>
                  {request.result ? <Changes result={request.result} /> : <JsonRows value={request.corrections} caption="Corrections asked for" />}
                </Stack>
              )}
            </Section>
            {(request.recipientNotices ?? []).length > 0 && (
              <Section title="Recipients notified">
                <Table withTableBorder fz="sm" aria-label="Recipients notified">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Recipient</Table.Th>
                      <Table.Th>From</Table.Th>
                      <Table.Th>Notified of</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {(request.recipientNotices ?? []).map((n) => (
                      <Table.Tr key={`${n.source}-${n.recipient}`}>
                        <Table.Td>{n.recipient}</Table.Td>
                        <Table.Td>{n.source === 'PROCESSOR' ? 'Processors register' : 'Disclosures log'}</Table.Td>
                        <Table.Td>
                          {n.action === 'ERASURE' ? 'Erasure' : 'Rectification'}, {formatDateTime(n.createdAt)}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Section>
            )}
            <Section title="Identity check">
              <IdentityCheck request={request} />
            </Section>
            <Section title="History">
              <History request={request} />
            </Section>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          {open ? (
            <Stack gap="lg">
              <Section title="Complete" icon={<IconCheck size={18} color="var(--mantine-color-teal-7)" />}>
                <CompleteForm request={request} />
              </Section>
              <Section title="Extend the deadline" icon={<IconCalendarPlus size={18} color="var(--mantine-color-orange-7)" />}>
                <ExtendForm key={request.dueAt} request={request} />
              </Section>
              <Section title="Reject" icon={<IconX size={18} color="var(--mantine-color-red-7)" />}>
                <RejectForm request={request} />
              </Section>
            </Stack>
          ) : (
            <Section title="Decision">
              <Text size="sm">
                {request.status === 'COMPLETED'
                  ? `Completed ${formatDateTime(request.completedAt)}. Nothing more to do.`
                  : `Rejected ${formatDateTime(request.completedAt)}: “${request.rejectionReason ?? ''}”`}
              </Text>
            </Section>
          )}
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
