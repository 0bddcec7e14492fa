import { Anchor, Badge, Button, Card, Group, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp, IconCheck, IconMail, IconUser } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { AuditNotice } from '../../components/AuditNotice';
import { FormAlert } from '../../components/FormAlert';
import { PageHeader } from '../../components/PageHeader';
import { SectionNotVisible } from '../../components/Restricted';
import { Empty, ErrorState, ListSkeleton } from '../../components/States';
import type { AdminMessagesQuery as AdminMessagesResult, ContactTopic } from '../../gql/graphql';
import { describeError } from '../../lib/errors';
import { formatDateTime, formatRelative } from '../../lib/format';
import { graphqlRequest } from '../../lib/graphql';
import { hasAnyRole, PRIVACY_QUEUE_ROLES } from '../../lib/roles';
import { useMe } from '../../lib/useMe';
import { usePartialQuery } from '../../lib/usePartialQuery';
import { AdminMessagesQuery, MarkMessageHandledMutation } from './queries/safety';
import { TOPIC_LABELS } from './labels';
import { adminKeys } from './keys';

export const MESSAGES_LIMIT = 100;

type Message = NonNullable<AdminMessagesResult['contactMessages']>[number];

const STATES = [
  { value: 'OPEN', label: 'Unhandled' },
  { value: 'HANDLED', label: 'Handled' },
  { value: 'ALL', label: 'All' },
];

const TOPIC_COLORS: Record<string, string> = { GENERAL: 'gray', SUPPORT: 'blue', BILLING: 'grape', PRIVACY: 'teal' };

function MessageCard({ message }: { message: Message }) {
  const queryClient = useQueryClient();
  const [errors, setErrors] = useState<string[]>([]);
  const mark = useMutation({
    mutationFn: (handled: boolean) => graphqlRequest(MarkMessageHandledMutation, { id: message.id, handled }),
    onSuccess: ({ markContactMessageHandled: payload }, handled) => {
      if (payload.errors.length > 0) return setErrors(payload.errors.map((e) => e.message));
      void queryClient.invalidateQueries({ queryKey: adminKeys.messages() });
      notifications.show({ color: 'teal', message: handled ? 'Marked handled.' : 'Opened again.' });
    },
    onError: (error) => setErrors([describeError(error)]),
  });
  return (
    <Card withBorder radius="lg" padding="lg" component="article" aria-label={message.subject} data-testid="message-card">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
          <Stack gap={2} style={{ minWidth: 0, flex: '1 1 260px' }}>
            <Text fw={600}>{message.subject}</Text>
            <Text size="sm" c="dimmed">
              {message.name} ·{' '}
              <Anchor href={`mailto:${message.email}`} size="sm">
                {message.email}
              </Anchor>
              {message.user && (
                <>
                  {' · '}
                  <Anchor component={Link} to={`/admin/users/${message.user.id}`} size="sm">
                    <IconUser size={12} style={{ verticalAlign: -1 }} /> their account
                  </Anchor>
                </>
              )}
            </Text>
          </Stack>
          <Group gap="xs">
            <Badge variant="light" color={TOPIC_COLORS[message.topic] ?? 'gray'} radius="sm" style={{ textTransform: 'none' }}>
              {TOPIC_LABELS[message.topic] ?? message.topic}
            </Badge>
            {message.handled ? (
              <Badge variant="light" color="teal" radius="sm" leftSection={<IconCheck size={12} />} style={{ textTransform: 'none' }}>
                Handled
              </Badge>
            ) : (
              <Badge variant="outline" color="orange" radius="sm" style={{ textTransform: 'none' }}>
                Unhandled
              </Badge>
            )}
          </Group>
        </Group>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {message.message}
        </Text>
        <FormAlert messages={errors} />
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Text size="xs" c="dimmed">
            Received {formatRelative(message.createdAt)} ({formatDateTime(message.createdAt)})
            {message.handledAt && ` · handled ${formatDateTime(message.handledAt)}`}
          </Text>
          {message.handled ? (
            <Button size="xs" variant="default" leftSection={<IconArrowBackUp size={14} />} loading={mark.isPending} onClick={() => mark.mutate(false)}>
              Open again
            </Button>
          ) : (
            <Button size="xs" variant="light" color="teal" leftSection={<IconCheck size={14} />} loading={mark.isPending} onClick={() => mark.mutate(true)}>
              Mark handled
            </Button>
          )}
        </Group>
      </Stack>
    </Card>
  );
}

