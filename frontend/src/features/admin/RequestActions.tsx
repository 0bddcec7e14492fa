/** The privacy officer's decisions on a data subject request: complete, extend, reject. */
import { Button, Group, NumberInput, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCalendarPlus, IconCheck, IconX } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmModal } from '../../components/ConfirmModal';
import { FormAlert } from '../../components/FormAlert';
import type { AdminRequestQuery as AdminRequestResult } from '../../gql/graphql';
import { formatDate } from '../../lib/format';
import { graphqlRequest } from '../../lib/graphql';
import { useFormErrors } from '../../lib/userErrors';
import {
  CompleteRequestMutation,
  ExtendRequestMutation,
  RejectRequestMutation,
} from './queries/requests';
import { extendedDue, latestDue, maxExtensionDays } from './deadlines';
import { adminKeys } from './keys';

export type Request = NonNullable<AdminRequestResult['dataSubjectRequest']>;

/** After a decision: the queue and the request are read again. */
function useRequestMutation() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: adminKeys.requests() });
    void queryClient.invalidateQueries({ queryKey: adminKeys.request() });
  };
}

export function ExtendForm({ request }: { request: Request }) {
  const refresh = useRequestMutation();
  const errors = useFormErrors(['days', 'reason']);
  const room = maxExtensionDays(request.receivedAt, request.dueAt);
  const [days, setDays] = useState<number | string>(Math.min(14, room) || '');
  const [reason, setReason] = useState('');
  const preview = typeof days === 'number' ? extendedDue(request.receivedAt, request.dueAt, days) : null;
  const extend = useMutation({
    mutationFn: () =>
      graphqlRequest(ExtendRequestMutation, { id: request.id, days: Number(days) || 0, reason }),
    onSuccess: ({ extendDataSubjectRequest: payload }) => {
      if (payload.errors.length > 0) return errors.show(payload.errors);
      setReason('');
      refresh();
      notifications.show({
        color: 'teal',
        message: `Extended. The new due date is ${formatDate(payload.request?.dueAt)}; the requester is told why.`,
      });
    },
    onError: errors.fail,
  });
  return (
    <form
      aria-label="Extend the deadline"
      onSubmit={(e) => {
        e.preventDefault();
        errors.clear();
        extend.mutate();
      }}
    >
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          The law allows up to two more months for complex or numerous requests: the latest
          possible due date is {formatDate(latestDue(request.receivedAt).toISOString())}
          {room > 0 ? ` (${room} more days).` : ', which this request has reached.'}
        </Text>
        <FormAlert messages={errors.general} />
        <NumberInput
          label="Extend by (days)"
          min={1}
          max={Math.max(1, room)}
          value={days}
          onChange={setDays}
          error={errors.byField['days']}
          allowDecimal={false}
          description={
            preview
              ? preview.allowed
                ? `New due date: ${formatDate(preview.due.toISOString())}`
                : 'That is past the latest possible due date.'
              : undefined
          }
          data-testid="extend-days"
        />
        <Textarea
          label="Reason"
          description="Sent to the requester with the new date."
          rows={2}
          resize="vertical"
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={errors.byField['reason']}
        />
        <Group justify="flex-end">
          <Button type="submit" variant="light" color="orange" loading={extend.isPending} leftSection={<IconCalendarPlus size={16} />}>
            Extend deadline
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function completeLabel(request: Request): { button: string; help: string } {
  if (request.kind === 'RECTIFICATION') {
    return {
      button: 'Apply corrections and complete',
      help: 'Changes the account as asked, records what changed and tells the requester.',
    };
  }
  if (request.kind === 'OBJECTION') {
    return {
      button: 'Uphold the objection',
      help: 'Stops the processing objected to (an analytics objection refuses the analytics consent) and tells the requester. To decline, reject it with the reason.',
    };
  }
  if (request.kind === 'ERASURE') {
    return {
      button: 'Run the erasure now',
      help: 'Erases the account and its images in the background; a standing legal hold makes it wait. The request completes when it has run.',
    };
  }
  return {
    button: 'Run the export now',
    help: 'Builds the copy of the person’s data in the background and emails them a download link. The request completes when it has run.',
  };
}

export function CompleteForm({ request }: { request: Request }) {
  const refresh = useRequestMutation();
  const errors = useFormErrors(['note']);
  const [note, setNote] = useState('');
  const labels = completeLabel(request);
  const complete = useMutation({
    mutationFn: () => graphqlRequest(CompleteRequestMutation, { id: request.id, note: note.trim() || null }),
    onSuccess: ({ completeDataSubjectRequest: payload }) => {
      if (payload.errors.length > 0) return errors.show(payload.errors);
      refresh();
      notifications.show({
        color: 'teal',
        message: payload.request?.status === 'COMPLETED' ? 'Request completed. The requester is told.' : 'Started. The request completes when the run ends.',
      });
    },
    onError: errors.fail,
  });
  const runnable = request.status === 'VERIFIED';
  return (
    <form
      aria-label="Complete the request"
      onSubmit={(e) => {
        e.preventDefault();
        errors.clear();
        complete.mutate();
      }}
    >
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {labels.help}
        </Text>
        <FormAlert messages={errors.general} />
        <Textarea
          label="Internal note (optional)"
          description="Kept with the request; the requester does not see it."
          rows={2}
          resize="vertical"
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={errors.byField['note']}
        />
        {!runnable && (
          <Text size="sm" c="dimmed">
            {request.status === 'AWAITING_VERIFICATION'
              ? 'Available once the requester’s identity is verified.'
              : 'Already running.'}
          </Text>
        )}
        <Group justify="flex-end">
          <Button type="submit" color="teal" disabled={!runnable} loading={complete.isPending} leftSection={<IconCheck size={16} />}>
            {labels.button}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function RejectForm({ request }: { request: Request }) {
  const refresh = useRequestMutation();
  const errors = useFormErrors(['reason']);
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const reject = useMutation({
    mutationFn: () => graphqlRequest(RejectRequestMutation, { id: request.id, reason }),
    onSuccess: ({ rejectDataSubjectRequest: payload }) => {
      setConfirming(false);
      if (payload.errors.length > 0) return errors.show(payload.errors);
      refresh();
      notifications.show({ color: 'teal', message: 'Request rejected. The requester is told why.' });
    },
    onError: (error) => {
      setConfirming(false);
      errors.fail(error);
    },
  });
  return (
    <form
      aria-label="Reject the request"
      onSubmit={(e) => {
        e.preventDefault();
        errors.clear();
        setConfirming(true);
      }}
    >
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          Only when a request is manifestly unfounded or excessive. The requester is told the reason
          and that they may complain to a supervisory authority.
        </Text>
        <FormAlert messages={errors.general} />
        <Textarea
          label="Reason for rejecting"
          rows={2}
          resize="vertical"
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={errors.byField['reason']}
        />
        <Group justify="flex-end">
          <Button type="submit" color="red" variant="light" leftSection={<IconX size={16} />}>
            Reject request
          </Button>
        </Group>
      </Stack>
      <ConfirmModal
        opened={confirming}
        title="Reject this request?"
        confirmLabel="Reject request"
        loading={reject.isPending}
        onClose={() => setConfirming(false)}
        onConfirm={() => reject.mutate()}
      >
        The request closes and cannot be reopened. The requester is sent your reason.
      </ConfirmModal>
    </form>
  );
}
