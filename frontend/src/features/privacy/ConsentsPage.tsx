import { Anchor, Card, Stack } from '@mantine/core';
import { Link } from 'react-router';
import { IconChecklist } from '@tabler/icons-react';
import { ConsentTable } from '../../components/ConsentTable';
import { PageHeader } from '../../components/PageHeader';
import { Empty, ErrorState, ListSkeleton } from '../../components/States';
import { useViewerQuery } from '../../lib/useViewerQuery';
import { ConsentHistoryQuery } from './queries';
import { privacyKeys } from './keys';

export function ConsentsPage() {
  const query = useViewerQuery(privacyKeys.consents(), ConsentHistoryQuery, {});
  const rows = query.data?.me?.consentHistory ?? [];
  return (
    <Stack gap="lg">
      <PageHeader
        eyebrow="Privacy centre"
        title="Consent history"
        description={
          <>
            Every consent you gave or refused, with where and under which policy version. Pixvault
            keeps this ledger as proof; it is never edited. To change a choice, go to{' '}
            <Anchor component={Link} to="/privacy/consent-choices">
              consent choices
            </Anchor>
            .
          </>
        }
      />
      <Card withBorder radius="lg" padding="lg">
        {query.isPending ? (
          <ListSkeleton rows={3} height={40} />
        ) : query.isError ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : rows.length === 0 ? (
          <Empty
            icon={<IconChecklist size={28} />}
            title="No consent records"
            description="Choices you make about cookies and emails will be listed here."
            headingOrder={3}
          />
        ) : (
          <ConsentTable rows={rows} caption="Your consent history" />
        )}
      </Card>
    </Stack>
  );
}
