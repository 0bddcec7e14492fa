import {
  AspectRatio,
  Badge,
  Box,
  Button,
  Card,
  Center,
  Group,
  Image,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconEyeOff, IconFlag, IconPhotoOff, IconShieldCheck, IconShieldX } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { AuditNotice } from '../../components/AuditNotice';
import { FormAlert } from '../../components/FormAlert';
import { PageHeader } from '../../components/PageHeader';
import { ConnectionTable } from '../../components/ConnectionTable';
import { Empty, } from '../../components/States';
import type { AdminReportsQuery as AdminReportsResult, ReportDecision, ReportStatus } from '../../gql/graphql';
import { formatDateTime, formatRelative } from '../../lib/format';
import { graphqlRequest } from '../../lib/graphql';
import { useFormErrors } from '../../lib/userErrors';
import { usePagedPartialQuery } from '../../lib/usePartialQuery';
import { AdminReportsQuery, ResolveReportMutation } from './queries/safety';
import { REPORT_REASON_LABELS, REPORT_STATUS, StatusBadge } from './labels';
import { adminKeys } from './keys';

export const REPORTS_PAGE_SIZE = 12;

type Report = NonNullable<AdminReportsResult['abuseReports']>['edges'][number]['node'];

const FILTERS = [
  { value: 'OPEN', label: 'Open' },
  { value: 'UPHELD', label: 'Upheld' },
  { value: 'DISMISSED', label: 'Dismissed' },
  { value: 'ALL', label: 'All' },
];

const DECISIONS: Record<ReportDecision, { title: string; confirm: string; color: string; body: string }> = {
  UPHOLD: {
    title: 'Uphold and quarantine the image?',
    confirm: 'Uphold and quarantine',
    color: 'red',
    body: 'The image stops being served to anyone but its owner, who is told why. Other open reports on it close the same way.',
  },
  DISMISS: {
    title: 'Dismiss this report?',
    confirm: 'Dismiss report',
    color: 'blue',
    body: 'The image stays as it is. The report is closed.',
  },
};

function Preview({ report }: { report: Report }) {
  const asset = report.asset;
  if (asset?.status !== 'ACTIVE') {
    // A quarantined or removed image is not served (451 / 404): say so instead of a broken picture.
    const text = !asset ? 'The image is gone' : asset.status === 'QUARANTINED' ? 'Quarantined: no longer served' : 'Removed';
    return (
      <AspectRatio ratio={3 / 2}>
        <Center bg="gray.1" style={{ borderRadius: 'var(--mantine-radius-md)' }}>
          <Stack gap={4} align="center">
            {asset ? <IconEyeOff size={28} color="var(--mantine-color-gray-6)" /> : <IconPhotoOff size={28} color="var(--mantine-color-gray-6)" />}
            <Text size="sm" c="dimmed">
              {text}
            </Text>
          </Stack>
        </Center>
      </AspectRatio>
    );
  }
  return (
    <AspectRatio ratio={3 / 2}>
      <Image src={asset.preview} alt={`Reported image ${asset.filename}`} radius="md" fit="cover" />
    </AspectRatio>
  );
}

