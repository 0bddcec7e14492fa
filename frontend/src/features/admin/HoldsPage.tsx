import { Anchor, Badge, Button, Card, Group, Select, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconGavel, IconLockOpen } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, } from 'react-router';
import { AuditNotice } from '../../components/AuditNotice';
import { ConfirmModal } from '../../components/ConfirmModal';
import { FormAlert } from '../../components/FormAlert';
import { PageHeader } from '../../components/PageHeader';
import { ConnectionTable } from '../../components/ConnectionTable';
import { Empty, } from '../../components/States';
import type { AdminHoldsQuery as AdminHoldsResult } from '../../gql/graphql';
import { describeError } from '../../lib/errors';
import { formatDateTime, formatRelative } from '../../lib/format';
import { graphqlRequest } from '../../lib/graphql';
import { useFormErrors } from '../../lib/userErrors';
import { usePagedPartialQuery } from '../../lib/usePartialQuery';
import { AdminHoldsQuery, HoldSubjectSearchQuery, PlaceHoldMutation, ReleaseHoldMutation } from './queries/records';
import { adminKeys } from './keys';
import { DataTable } from '../../components/DataTable';
import { StandingSelect, useStandingFilter } from './StandingFilter';

export const HOLDS_PAGE_SIZE = 25;

type Hold = NonNullable<AdminHoldsResult['legalHolds']>['edges'][number]['node'];


