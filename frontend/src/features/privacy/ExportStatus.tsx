import { Alert, Badge, Button, Group, Progress, Stack, Text } from '@mantine/core';
import { IconCheck, IconClock, IconDownload, IconHourglass, IconX } from '@tabler/icons-react';
import { formatDateTime } from '../../lib/format';

export interface ExportRequest {
  id: string;
  status: string;
  receivedAt: string;
  dueAt: string;
  completedAt?: string | null;
  progress?: number | null;
  exportUrl?: string | null;
  waitingReason?: string | null;
  rejectionReason?: string | null;
}

export type ExportPhase = 'waiting' | 'queued' | 'running' | 'ready' | 'expired' | 'rejected';

/** Where an ACCESS request stands, from the person's side. */
export function exportPhase(request: ExportRequest): ExportPhase {
  switch (request.status) {
    case 'AWAITING_VERIFICATION':
      return 'waiting';
    case 'VERIFIED':
      return 'queued';
    case 'IN_PROGRESS':
      return 'running';
    case 'COMPLETED':
      return request.exportUrl ? 'ready' : 'expired';
    default:
      return 'rejected';
  }
}

/** Still changing on the server: worth asking again. */
export function isOpen(request: ExportRequest): boolean {
  const phase = exportPhase(request);
  return phase === 'waiting' || phase === 'queued' || phase === 'running';
}

/** One export request: its progress while it runs, then the download. */
export function ExportStatus({ request }: { request: ExportRequest }) {
  const phase = exportPhase(request);
  const percent = Math.round(Math.min(1, Math.max(0, request.progress ?? 0)) * 100);
  return (
    <Stack gap="sm" data-testid="export-status" data-phase={phase}>
      <Group justify="space-between" gap="xs">
        <Text size="sm" c="dimmed">
          Requested {formatDateTime(request.receivedAt)}
        </Text>
        {phase === 'ready' && (
          <Badge color="teal" variant="light" leftSection={<IconCheck size={12} />}>
            Ready
          </Badge>
        )}
        {(phase === 'queued' || phase === 'waiting') && (
          <Badge color="blue" variant="light" leftSection={<IconClock size={12} />}>
            {phase === 'waiting' ? 'Awaiting verification' : 'Queued'}
          </Badge>
        )}
        {phase === 'running' && (
          <Badge color="blue" variant="light" leftSection={<IconHourglass size={12} />}>
            Preparing
          </Badge>
        )}
        {phase === 'expired' && (
          <Badge color="gray" variant="light">
            Link expired
          </Badge>
        )}
        {phase === 'rejected' && (
          <Badge color="red" variant="light" leftSection={<IconX size={12} />}>
            Refused
          </Badge>
        )}
      </Group>

      {(phase === 'queued' || phase === 'running' || phase === 'waiting') && (
        <>
          <Progress
            value={phase === 'running' ? Math.max(percent, 5) : 2}
            animated
            striped
            size="lg"
            radius="xl"
            aria-label="Export progress"
            aria-valuetext={phase === 'running' ? `${percent}% done` : 'Waiting to start'}
          />
          <Text size="sm" c="dimmed" aria-live="polite">
            {phase === 'running'
              ? `Collecting your records and uploads: ${percent}% done. You can leave this page; we also email you when it is ready.`
              : request.waitingReason ??
                `Your request is queued. It is answered by ${formatDateTime(request.dueAt)} at the latest, usually within minutes.`}
          </Text>
        </>
      )}

      {phase === 'ready' && (
        <Stack gap="xs" align="flex-start">
          <Text size="sm">
            Your copy is ready: a ZIP with <strong>data.json</strong> (every record, machine
            readable), an <strong>index.html</strong> to read it in a browser, and your original
            uploads.
          </Text>
          <Button
            component="a"
            href={request.exportUrl ?? undefined}
            download
            leftSection={<IconDownload size={18} />}
            color="teal"
          >
            Download my data (ZIP)
          </Button>
          <Text size="xs" c="dimmed">
            Prepared {formatDateTime(request.completedAt)}. The link works for 7 days, only while
            you are signed in.
          </Text>
        </Stack>
      )}

      {phase === 'expired' && (
        <Text size="sm" c="dimmed">
          Prepared {formatDateTime(request.completedAt)}. Its 7-day download window has passed;
          ask for a new copy below.
        </Text>
      )}

      {phase === 'rejected' && (
        <Alert color="red" variant="light" title="This request was refused">
          {request.rejectionReason ?? 'No reason was given.'}
        </Alert>
      )}
    </Stack>
  );
}
