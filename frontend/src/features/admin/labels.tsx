import { Badge, Group, Text, ThemeIcon } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconClock, IconHourglass } from '@tabler/icons-react';
import { formatDate } from '../../lib/format';
import { dueState, type DueTone } from './deadlines';

/** Words for the enums the admin console shows. */
export const DSAR_KIND_LABELS: Record<string, string> = {
  ACCESS: 'Access (copy of data)',
  RECTIFICATION: 'Rectification',
  ERASURE: 'Erasure',
  RESTRICTION: 'Restriction of processing',
  OBJECTION: 'Objection',
};

export const OBJECTION_PURPOSE_LABELS: Record<string, string> = {
  ANALYTICS: 'Analytics',
  MARKETING_EMAIL: 'Marketing email',
  OTHER: 'Other ground',
};

export const DSAR_STATUS: Record<string, { label: string; color: string }> = {
  AWAITING_VERIFICATION: { label: 'Awaiting identity check', color: 'gray' },
  VERIFIED: { label: 'Verified', color: 'blue' },
  IN_PROGRESS: { label: 'In progress', color: 'indigo' },
  COMPLETED: { label: 'Completed', color: 'teal' },
  REJECTED: { label: 'Rejected', color: 'red' },
};

export const REPORT_REASON_LABELS: Record<string, string> = {
  ILLEGAL: 'Illegal content',
  ABUSIVE: 'Abusive or harassing',
  INFRINGEMENT: 'Copyright infringement',
  PRIVACY_VIOLATION: 'Privacy violation',
  OTHER: 'Other',
};

export const REPORT_STATUS: Record<string, { label: string; color: string }> = {
  OPEN: { label: 'Open', color: 'orange' },
  UPHELD: { label: 'Upheld', color: 'red' },
  DISMISSED: { label: 'Dismissed', color: 'gray' },
};

export const TOPIC_LABELS: Record<string, string> = {
  GENERAL: 'General',
  SUPPORT: 'Support',
  BILLING: 'Billing',
  PRIVACY: 'Privacy',
};

export function StatusBadge({ status, table }: { status: string; table: Record<string, { label: string; color: string }> }) {
  const entry = table[status] ?? { label: status, color: 'gray' };
  return (
    <Badge variant="light" color={entry.color} radius="sm" style={{ textTransform: 'none' }}>
      {entry.label}
    </Badge>
  );
}

const TONES: Record<DueTone, { color: string; icon: typeof IconClock }> = {
  closed: { color: 'gray', icon: IconCircleCheck },
  ok: { color: 'teal', icon: IconClock },
  soon: { color: 'orange', icon: IconHourglass },
  overdue: { color: 'red', icon: IconAlertTriangle },
};

/**
 * A due date with the time left: "12 Mar 2026" over "3 days left". Overdue ones say so in
 * words and with an icon, not by colour alone.
 */
export function DueDate({
  dueAt,
  status,
  overdue,
  now,
}: {
  dueAt: string;
  status: string;
  overdue?: boolean;
  now?: Date;
}) {
  const state = dueState(dueAt, status, now, overdue);
  const tone = TONES[state.tone];
  const Icon = tone.icon;
  return (
    <Group gap={8} wrap="nowrap" data-testid="due-date" data-tone={state.tone}>
      <ThemeIcon size={26} radius="xl" variant="light" color={tone.color} aria-hidden="true">
        <Icon size={15} />
      </ThemeIcon>
      <div>
        <Text size="sm" fw={state.tone === 'overdue' ? 700 : 500} c={state.tone === 'overdue' ? 'red.8' : undefined}>
          {formatDate(dueAt)}
        </Text>
        <Text size="xs" fw={state.tone === 'overdue' ? 700 : 500} c={`${tone.color}.8`}>
          {state.label}
        </Text>
      </div>
    </Group>
  );
}
