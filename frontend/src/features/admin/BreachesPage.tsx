import { Badge, Button, Card, Group, SegmentedControl, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconBuildingCommunity, IconMailForward, IconShieldExclamation } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormAlert } from '../../components/FormAlert';
import { PageHeader } from '../../components/PageHeader';
import { ConnectionTable } from '../../components/ConnectionTable';
import { Empty, } from '../../components/States';
import type { AdminBreachesQuery as AdminBreachesResult } from '../../gql/graphql';
import { formatDateTime } from '../../lib/format';
import { graphqlRequest } from '../../lib/graphql';
import { useFormErrors } from '../../lib/userErrors';
import { usePagedPartialQuery } from '../../lib/usePartialQuery';
import { AdminBreachesQuery, NotifyAuthorityMutation, NotifyBreachSubjectsMutation, RecordBreachMutation } from './queries/rights';
import { adminKeys } from './keys';
import { DataTable } from '../../components/DataTable';

const PAGE_SIZE = 25;
type Breach = NonNullable<AdminBreachesResult['breaches']>['edges'][number]['node'];

/** "in 5 h 12 min" or "overdue by 3 h": the 72-hour clock in words. */
export function clockWords(secondsLeft: number): string {
  const span = Math.abs(secondsLeft);
  const hours = Math.floor(span / 3600);
  const minutes = Math.floor((span % 3600) / 60);
  const text = hours > 0 ? `${hours} h ${minutes} min` : `${minutes} min`;
  return secondsLeft < 0 ? `overdue by ${text}` : `${text} left`;
}

/** A datetime-local value (the browser's local time) as an ISO time with its offset. */
function toIso(local: string): string | null {
  if (!local) return null;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function AuthorityClock({ breach }: { breach: Breach }) {
  if (breach.authorityNotifiedAt)
    return (
      <Stack gap={2}>
        <Badge variant="light" color="teal" radius="sm" style={{ textTransform: 'none' }}>
          Authority told
        </Badge>
        <Text size="xs" c="dimmed">
          {formatDateTime(breach.authorityNotifiedAt)}
          {breach.authorityReference ? `, ref. ${breach.authorityReference}` : ''}
        </Text>
      </Stack>
    );
  const left = breach.authoritySecondsLeft ?? 0;
  return (
    <Stack gap={2}>
      <Badge
        variant="light"
        color={breach.authorityOverdue ? 'red' : left < 12 * 3600 ? 'orange' : 'blue'}
        radius="sm"
        leftSection={breach.authorityOverdue ? <IconAlertTriangle size={12} /> : undefined}
        style={{ textTransform: 'none' }}
        data-testid="authority-clock"
      >
        {breach.authorityOverdue ? 'Overdue: ' : ''}
        {clockWords(left)}
      </Badge>
      <Text size="xs" c="dimmed">
        Due {formatDateTime(breach.authorityDueAt)}
      </Text>
    </Stack>
  );
}

function BreachActions({ breach }: { breach: Breach }) {
  const queryClient = useQueryClient();
  const [reference, setReference] = useState('');
  const [notice, setNotice] = useState('');
  const errors = useFormErrors(['reference', 'notice']);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: adminKeys.breaches() });
  const authority = useMutation({
    mutationFn: () => graphqlRequest(NotifyAuthorityMutation, { id: breach.id, reference: reference.trim() || null }),
    onSuccess: ({ recordBreachAuthorityNotification: payload }) => {
      if (payload.errors.length > 0) return errors.show(payload.errors);
      refresh();
      notifications.show({ color: 'teal', message: 'Recorded: the authority was notified.' });
    },
    onError: errors.fail,
  });
  const people = useMutation({
    mutationFn: () => graphqlRequest(NotifyBreachSubjectsMutation, { id: breach.id, notice }),
    onSuccess: ({ notifyBreachSubjects: payload }) => {
      if (payload.errors.length > 0) return errors.show(payload.errors);
      refresh();
      notifications.show({ color: 'teal', message: 'Each affected person is being emailed once.' });
    },
    onError: errors.fail,
  });
  return (
    <Stack gap="xs">
      <FormAlert messages={errors.general} />
      {!breach.authorityNotifiedAt && (
        <Group align="flex-end" gap="xs">
          <TextInput
            size="xs"
            label="Authority's reference"
            value={reference}
            onChange={(e) => setReference(e.currentTarget.value)}
            error={errors.byField.reference}
          />
          <Button size="xs" leftSection={<IconBuildingCommunity size={14} />} loading={authority.isPending} onClick={() => authority.mutate()}>
            Authority notified
          </Button>
        </Group>
      )}
      {breach.peopleNoticeRequestedAt ? (
        <Text size="xs" data-testid="people-notified">
          {breach.notifiedCount} of {breach.affectedCount} people emailed
        </Text>
      ) : (
        <Stack gap={4}>
          <Textarea
            size="xs"
            label="What to tell the affected people"
            description="The likely consequences, what you did, what they can do."
            value={notice}
            onChange={(e) => setNotice(e.currentTarget.value)}
            error={errors.byField.notice}
            resize="vertical"
            rows={2}
          />
          <Group justify="flex-end">
            <Button size="xs" color="orange" leftSection={<IconMailForward size={14} />} loading={people.isPending} onClick={() => people.mutate()}>
              Email the {breach.affectedCount} affected
            </Button>
          </Group>
        </Stack>
      )}
    </Stack>
  );
}

