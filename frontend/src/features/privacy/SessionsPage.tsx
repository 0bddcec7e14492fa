import {
  Badge,
  Button,
  Card,
  Flex,
  Group,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDevices, IconDeviceDesktop, IconDeviceMobile } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { ConfirmModal } from '../../components/ConfirmModal';
import { PageHeader } from '../../components/PageHeader';
import { Empty, ErrorState, ListSkeleton } from '../../components/States';
import { describeError } from '../../lib/errors';
import { describeClient, formatDateTime, formatRelative } from '../../lib/format';
import { graphqlRequest } from '../../lib/graphql';
import { resetViewer } from '../../lib/useMe';
import { useViewerQuery } from '../../lib/useViewerQuery';
import type { SessionsQuery as SessionsResult } from '../../gql/graphql';
import { RevokeSessionMutation, SessionsQuery } from './queries';
import { isLive } from './PrivacySummary';
import { privacyKeys } from './keys';

type Session = NonNullable<NonNullable<SessionsResult['me']>['sessions']>[number];


function isMobile(os: string | null | undefined) {
  return /android|ios|iphone|ipad/i.test(os ?? '');
}

function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </Stack>
  );
}

function SessionCard({
  session,
  onRevoke,
}: {
  session: Session;
  onRevoke?: (session: Session) => void;
}) {
  const live = isLive(session);
  const title = describeClient(session.browser, session.os);
  return (
    <Card
      withBorder
      radius="lg"
      padding="lg"
      data-testid="session-card"
      data-current={session.current || undefined}
      aria-label={`${title}${session.current ? ' (this device)' : ''}`}
      component="article"
    >
      <Flex
        direction={{ base: 'column', sm: 'row' }}
        justify="space-between"
        align={{ base: 'stretch', sm: 'flex-start' }}
        gap="md"
      >
        <Group gap="md" align="flex-start" wrap="nowrap" style={{ minWidth: 0 }}>
          <ThemeIcon
            variant="light"
            size={42}
            radius="md"
            color={session.current ? 'teal' : live ? 'blue' : 'gray'}
            visibleFrom="xs"
          >
            {isMobile(session.os) ? <IconDeviceMobile size={22} /> : <IconDeviceDesktop size={22} />}
          </ThemeIcon>
          <Stack gap={8} style={{ minWidth: 0 }}>
            <Group gap="xs">
              <Title order={3} size="h5">
                {title}
              </Title>
              {session.current && (
                <Badge color="teal" variant="light">
                  This device
                </Badge>
              )}
              <Badge color="gray" variant="outline">
                {session.persistent ? 'Remembered' : 'Browser session'}
              </Badge>
              {!live && (
                <Badge color="gray" variant="light">
                  {session.endedAt ? 'Ended' : 'Expired'}
                </Badge>
              )}
            </Group>
            <SimpleGrid cols={{ base: 2, md: 4 }} spacing="lg" verticalSpacing="xs">
              <Detail label="IP address">{session.ipAddress ?? 'Unknown'}</Detail>
              <Detail label="Started">{formatDateTime(session.createdAt)}</Detail>
              <Detail label="Last seen">
                <span title={formatDateTime(session.lastSeenAt)}>
                  {formatRelative(session.lastSeenAt)}
                </span>
              </Detail>
              {session.endedAt ? (
                <Detail label="Ended">{formatDateTime(session.endedAt)}</Detail>
              ) : (
                <Detail label="Expires">{formatDateTime(session.expiresAt)}</Detail>
              )}
            </SimpleGrid>
          </Stack>
        </Group>
        {live && onRevoke && (
          <Button
            variant="light"
            color="red"
            size="xs"
            style={{ flexShrink: 0, alignSelf: 'flex-end' }}
            onClick={() => onRevoke(session)}
            aria-label={`Revoke session: ${title}${session.current ? ' (this device)' : ''}`}
          >
            {session.current ? 'Log out' : 'Revoke'}
          </Button>
        )}
      </Flex>
    </Card>
  );
}

export function SessionsPage() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const query = useViewerQuery(privacyKeys.sessions(), SessionsQuery, {});
  const [showEnded, setShowEnded] = useState(false);
  const [target, setTarget] = useState<Session | null>(null);

  const revoke = useMutation({
    mutationFn: (session: Session) =>
      graphqlRequest(RevokeSessionMutation, { id: session.id }).then((data) => ({ data, session })),
    onSuccess: ({ data, session }) => {
      setTarget(null);
      if (!data.revokeSession.ok) {
        notifications.show({
          title: 'Not revoked',
          message: data.revokeSession.errors.map((e) => e.message).join(' '),
          color: 'red',
        });
        return;
      }
      if (session.current) {
        resetViewer(queryClient, null);
        void navigate('/login', { replace: true });
        notifications.show({ message: 'This device is logged out.', color: 'blue' });
        return;
      }
      void queryClient.invalidateQueries({ queryKey: privacyKeys.all });
      notifications.show({
        message: `${describeClient(session.browser, session.os)} is logged out.`,
        color: 'teal',
      });
    },
    onError: (error) => {
      setTarget(null);
      notifications.show({ title: 'Not revoked', message: describeError(error), color: 'red' });
    },
  });

  const sessions = query.data?.me?.sessions ?? [];
  const live = sessions.filter((s) => isLive(s));
  const ended = sessions.filter((s) => !isLive(s));
  // The current session first, then the most recently seen.
  live.sort((a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt.localeCompare(a.lastSeenAt));
  const others = live.filter((s) => !s.current);

  const revokeOthers = useMutation({
    mutationFn: async () => {
      for (const session of others) await graphqlRequest(RevokeSessionMutation, { id: session.id });
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: privacyKeys.all }),
    onSuccess: () => notifications.show({ message: 'Every other session is logged out.', color: 'teal' }),
  });

  return (
    <Stack gap="lg">
      <PageHeader
        eyebrow="Privacy centre"
        title="Sessions"
        description="Where your account is logged in. Revoke any session you do not recognise, then change your password."
        actions={
          others.length > 0 && (
            <Button
              variant="default"
              color="red"
              loading={revokeOthers.isPending}
              onClick={() => revokeOthers.mutate()}
            >
              Log out all other sessions
            </Button>
          )
        }
      />
      {query.isPending ? (
        <ListSkeleton rows={3} height={110} />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <>
          <Stack gap="sm" component="section" aria-label="Active sessions">
            {live.length === 0 ? (
              <Empty icon={<IconDevices size={28} />} title="No active sessions" />
            ) : (
              live.map((s) => <SessionCard key={s.id} session={s} onRevoke={setTarget} />)
            )}
          </Stack>
          {ended.length > 0 && (
            <Stack gap="sm" component="section" aria-label="Ended sessions">
              <Switch
                label={`Show ended sessions (${ended.length})`}
                checked={showEnded}
                onChange={(e) => setShowEnded(e.currentTarget.checked)}
              />
              {showEnded && ended.map((s) => <SessionCard key={s.id} session={s} />)}
            </Stack>
          )}
        </>
      )}
      <ConfirmModal
        opened={target !== null}
        title={target?.current ? 'Log out this device?' : 'Revoke this session?'}
        confirmLabel={target?.current ? 'Log out' : 'Revoke session'}
        loading={revoke.isPending}
        onClose={() => setTarget(null)}
        onConfirm={() => target && revoke.mutate(target)}
      >
        {target?.current
          ? 'This is the session you are using now: you will be logged out here.'
          : `${target ? describeClient(target.browser, target.os) : ''} (${target?.ipAddress ?? 'unknown IP'}) will be logged out at once.`}
      </ConfirmModal>
    </Stack>
  );
}
