import { Alert, Anchor, Badge, Button, Card, Group, PasswordInput, Select, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconHandStop, IconLock, IconScale } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormAlert } from '../../components/FormAlert';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, ListSkeleton } from '../../components/States';
import type { MyRightsQuery as MyRightsResult, ObjectionPurpose } from '../../gql/graphql';
import { formatDate, formatDateTime } from '../../lib/format';
import { graphqlRequest } from '../../lib/graphql';
import { useFormErrors } from '../../lib/userErrors';
import { MyRightsQuery, SubmitRightsRequestMutation } from './rightsQueries';
import { privacyKeys } from './keys';


const PURPOSES: Array<{ value: ObjectionPurpose; label: string }> = [
  { value: 'MARKETING_EMAIL', label: 'Marketing email (takes effect at once)' },
  { value: 'ANALYTICS', label: 'Analytics of how I use Pixvault' },
  { value: 'OTHER', label: 'Another use, on grounds I give' },
];

const PURPOSE_WORDS: Record<string, string> = {
  MARKETING_EMAIL: 'marketing email',
  ANALYTICS: 'analytics',
  OTHER: 'another use',
};

const STATUS_WORDS: Record<string, string> = {
  AWAITING_VERIFICATION: 'Awaiting your confirmation',
  VERIFIED: 'With our privacy team',
  IN_PROGRESS: 'In progress',
  COMPLETED: 'Done',
  REJECTED: 'Declined',
};

type Restriction = NonNullable<MyRightsResult['processingRestrictions']>['edges'][number]['node'];

function RestrictionCard({ restriction }: { restriction: Restriction | undefined }) {
  if (!restriction) return null;
  const ending = restriction.active && restriction.liftsAt;
  return (
    <Alert
      color={restriction.active ? 'orange' : 'gray'}
      variant="light"
      icon={<IconLock size={18} />}
      title={restriction.active ? 'Processing of your data is restricted' : 'Your restriction was lifted'}
      data-testid="restriction-status"
    >
      <Stack gap={4}>
        <Text size="sm">
          Since {formatDateTime(restriction.placedAt)}. We keep your data but do not use it: your public images are not shown to
          others, and you get no analytics or marketing. You can still sign in, see and download your data.
        </Text>
        {ending && (
          <Text size="sm" fw={600}>
            It will be lifted on {formatDateTime(restriction.liftsAt)}. Why: {restriction.liftReason}
          </Text>
        )}
        {!restriction.active && restriction.liftReason && <Text size="sm">Why it was lifted: {restriction.liftReason}</Text>}
      </Stack>
    </Alert>
  );
}

