import { Badge, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import type { ActivityKind } from '../gql/graphql';
import {
  activityLabel,
  countryFlag,
  describeClient,
  describeTarget,
  formatDateTime,
  formatTimeInZone,
  localTimeZone,
  placeLabel,
} from '../lib/format';
import { DataTable } from './DataTable';

export interface ActivityRow {
  id: string;
  kind: ActivityKind;
  at: string;
  ipAddress?: string | null;
  country?: string | null;
  browser?: string | null;
  browserVersion?: string | null;
  os?: string | null;
  timezone?: string | null;
  target?: string | null;
}

const KIND_COLORS: Partial<Record<ActivityKind, string>> = {
  LOG_IN: 'teal',
  SIGN_UP: 'blue',
  LOG_OUT: 'gray',
  LOG_IN_FAILED: 'red',
  PROFILE_UPDATE: 'violet',
  CONSENT_CHANGE: 'cyan',
  PASSWORD_RESET_REQUESTED: 'orange',
  PASSWORD_RESET: 'orange',
  TWO_FACTOR_ENABLED: 'teal',
  TWO_FACTOR_DISABLED: 'red',
};

/** Activity events: what, when (and the local time where it happened), where and with what. */
export function ActivityTable({ rows, caption }: { rows: readonly ActivityRow[]; caption: string }) {
  const here = localTimeZone();
  return (
    <DataTable
      label={caption}
      minWidth={720}
      highlightOnHover
      columns={['Event', 'Time', 'Time zone', 'Place', 'Browser']}
    >
      {rows.map((event) => {
        // the wall-clock time where it happened, when that zone is not the viewer's own
        const local = event.timezone !== here ? formatTimeInZone(event.at, event.timezone) : null;
        const place = placeLabel(event.country, event.ipAddress);
        const target = describeTarget(event.target);
        return (
          <Table.Tr key={event.id} data-testid="activity-row">
            <Table.Td>
              <Stack gap={2}>
                <Badge variant="light" color={KIND_COLORS[event.kind] ?? 'blue'} w="fit-content">
                  {activityLabel(event.kind)}
                </Badge>
                {target && (
                  <Text size="xs" c="dimmed" maw={240} title={event.target ?? undefined}>
                    {target}
                  </Text>
                )}
              </Stack>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{formatDateTime(event.at)}</Text>
            </Table.Td>
            <Table.Td>
              {event.timezone ? (
                <Stack gap={0}>
                  <Text size="sm">{event.timezone}</Text>
                  {local && (
                    <Text size="xs" c="dimmed">
                      {local} local time
                    </Text>
                  )}
                </Stack>
              ) : (
                <Text size="sm" c="dimmed">
                  Not sent
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <Stack gap={0}>
                <Group gap={6} wrap="nowrap">
                  {event.country && <span aria-hidden="true">{countryFlag(event.country)}</span>}
                  <Text size="sm">{place}</Text>
                </Group>
                {event.ipAddress && (
                  <Text size="xs" c="dimmed" className="pv-mono">
                    {event.ipAddress}
                  </Text>
                )}
              </Stack>
            </Table.Td>
            <Table.Td>
              <Tooltip label={event.os ?? 'Unknown system'} disabled={!event.os}>
                <Text size="sm">{describeClient(event.browser, event.os, event.browserVersion)}</Text>
              </Tooltip>
            </Table.Td>
          </Table.Tr>
        );
      })}
    </DataTable>
  );
}
