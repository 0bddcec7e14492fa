import { Badge, Card, Group, SimpleGrid, Skeleton, Stack, Text, ThemeIcon } from '@mantine/core';
import {
  IconActivity,
  IconChecklist,
  IconDevices,
  IconKey,
  IconLock,
  IconUserCircle,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ErrorState } from '../../components/States';
import { formatRelative, purposeLabel } from '../../lib/format';
import { useViewerQuery } from '../../lib/useViewerQuery';
import { PrivacyOverviewQuery } from './queries';
import { privacyKeys } from './keys';


function SummaryCard({
  to,
  icon,
  title,
  value,
  detail,
  color = 'blue',
}: {
  to: string;
  icon: ReactNode;
  title: string;
  value: ReactNode;
  detail: ReactNode;
  color?: string;
}) {
  return (
    <Card
      withBorder
      radius="lg"
      padding="lg"
      component={Link}
      to={to}
      style={{ textDecoration: 'none' }}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Text size="sm" c="dimmed" fw={600}>
            {title}
          </Text>
          <Text fz={24} fw={700} lh={1.25} truncate>
            {value}
          </Text>
          <Text size="sm" c="dimmed" lineClamp={2} component="div">
            {detail}
          </Text>
        </Stack>
        <ThemeIcon variant="light" color={color} size={42} radius="md">
          {icon}
        </ThemeIcon>
      </Group>
    </Card>
  );
}

export function isLive(session: { endedAt?: string | null; expiresAt?: string | null }, now = Date.now()) {
  if (session.endedAt) return false;
  return !session.expiresAt || new Date(session.expiresAt).getTime() > now;
}

/** Counts of what Pixvault holds about the viewer, each linking to its section. */
export function PrivacySummary() {
  const query = useViewerQuery(privacyKeys.overview(), PrivacyOverviewQuery, {});
  if (query.isPending) {
    return (
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="md">
        {Array.from({ length: 6 }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity but their place
          <Skeleton key={i} height={128} radius="lg" />
        ))}
      </SimpleGrid>
    );
  }
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const me = query.data.me;
  if (!me) return null;
  const live = (me.sessions ?? []).filter((s) => isLive(s)).length;
  const tokens = me.apiTokens?.length ?? 0;
  const consents = me.consentHistory ?? [];
  const marketing = consents.find((c) => c.purpose === 'MARKETING_EMAIL');
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="md">
      <SummaryCard
        to="/privacy/profile"
        icon={<IconUserCircle size={22} />}
        title="Profile"
        value={me.name}
        detail={me.companyName ? `${me.email} · ${me.companyName}` : me.email}
      />
      <SummaryCard
        to="/privacy/password"
        icon={<IconLock size={22} />}
        title="Password"
        value="Protected"
        detail="Hashed with argon2id. Change it at any time."
        color="teal"
      />
      <SummaryCard
        to="/privacy/sessions"
        icon={<IconDevices size={22} />}
        title="Active sessions"
        value={live}
        detail={`Last log-in ${formatRelative(me.lastLogInAt ?? me.createdAt)}`}
        color="violet"
      />
      <SummaryCard
        to="/privacy/activity"
        icon={<IconActivity size={22} />}
        title="Recorded activity"
        value={me.activity?.totalCount ?? 0}
        detail="Log-ins and changes, with browser, place and time."
        color="orange"
      />
      <SummaryCard
        to="/privacy/tokens"
        icon={<IconKey size={22} />}
        title="API tokens"
        value={tokens}
        detail={tokens === 0 ? 'No scripts or apps can act for you.' : 'Scripts and apps acting for you.'}
        color="grape"
      />
      <SummaryCard
        to="/privacy/consents"
        icon={<IconChecklist size={22} />}
        title="Consent records"
        value={consents.length}
        detail={
          marketing ? (
            <>
              {purposeLabel('MARKETING_EMAIL')}:{' '}
              <Badge size="xs" variant="light" color={marketing.granted ? 'teal' : 'gray'}>
                {marketing.granted ? 'granted' : 'refused'}
              </Badge>
            </>
          ) : (
            'Every choice you made, kept as proof.'
          )
        }
        color="cyan"
      />
    </SimpleGrid>
  );
}