function ReportCard({ report, onDecide }: { report: Report; onDecide: (r: Report, d: ReportDecision) => void }) {
  return (
    <Card withBorder radius="lg" padding="md" data-testid="report-card" component="article" aria-label={`Report on ${report.asset?.filename ?? 'a removed image'}`}>
      <Stack gap="sm" h="100%">
        <Preview report={report} />
        <Group justify="space-between" gap="xs" wrap="nowrap">
          <Badge color="grape" variant="light" radius="sm" leftSection={<IconFlag size={12} />} style={{ textTransform: 'none' }}>
            {REPORT_REASON_LABELS[report.reason] ?? report.reason}
          </Badge>
          <StatusBadge status={report.status} table={REPORT_STATUS} />
        </Group>
        <Box>
          <Text size="sm" fw={600} truncate>
            {report.asset?.filename ?? 'Removed image'}
          </Text>
          {report.asset?.owner && (
            <Text size="xs" c="dimmed" truncate>
              Owner: {report.asset.owner.name ?? report.asset.owner.email}
            </Text>
          )}
        </Box>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} c={report.details ? undefined : 'dimmed'} lineClamp={5}>
          {report.details ?? 'No details given.'}
        </Text>
        <Text size="xs" c="dimmed">
          Reported by {report.reporterEmail ?? 'an unknown reporter'}, {formatRelative(report.createdAt)}
        </Text>
        {report.status !== 'OPEN' ? (
          <Text size="xs" c="dimmed" mt="auto">
            {report.status === 'UPHELD' ? 'Upheld' : 'Dismissed'} {formatDateTime(report.resolvedAt)}
            {report.resolutionNote && `: “${report.resolutionNote}”`}
          </Text>
        ) : (
          <Group grow gap="xs" mt="auto">
            <Button color="red" variant="light" size="xs" leftSection={<IconShieldX size={14} />} onClick={() => onDecide(report, 'UPHOLD')}>
              Uphold
            </Button>
            <Button variant="default" size="xs" leftSection={<IconShieldCheck size={14} />} onClick={() => onDecide(report, 'DISMISS')}>
              Dismiss
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

function DecisionModal({
  pending,
  onClose,
}: {
  pending: { report: Report; decision: ReportDecision } | null;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const errors = useFormErrors(['note']);
  const close = () => {
    setNote('');
    errors.clear();
    onClose();
  };
  const resolve = useMutation({
    mutationFn: (p: { report: Report; decision: ReportDecision }) =>
      graphqlRequest(ResolveReportMutation, { id: p.report.id, decision: p.decision, note: note.trim() || null }),
    onSuccess: ({ resolveAbuseReport: payload }, p) => {
      if (payload.errors.length > 0) {
        errors.show(payload.errors);
        return;
      }
      void queryClient.invalidateQueries({ queryKey: adminKeys.reports() });
      notifications.show({
        color: 'teal',
        message: p.decision === 'UPHOLD' ? 'Report upheld. The image is quarantined and its owner told.' : 'Report dismissed.',
      });
      close();
    },
    onError: errors.fail,
  });
  const copy = pending ? DECISIONS[pending.decision] : DECISIONS.DISMISS;
  return (
    <Modal opened={pending !== null} onClose={close} title={copy.title} centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (pending) resolve.mutate(pending);
        }}
      >
        <Stack gap="md">
          <Text size="sm">{copy.body}</Text>
          <FormAlert messages={errors.general} />
          <Textarea
            label="Note (optional)"
            description={pending?.decision === 'UPHOLD' ? 'Sent to the owner with the notice.' : 'Kept with the report.'}
            rows={2}
            resize="vertical"
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={errors.byField.note}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close} disabled={resolve.isPending}>
              Cancel
            </Button>
            <Button type="submit" color={copy.color} loading={resolve.isPending} data-autofocus>
              {copy.confirm}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Reports of public images, oldest first, with a preview and the two decisions. */
export function ReportsPage() {
  const [params, setParams] = useSearchParams();
  const filter = FILTERS.some((f) => f.value === params.get('status')) ? params.get('status')! : 'OPEN';
  const status = filter === 'ALL' ? null : (filter as ReportStatus);
  const [pending, setPending] = useState<{ report: Report; decision: ReportDecision } | null>(null);
  const { pager, query } = usePagedPartialQuery(
    (after) => adminKeys.reports(status, after),
    AdminReportsQuery,
    (after) => ({ status, first: REPORTS_PAGE_SIZE, after }),
  );
  const connection = query.data?.data.abuseReports;
  const edges = connection?.edges ?? [];
  return (
    <Stack gap="lg">
      <PageHeader
        eyebrow="Admin console"
        title="Abuse reports"
        description="Reports of public images, oldest first. Upholding one quarantines the image; dismissing it leaves the image as it is."
      />
      <AuditNotice title="Viewing reported images is audited">
        The previews are the owners’ images. Opening this queue is written to the audit log for each
        owner whose image you see.
      </AuditNotice>
      <Card withBorder radius="lg" padding="lg">
        <Stack gap="md">
          <Select
            label="Status"
            data={FILTERS}
            value={filter}
            allowDeselect={false}
            w={220}
            onChange={(value) => {
              pager.reset();
              setParams(!value || value === 'OPEN' ? {} : { status: value }, { replace: true });
            }}
          />
          <ConnectionTable
            query={query}
            connection={connection}
            skeleton={{ rows: 3, height: 120 }}
            notVisible="the abuse queue"
            empty={
              <Empty
                icon={<IconFlag size={28} />}
                title={status === 'OPEN' ? 'No open reports' : 'No reports here'}
                description={status === 'OPEN' ? 'Every report has been decided.' : undefined}
                headingOrder={3}
              />
            }
            paging={{ pager, pageSize: REPORTS_PAGE_SIZE, label: 'Report pages', noun: ['report', 'reports'] }}
          >
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
              {edges.map(({ node }) => (
                <ReportCard key={node.id} report={node} onDecide={(report, decision) => setPending({ report, decision })} />
              ))}
            </SimpleGrid>
          </ConnectionTable>
        </Stack>
      </Card>
      <DecisionModal pending={pending} onClose={() => setPending(null)} />
    </Stack>
  );
}