function PlaceHoldForm() {
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const [userId, setUserId] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [reference, setReference] = useState('');
  const errors = useFormErrors(['userId', 'reason', 'reference']);
  const people = useQuery({
    queryKey: adminKeys.holdSubjects(debounced),
    queryFn: ({ signal }) => graphqlRequest(HoldSubjectSearchQuery, { search: debounced || null }, { signal }),
    enabled: debounced.length >= 2,
  });
  const options = (people.data?.users?.edges ?? []).map(({ node }) => ({
    value: node.id,
    label: node.name && node.email ? `${node.name} (${node.email})` : (node.email ?? node.name ?? node.id),
  }));
  const place = useMutation({
    mutationFn: () =>
      graphqlRequest(PlaceHoldMutation, {
        input: { userId: userId ?? '', reason, reference: reference.trim() || null },
      }),
    onSuccess: ({ placeLegalHold: payload }) => {
      if (payload.errors.length > 0) {
        errors.show(payload.errors);
        return;
      }
      setUserId(null);
      setSearch('');
      setReason('');
      setReference('');
      void queryClient.invalidateQueries({ queryKey: adminKeys.holds() });
      notifications.show({ color: 'teal', message: 'Hold placed. Erasure of this person’s data waits while it stands.' });
    },
    onError: errors.fail,
  });
  return (
    <form
      aria-label="Place a legal hold"
      onSubmit={(e) => {
        e.preventDefault();
        errors.clear();
        if (!userId) {
          errors.setField('userId', 'Choose the person whose data to hold.');
          return;
        }
        place.mutate();
      }}
    >
      <Stack gap="sm">
        <FormAlert messages={errors.general} />
        <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
          <Select
            label="Person"
            placeholder="Type a name or email"
            searchable
            withAsterisk
            data={options}
            value={userId}
            onChange={setUserId}
            searchValue={search}
            onSearchChange={setSearch}
            filter={({ options: all }) => all}
            nothingFoundMessage={debounced.length < 2 ? 'Type at least two letters' : people.isFetching ? 'Searching…' : 'Nobody matches'}
            error={errors.byField['userId']}
          />
          <Textarea
            label="Reason"
            withAsterisk
            rows={1}
            resize="vertical"
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={errors.byField['reason']}
          />
          <TextInput
            label="Reference"
            placeholder="Case, court order or ticket number"
            value={reference}
            onChange={(e) => setReference(e.currentTarget.value)}
            error={errors.byField['reference']}
          />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button type="submit" loading={place.isPending} leftSection={<IconGavel size={16} />}>
            Place hold
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function HoldRow({ hold, onRelease }: { hold: Hold; onRelease: (hold: Hold) => void }) {
  return (
    <Table.Tr data-testid="hold-row">
      <Table.Td>
        {hold.subject ? (
          <>
            <Anchor component={Link} to={`/admin/users/${hold.subject.id}`} size="sm" fw={600}>
              {hold.subject.name ?? hold.subject.email}
            </Anchor>
            <Text size="xs" c="dimmed">
              {hold.subject.email}
            </Text>
          </>
        ) : (
          <Text size="sm" c="dimmed">
            Account gone
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {hold.reason}
        </Text>
        {hold.reference && (
          <Text size="xs" c="dimmed">
            Ref. {hold.reference}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm">{formatDateTime(hold.placedAt)}</Text>
        <Text size="xs" c="dimmed">
          {formatRelative(hold.placedAt)}
        </Text>
      </Table.Td>
      <Table.Td miw={110}>
        {hold.releasedAt ? (
          <>
            <Badge variant="light" color="gray" radius="sm" style={{ textTransform: 'none' }}>
              Released
            </Badge>
            <Text size="xs" c="dimmed" mt={4}>
              {formatDateTime(hold.releasedAt)}
            </Text>
          </>
        ) : (
          <Badge variant="light" color="orange" radius="sm" style={{ textTransform: 'none' }}>
            Standing
          </Badge>
        )}
      </Table.Td>
      <Table.Td ta="right">
        {!hold.releasedAt && (
          <Button size="xs" variant="default" leftSection={<IconLockOpen size={14} />} onClick={() => onRelease(hold)}>
            Release
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** Legal holds: data that must be kept for a case, and erasure that waits for it. */
export function HoldsPage() {
  const queryClient = useQueryClient();
  const filter = useStandingFilter({ value: 'RELEASED', label: 'Released' });
  const { state, active } = filter;
  const { pager, query } = usePagedPartialQuery(
    (after) => adminKeys.holds(active, after),
    AdminHoldsQuery,
    (after) => ({ active, first: HOLDS_PAGE_SIZE, after }),
  );
  const connection = query.data?.data.legalHolds;
  const edges = connection?.edges ?? [];
  const [releasing, setReleasing] = useState<Hold | null>(null);
  const [releaseError, setReleaseError] = useState<string[]>([]);
  const release = useMutation({
    mutationFn: (hold: Hold) => graphqlRequest(ReleaseHoldMutation, { id: hold.id }),
    onSuccess: ({ releaseLegalHold: payload }) => {
      setReleasing(null);
      if (payload.errors.length > 0) return setReleaseError(payload.errors.map((e) => e.message));
      void queryClient.invalidateQueries({ queryKey: adminKeys.holds() });
      notifications.show({ color: 'teal', message: 'Hold released. A waiting erasure runs at the next housekeeping round, within minutes.' });
    },
    onError: (error) => {
      setReleasing(null);
      setReleaseError([describeError(error)]);
    },
  });
  return (
    <Stack gap="lg">
      <PageHeader
        eyebrow="Admin console"
        title="Legal holds"
        description="While a hold stands, erasure of that person’s data waits, and their requests say so."
      />
      <AuditNotice title="Holds name people">Listing holds is written to the audit log, one entry per person listed.</AuditNotice>
      <Card withBorder radius="lg" padding="lg" component="section" aria-label="Holds">
        <Stack gap="md">
          <StandingSelect filter={filter} onChange={pager.reset} />
          <FormAlert messages={releaseError} />
          <ConnectionTable
            query={query}
            connection={connection}
            skeleton={{ rows: 3, height: 48 }}
            notVisible="legal holds"
            empty={
              <Empty
                icon={<IconGavel size={28} />}
                title={state === 'ACTIVE' ? 'No standing holds' : 'No holds here'}
                description={state === 'ACTIVE' ? 'Nobody’s data is held: erasure runs as soon as it is asked for.' : undefined}
                headingOrder={3}
              />
            }
            paging={{ pager, pageSize: HOLDS_PAGE_SIZE, label: 'Hold pages', noun: ['hold', 'holds'] }}
          >
            <DataTable
              label="Legal holds"
              minWidth={720}
              columns={['Person', 'Reason', 'Placed', 'State', { key: 'actions', label: <VisuallyHidden>Actions</VisuallyHidden> }]}
            >
              {edges.map(({ node }) => (
                <HoldRow
                  key={node.id}
                  hold={node}
                  onRelease={(hold) => {
                    setReleaseError([]);
                    setReleasing(hold);
                  }}
                />
              ))}
            </DataTable>
          </ConnectionTable>
        </Stack>
      </Card>
      <Card withBorder radius="lg" padding="lg" component="section" aria-label="Place a legal hold">
        <Title order={2} size="h4" mb="md">
          Place a hold
        </Title>
        <PlaceHoldForm />
      </Card>
      <ConfirmModal
        opened={releasing !== null}
        title="Release this hold?"
        confirmLabel="Release hold"
        loading={release.isPending}
        onClose={() => setReleasing(null)}
        onConfirm={() => releasing && release.mutate(releasing)}
      >
        {`The data of ${releasing?.subject?.name ?? 'this person'} is no longer held. An erasure that waited for it runs within minutes.`}
      </ConfirmModal>
    </Stack>
  );
}
