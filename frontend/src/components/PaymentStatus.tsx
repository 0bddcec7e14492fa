import { Badge, Stack, Text } from '@mantine/core';
import { formatMoney } from '../lib/money';

const STATUS: Record<string, { label: string; color: string }> = {
  PENDING: { label: 'Pending', color: 'yellow' },
  SUCCEEDED: { label: 'Paid', color: 'teal' },
  FAILED: { label: 'Failed', color: 'red' },
  REFUNDED: { label: 'Refunded', color: 'gray' },
};

export const PAYMENT_STATUSES = ['SUCCEEDED', 'PENDING', 'FAILED', 'REFUNDED'] as const;

export function paymentStatusLabel(status: string): string {
  return STATUS[status]?.label ?? status;
}

export function PaymentStatusBadge({ status }: { status: string }) {
  return (
    <Badge variant="light" color={STATUS[status]?.color ?? 'gray'} styles={{ root: { textTransform: 'none' } }}>
      {paymentStatusLabel(status)}
    </Badge>
  );
}

/** The amount, and what of it was refunded (a partial refund keeps the payment SUCCEEDED). */
export function PaymentAmount({
  amountCents,
  refundedCents,
  currency,
}: {
  amountCents: number;
  refundedCents: number;
  currency: string;
}) {
  return (
    <Stack gap={0} align="flex-end">
      <Text size="sm" fw={600} style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
        {formatMoney(amountCents, currency)}
      </Text>
      {refundedCents > 0 && (
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {formatMoney(refundedCents, currency)} refunded
        </Text>
      )}
    </Stack>
  );
}
