import { Anchor, Badge, Button, Card, Group, Modal, Stack, Table, Text, Textarea, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLock, IconLockOpen } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, } from 'react-router';
import { FormAlert } from '../../components/FormAlert';
import { PageHeader } from '../../components/PageHeader';
import { ConnectionTable } from '../../components/ConnectionTable';
import { Empty, } from '../../components/States';
import type { AdminRestrictionsQuery as AdminRestrictionsResult } from '../../gql/graphql';
import { describeError } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { graphqlRequest } from '../../lib/graphql';
import { usePagedPartialQuery } from '../../lib/usePartialQuery';
import { AdminRestrictionsQuery, LiftRestrictionMutation } from './queries/rights';
import { adminKeys } from './keys';
import { DataTable } from '../../components/DataTable';
import { StandingSelect, useStandingFilter } from './StandingFilter';

const PAGE_SIZE = 25;
type Restriction = NonNullable<AdminRestrictionsResult['processingRestrictions']>['edges'][number]['node'];


function State({ restriction }: { restriction: Restriction }) {
  if (!restriction.active)
    return (
      <Badge variant="light" color="gray" radius="sm" style={{ textTransform: 'none' }}>
        Lifted {formatDateTime(restriction.liftsAt)}
      </Badge>
    );
  if (restriction.liftsAt)
    return (
      <Badge variant="light" color="yellow" radius="sm" style={{ textTransform: 'none' }}>
        Ends {formatDateTime(restriction.liftsAt)}
      </Badge>
    );
  return (
    <Badge variant="light" color="orange" radius="sm" style={{ textTransform: 'none' }}>
      Standing
    </Badge>
  );
}

/** Restrictions of processing (Art. 18): who asked, and lifting one with a reason. */
export function RestrictionsPage() {
  const queryClient = useQueryClient();
  const filter = useStandingFilter({ value: 'LIFTED', label: 'Lifted' });
  const { active } = filter;
  const { pager, query } = usePagedPartialQuery(
    (after) => adminKeys.restrictions(active, after),
    AdminRestrictionsQuery,
    (after) => ({ active, first: PAGE_SIZE, after }),
  );
  const connection = query.data?.data.processingRestrictions;
  const edges = connection?.edges ?? [];
  const [lifting, setLifting] = useState<Restriction | null>(null);
  const [reason, setReason] = useState('');
  const [failure, setFailure] = useState<string[]>([]);
  const lift = useMutation({
    mutationFn: (r: Restriction) => graphqlRequest(LiftRestrictionMutation, { id: r.id, reason }),
    onSuccess: ({ liftProcessingRestriction: payload }) => {
      if (payload.errors.length > 0) return setFailure(payload.errors.map((e) => e.message));
      setLifting(null);
      setReason('');
      void queryClient.invalidateQueries({ queryKey: adminKeys.restrictions() });
      notifications.show({ color: 'teal', message: `The person was emailed. The restriction ends ${formatDateTime(payload.restriction?.liftsAt)}.` });
    },
    onError: (error) => setFailure([describeError(error)]),
  });
  return (
    <Stack gap="lg">
      <PageHeader
        eyebrow="Admin console"
        title="Restrictions of processing"
        description="While one stands the person’s data is kept but not used: public images answer 451, no analytics or marketing, no profile changes by staff."
      />
      <Card withBorder radius="lg" padding="lg" component="section" aria-label="Restrictions">
        <Stack gap="md">
          <StandingSelect filter={filter} onChange={pager.reset} />
          <ConnectionTable
            query={query}
            connection={connection}
            skeleton={{ rows: 3, height: 48 }}
            notVisible="restrictions"
            empty={<Empty icon={<IconLock size={28} />} title="No restrictions here" headingOrder={3} />}
            paging={{ pager, pageSize: PAGE_SIZE, label: 'Restriction pages', noun: ['restriction', 'restrictions'] }}
          >
            <DataTable
              label="Restrictions of processing"
              minWidth={720}
              columns={['Person', 'Grounds', 'Placed', 'State', { key: 'actions', label: <VisuallyHidden>Actions</VisuallyHidden> }]}
            >
              {edges.map(({ node }) => (
                <Table.Tr key={node.id} data-testid="restriction-row">
                  <Table.Td>
                    {node.subject ? (
                      <Anchor component={Link} to={`/admin/users/${node.subject.id}`} size="sm" fw={600}>
                        {node.subject.name ?? node.subject.email}
                      </Anchor>
                    ) : (
                      <Text size="sm" c="dimmed">
                        Account gone
                      </Text>
                    )}
                    <Text size="xs" c="dimmed">
                      {node.subject?.email}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                      {node.grounds ?? '—'}
                    </Text>
                    {node.liftReason && (
                      <Text size="xs" c="dimmed">
                        Lifted because: {node.liftReason}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{formatDateTime(node.placedAt)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <State restriction={node} />
                  </Table.Td>
                  <Table.Td ta="right">
                    {node.active && !node.liftsAt && (
                      <Button
                        size="xs"
                        variant="default"
                        leftSection={<IconLockOpen size={14} />}
                        onClick={() => {
                          setFailure([]);
                          setLifting(node);
                        }}
                      >
                        Lift
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </DataTable>
          </ConnectionTable>
        </Stack>
      </Card>
      <Modal opened={lifting !== null} onClose={() => setLifting(null)} title="Lift this restriction?" centered>
        <form
          aria-label="Lift the restriction"
          onSubmit={(e) => {
            e.preventDefault();
            if (lifting) lift.mutate(lifting);
          }}
        >
          <Stack gap="sm">
            <Text size="sm">The person is emailed now with your reason; the restriction ends three days later.</Text>
            <FormAlert messages={failure} />
            <Textarea label="Reason" withAsterisk value={reason} onChange={(e) => setReason(e.currentTarget.value)} rows={2} />
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={() => setLifting(null)} disabled={lift.isPending}>
                Cancel
              </Button>
              <Button type="submit" color="red" loading={lift.isPending}>
                Lift restriction
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Stack>
  );
}