function RequestForm({ kind }: { kind: 'RESTRICTION' | 'OBJECTION' }) {
  const queryClient = useQueryClient();
  const [purpose, setPurpose] = useState<string | null>(kind === 'OBJECTION' ? 'MARKETING_EMAIL' : null);
  const [details, setDetails] = useState('');
  const [password, setPassword] = useState('');
  const errors = useFormErrors(['password', 'details', 'purpose']);
  const submit = useMutation({
    mutationFn: () =>
      graphqlRequest(SubmitRightsRequestMutation, {
        input: {
          kind,
          password,
          details: details.trim() || null,
          purpose: kind === 'OBJECTION' ? (PURPOSES.find((p) => p.value === purpose)?.value ?? null) : null,
        },
      }),
    onSuccess: ({ submitDataSubjectRequest: payload }) => {
      if (payload.errors.length > 0) {
        errors.show(payload.errors);
        return;
      }
      setPassword('');
      setDetails('');
      void queryClient.invalidateQueries({ queryKey: privacyKeys.rights() });
      const done = payload.request?.status === 'COMPLETED';
      notifications.show({
        color: 'teal',
        message: done
          ? kind === 'RESTRICTION'
            ? 'Processing of your data is now restricted.'
            : 'Your objection has taken effect.'
          : 'Your request is with our privacy team. We answer within one month.',
      });
    },
    onError: errors.fail,
  });
  const title = kind === 'RESTRICTION' ? 'Restrict the processing of my data' : 'Object to a use of my data';
  return (
    <form
      aria-label={title}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        errors.clear();
        if (!password) {
          errors.setField('password', 'Enter your current password.');
          return;
        }
        submit.mutate();
      }}
    >
      <Stack gap="sm">
        <FormAlert messages={errors.general} />
        {kind === 'OBJECTION' && (
          <Select
            label="What do you object to?"
            data={PURPOSES}
            value={purpose}
            allowDeselect={false}
            onChange={setPurpose}
            error={errors.byField.purpose}
          />
        )}
        <Textarea
          label={kind === 'RESTRICTION' ? 'Why (optional)' : purpose === 'OTHER' ? 'Your grounds' : 'Anything to add (optional)'}
          description={
            kind === 'RESTRICTION' ? 'For example: you contest the accuracy of your data, or you objected and await our answer.' : undefined
          }
          value={details}
          onChange={(e) => setDetails(e.currentTarget.value)}
          error={errors.byField.details}
          resize="vertical"
          rows={2}
        />
        <PasswordInput
          label="Your current password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={errors.byField.password}
          maw={420}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={submit.isPending} color={kind === 'RESTRICTION' ? 'orange' : 'blue'}>
            {kind === 'RESTRICTION' ? 'Restrict processing' : 'Send objection'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** "Restrict or object": the rights of Articles 18 and 21, and where to complain. */
export function RightsPage() {
  const query = useQuery({ queryKey: privacyKeys.rights(), queryFn: ({ signal }) => graphqlRequest(MyRightsQuery, {}, { signal }) });
  const restrictions = (query.data?.processingRestrictions?.edges ?? []).map((e) => e.node);
  const standing = restrictions.find((r) => r.active) ?? restrictions[0];
  const requests = (query.data?.me?.dataSubjectRequests ?? [])
    .filter((r) => r.kind === 'OBJECTION' || r.kind === 'RESTRICTION')
    .sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
  const authority = query.data?.supervisoryAuthority;
  const told = (query.data?.me?.dataSubjectRequests ?? []).flatMap((r) =>
    r.kind === 'RECTIFICATION' ? (r.recipientNotices ?? []).map((n) => ({ ...n, requestId: r.id })) : [],
  );
  return (
    <Stack gap="lg" maw={820}>
      <PageHeader
        eyebrow="Privacy centre"
        title="Restrict or object"
        description="Ask us to keep your data but stop using it, or object to a use of it."
      />
      {query.isPending ? (
        <ListSkeleton rows={2} height={80} />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <>
          <RestrictionCard restriction={standing} />
          {requests.length > 0 && (
            <Card withBorder radius="lg" padding="lg" component="section" aria-label="Your restrictions and objections">
              <Title order={2} fz="lg" mb="sm">
                Your restrictions and objections
              </Title>
              <Table fz="sm" aria-label="Your restrictions and objections">
                <Table.Tbody>
                  {requests.map((r) => (
                    <Table.Tr key={r.id} data-testid="rights-request">
                      <Table.Td>{r.kind === 'RESTRICTION' ? 'Restriction' : `Objection: ${PURPOSE_WORDS[r.purpose ?? ''] ?? 'other'}`}</Table.Td>
                      <Table.Td>{formatDate(r.receivedAt)}</Table.Td>
                      <Table.Td>
                        <Badge variant="light" radius="sm" style={{ textTransform: 'none' }}>
                          {STATUS_WORDS[r.status] ?? r.status}
                        </Badge>
                        {r.rejectionReason && <Text size="xs">Why: {r.rejectionReason}</Text>}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Card>
          )}
          {!standing?.active && (
            <Card withBorder radius="lg" padding="lg" component="section" aria-label="Restrict processing">
              <Group gap="xs" mb="sm">
                <IconLock size={20} aria-hidden="true" />
                <Title order={2} fz="lg">
                  Restrict the processing of my data
                </Title>
              </Group>
              <RequestForm kind="RESTRICTION" />
            </Card>
          )}
          <Card withBorder radius="lg" padding="lg" component="section" aria-label="Object">
            <Group gap="xs" mb="sm">
              <IconHandStop size={20} aria-hidden="true" />
              <Title order={2} fz="lg">
                Object to a use of my data
              </Title>
            </Group>
            <RequestForm kind="OBJECTION" />
          </Card>
          {told.length > 0 && (
            <Card withBorder radius="lg" padding="lg" component="section" aria-label="Who was told of your corrections">
              <Title order={2} fz="lg" mb="xs">
                Who was told of your corrections
              </Title>
              <Text size="sm" c="dimmed" mb="sm">
                Everyone who received your data is told when we correct it.
              </Text>
              <Table fz="sm" aria-label="Who was told of your corrections">
                <Table.Tbody>
                  {told.map((n) => (
                    <Table.Tr key={`${n.requestId}-${n.source}-${n.recipient}`}>
                      <Table.Td>{n.recipient}</Table.Td>
                      <Table.Td>{n.source === 'PROCESSOR' ? 'Service provider' : 'Third party'}</Table.Td>
                      <Table.Td>{formatDate(n.createdAt)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Card>
          )}
          <Card withBorder radius="lg" padding="lg" component="section" aria-label="Complaints">
            <Group gap="xs" mb="xs">
              <IconScale size={20} aria-hidden="true" />
              <Title order={2} fz="lg">
                Complaints
              </Title>
            </Group>
            <Text size="sm" data-testid="supervisory-authority">
              If you are unhappy with how we handle your data, you may complain to{' '}
              {authority ? (
                authority.url ? (
                  <Anchor href={authority.url} target="_blank" rel="noreferrer">
                    {authority.name ?? authority.url}
                  </Anchor>
                ) : (
                  authority.name
                )
              ) : (
                'your data protection authority'
              )}
              .
            </Text>
          </Card>
        </>
      )}
    </Stack>
  );
}