/** Messages sent through the contact form, by topic; PRIVACY only for the privacy officer and admins. */
export function MessagesPage() {
  const me = useMe();
  const seesPrivacy = hasAnyRole(me.data?.roles, PRIVACY_QUEUE_ROLES);
  const topics = Object.keys(TOPIC_LABELS).filter((t) => seesPrivacy || t !== 'PRIVACY');
  const [params, setParams] = useSearchParams();
  const topicParam = params.get('topic');
  const topic = topicParam && topics.includes(topicParam) ? (topicParam as ContactTopic) : null;
  const stateParam = params.get('state');
  const state = STATES.some((s) => s.value === stateParam) ? stateParam! : 'OPEN';
  const handled = state === 'ALL' ? null : state === 'HANDLED';
  const query = usePartialQuery(
    adminKeys.messages(topic, handled),
    AdminMessagesQuery,
    { topic, handled, first: MESSAGES_LIMIT },
    { keepPrevious: true },
  );
  const messages = query.data?.data.contactMessages;
  const set = (key: string, value: string | null, fallback: string) => {
    const next = new URLSearchParams(params);
    if (!value || value === fallback) next.delete(key);
    else next.set(key, value);
    setParams(next, { replace: true });
  };
  return (
    <Stack gap="lg">
      <PageHeader
        eyebrow="Admin console"
        title="Contact messages"
        description={
          seesPrivacy
            ? 'Messages from the contact form, newest first. Privacy messages are the privacy officer’s queue.'
            : 'Messages from the contact form, newest first. Privacy messages go to the privacy officer.'
        }
      />
      <AuditNotice title="Reading a customer’s message is audited">
        Messages from signed-in customers are personal data of their account: each read is written to
        the audit log.
      </AuditNotice>
      <Group gap="md" wrap="wrap" align="flex-end">
        <Select
          label="Topic"
          data={[{ value: 'ALL', label: 'All topics' }, ...topics.map((t) => ({ value: t, label: TOPIC_LABELS[t] ?? t }))]}
          value={topic ?? 'ALL'}
          allowDeselect={false}
          w={200}
          onChange={(value) => set('topic', value, 'ALL')}
        />
        <Select label="Show" data={STATES} value={state} allowDeselect={false} w={180} onChange={(value) => set('state', value, 'OPEN')} />
      </Group>
      {query.isPending ? (
        <ListSkeleton rows={3} height={120} />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : !messages ? (
        <SectionNotVisible what="contact messages" />
      ) : messages.length === 0 ? (
        <Card withBorder radius="lg">
          <Empty
            icon={<IconMail size={28} />}
            title={state === 'OPEN' ? 'Nothing waiting' : 'No messages here'}
            description={state === 'OPEN' ? 'Every message on this topic has been handled.' : undefined}
            headingOrder={3}
          />
        </Card>
      ) : (
        <Stack gap="md" style={{ opacity: query.isPlaceholderData ? 0.6 : 1 }} aria-busy={query.isFetching}>
          {messages.map((m) => (
            <MessageCard key={m.id} message={m} />
          ))}
          <Text size="sm" c="dimmed">
            {messages.length === MESSAGES_LIMIT
              ? `The newest ${MESSAGES_LIMIT} messages; handle some to see older ones.`
              : `${messages.length} ${messages.length === 1 ? 'message' : 'messages'}`}
          </Text>
        </Stack>
      )}
    </Stack>
  );
}
