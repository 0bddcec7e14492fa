import { Badge, Table, Text, Tooltip } from '@mantine/core';
import { consentSourceLabel, formatDateTime, purposeLabel } from '../lib/format';

export interface ConsentRow {
  id: string;
  purpose: string;
  granted: boolean;
  source: string;
  policyVersion: string;
  recordedAt: string;
  ipAddress?: string | null;
  userAgent?: string | null;
}

/** The consent ledger, newest first, as recorded proof. */
export function ConsentTable({
  rows,
  caption,
  withClient = true,
}: {
  rows: readonly ConsentRow[];
  caption: string;
  withClient?: boolean;
}) {
  return (
    <Table.ScrollContainer minWidth={withClient ? 760 : 560}>
      <Table verticalSpacing="sm" aria-label={caption}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Purpose</Table.Th>
            <Table.Th>Decision</Table.Th>
            <Table.Th>Where</Table.Th>
            <Table.Th>Policy version</Table.Th>
            <Table.Th>Recorded</Table.Th>
            {withClient && <Table.Th>From</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.id} data-testid="consent-row">
              <Table.Td>
                <Text size="sm" fw={600}>
                  {purposeLabel(row.purpose)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge variant="light" color={row.granted ? 'teal' : 'gray'}>
                  {row.granted ? 'Granted' : 'Refused'}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{consentSourceLabel(row.source)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" className="pv-mono">
                  {row.policyVersion}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{formatDateTime(row.recordedAt)}</Text>
              </Table.Td>
              {withClient && (
                <Table.Td>
                  <Tooltip label={row.userAgent ?? ''} disabled={!row.userAgent} multiline w={320}>
                    <Text size="xs" c="dimmed" className="pv-mono" truncate maw={200}>
                      {row.ipAddress ?? 'Unknown IP'}
                    </Text>
                  </Tooltip>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
