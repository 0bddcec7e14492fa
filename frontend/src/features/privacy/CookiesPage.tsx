import { Badge, Card, Stack, Table, Text } from '@mantine/core';
import { IconCookie } from '@tabler/icons-react';
import { cookieLifetime, useCookieDeclarations } from '../consent';
import { PageHeader } from '../../components/PageHeader';
import { Empty, ErrorState, ListSkeleton } from '../../components/States';
import { humanize } from '../../lib/format';
import { DataTable } from '../../components/DataTable';

const CATEGORY_COLORS: Record<string, string> = {
  NECESSARY: 'blue',
  PREFERENCES: 'violet',
  ANALYTICS: 'orange',
  MARKETING: 'pink',
};

/** Every cookie Pixvault can set (Query.cookieDeclarations), as its register declares it. */
export function CookiesPage() {
  const cookies = useCookieDeclarations();
  const rows = cookies.data ?? [];
  return (
    <Stack gap="lg">
      <PageHeader
        eyebrow="Privacy centre"
        title="Cookies"
        description="Every cookie Pixvault can put in your browser: what it is for, who sets it and how long it stays. No cookie is set that this list does not declare."
      />
      <Card withBorder radius="lg" padding="lg">
        {cookies.isPending ? (
          <ListSkeleton rows={2} height={48} />
        ) : cookies.isError ? (
          <ErrorState error={cookies.error} onRetry={() => void cookies.refetch()} />
        ) : rows.length === 0 ? (
          <Empty icon={<IconCookie size={28} />} title="No cookies" headingOrder={3} />
        ) : (
          <DataTable
            label="Cookies Pixvault sets"
            minWidth={760}
            verticalSpacing="md"
            columns={['Name', 'Category', 'Purpose', 'Provider', 'Expiry']}
          >
            {rows.map((cookie) => (
              <Table.Tr key={cookie.name} data-testid="cookie-row">
                <Table.Td>
                  <Text size="sm" fw={600} className="pv-mono">
                    {cookie.name}
                  </Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Badge
                    variant="light"
                    color={CATEGORY_COLORS[cookie.category] ?? 'gray'}
                    style={{ overflow: 'visible' }}
                    styles={{ label: { overflow: 'visible' } }}
                  >
                    {humanize(cookie.category)}
                  </Badge>
                </Table.Td>
                <Table.Td miw={300} w="40%">
                  <Text size="sm">{cookie.purpose}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{cookie.provider}</Text>
                </Table.Td>
                <Table.Td maw={220}>
                  <Text size="sm">{cookieLifetime(cookie)}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        )}
      </Card>
    </Stack>
  );
}