function RecordBreachForm() {
  const queryClient = useQueryClient();
  const [description, setDescription] = useState('');
  const [discovered, setDiscovered] = useState('');
  const [categories, setCategories] = useState('');
  const [by, setBy] = useState<'WINDOW' | 'ASSETS'>('WINDOW');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [assets, setAssets] = useState('');
  const errors = useFormErrors(['description', 'discoveredAt', 'dataCategories', 'signedInFrom', 'signedInTo', 'assetIds']);
  const record = useMutation({
    mutationFn: () =>
      graphqlRequest(RecordBreachMutation, {
        input: {
          description,
          discoveredAt: toIso(discovered) ?? '',
          dataCategories: categories.split(',').map((c) => c.trim()).filter(Boolean),
          ...(by === 'WINDOW'
            ? { signedInFrom: toIso(from), signedInTo: toIso(to) }
            : { assetIds: assets.split(/[\s,]+/).filter(Boolean) }),
        },
      }),
    onSuccess: ({ recordBreach: payload }) => {
      if (payload.errors.length > 0) return errors.show(payload.errors);
      setDescription('');
      setCategories('');
      setAssets('');
      void queryClient.invalidateQueries({ queryKey: adminKeys.breaches() });
      notifications.show({ color: 'teal', message: `Breach recorded: ${payload.breach?.affectedCount ?? 0} people affected.` });
    },
    onError: errors.fail,
  });
  return (
    <form
      aria-label="Record a breach"
      onSubmit={(e) => {
        e.preventDefault();
        errors.clear();
        if (!toIso(discovered)) return errors.setField('discoveredAt', 'When was it discovered?');
        record.mutate();
      }}
    >
      <Stack gap="sm">
        <FormAlert messages={errors.general} />
        <Textarea label="What happened" withAsterisk value={description} onChange={(e) => setDescription(e.currentTarget.value)} error={errors.byField.description} rows={2} />
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <TextInput label="Discovered" type="datetime-local" withAsterisk value={discovered} onChange={(e) => setDiscovered(e.currentTarget.value)} error={errors.byField.discoveredAt} />
          <TextInput label="Kinds of data" description="Separated by commas" withAsterisk value={categories} onChange={(e) => setCategories(e.currentTarget.value)} error={errors.byField.dataCategories} />
        </SimpleGrid>
        <SegmentedControl
          aria-label="Choose the affected people"
          value={by}
          onChange={(v) => setBy(v as 'WINDOW' | 'ASSETS')}
          data={[
            { value: 'WINDOW', label: 'Everyone who signed in between' },
            { value: 'ASSETS', label: 'Owners of these assets' },
          ]}
        />
        {by === 'WINDOW' ? (
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <TextInput label="From" type="datetime-local" value={from} onChange={(e) => setFrom(e.currentTarget.value)} error={errors.byField.signedInFrom} />
            <TextInput label="To" type="datetime-local" value={to} onChange={(e) => setTo(e.currentTarget.value)} error={errors.byField.signedInTo} />
          </SimpleGrid>
        ) : (
          <Textarea label="Asset ids" value={assets} onChange={(e) => setAssets(e.currentTarget.value)} error={errors.byField.assetIds} rows={2} />
        )}
        <Group justify="flex-end">
          <Button type="submit" color="red" loading={record.isPending} leftSection={<IconShieldExclamation size={16} />}>
            Record breach
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The breach register: the 72-hour clock to the authority, and telling the people affected. */
export function BreachesPage() {
  const { pager, query } = usePagedPartialQuery(
    (after) => adminKeys.breaches(after),
    AdminBreachesQuery,
    (after) => ({ first: PAGE_SIZE, after }),
  );
  const connection = query.data?.data.breaches;
  const edges = connection?.edges ?? [];
  return (
    <Stack gap="lg">
      <PageHeader
        eyebrow="Admin console"
        title="Breach register"
        description="Personal data breaches: the supervisory authority must be told within 72 hours of discovery, and the people at high risk without undue delay."
      />
      <Card withBorder radius="lg" padding="lg" component="section" aria-label="Breaches">
        <ConnectionTable
          query={query}
          connection={connection}
          skeleton={{ rows: 3, height: 64 }}
          notVisible="breaches"
          empty={<Empty icon={<IconShieldExclamation size={28} />} title="No breaches recorded" headingOrder={3} />}
          paging={{ pager, pageSize: PAGE_SIZE, label: 'Breach pages', noun: ['breach', 'breaches'] }}
        >
          <DataTable
            label="Breach register"
            minWidth={880}
            columns={['What happened', 'Discovered', 'Authority (72 h)', 'People']}
          >
            {edges.map(({ node }) => (
              <Table.Tr key={node.id} data-testid="breach-row">
                <Table.Td maw={320}>
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    {node.description}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {node.dataCategories.join(', ')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{formatDateTime(node.discoveredAt)}</Text>
                </Table.Td>
                <Table.Td>
                  <AuthorityClock breach={node} />
                </Table.Td>
                <Table.Td miw={300}>
                  <Text size="sm" fw={600}>
                    {node.affectedCount} affected
                  </Text>
                  <BreachActions breach={node} />
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        </ConnectionTable>
      </Card>
      <Card withBorder radius="lg" padding="lg" component="section" aria-label="Record a breach">
        <Title order={2} size="h4" mb="md">
          Record a breach
        </Title>
        <RecordBreachForm />
      </Card>
    </Stack>
  );
}
