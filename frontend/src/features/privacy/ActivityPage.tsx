import { Card, Stack } from '@mantine/core';
import { IconActivity } from '@tabler/icons-react';
import { ActivityTable } from '../../components/ActivityTable';
import { PageHeader } from '../../components/PageHeader';
import { ConnectionTable } from '../../components/ConnectionTable';
import { Empty } from '../../components/States';
import { useCursorPager } from '../../lib/useCursorPager';
import { useViewerQuery } from '../../lib/useViewerQuery';
import { ActivityQuery } from './queries';
import { privacyKeys } from './keys';

export const ACTIVITY_PAGE_SIZE = 20;

export function ActivityPage() {
  const pager = useCursorPager();
  const query = useViewerQuery(
    privacyKeys.activity(pager.after),
    ActivityQuery,
    { first: ACTIVITY_PAGE_SIZE, after: pager.after },
    { keepPrevious: true },
  );
  const connection = query.data?.me?.activity;
  const rows = connection?.edges.map((e) => e.node) ?? [];

  return (
    <Stack gap="lg">
      <PageHeader
        eyebrow="Privacy centre"
        title="Recent activity"
        description="Log-ins and changes on your account, with the browser, the place (from the IP address) and the time zone your browser reported."
      />
      <Card withBorder radius="lg" padding="lg">
        <ConnectionTable
          query={query}
          connection={connection}
          skeleton={{ rows: 5, height: 44 }}
          empty={<Empty icon={<IconActivity size={28} />} title="No activity yet" headingOrder={3} />}
          paging={{ pager, pageSize: ACTIVITY_PAGE_SIZE, label: 'Activity pages', noun: ['event', 'events'] }}
        >
          <ActivityTable rows={rows} caption="Your recent account activity" />
        </ConnectionTable>
      </Card>
    </Stack>
  );
}
