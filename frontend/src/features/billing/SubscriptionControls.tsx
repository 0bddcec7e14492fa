import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { IconAlertCircle, IconCalendarOff } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { describeError } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { graphqlRequest } from '../../lib/graphql';
import { CancelSubscriptionMutation, ResumeSubscriptionMutation } from './queries';

export interface SubscriptionState {
  status: string;
  cancelAtPeriodEnd: boolean;
  currentPeriodEnd: string;
  endsAt?: string | null;
}

interface Problem {
  message: string;
}

type Payload = { errors: readonly Problem[] };

/** A subscription change: its first payload error, a request failure, or the page refreshed. */
function useSubscriptionChange(queryKey: readonly unknown[], run: () => Promise<Payload>, onDone: () => void) {
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<Problem | null>(null);
  const mutation = useMutation({
    mutationFn: run,
    onMutate: () => setProblem(null),
    onSuccess: async (payload) => {
      const [error] = payload.errors;
      if (error) {
        setProblem(error);
        return;
      }
      await queryClient.invalidateQueries({ queryKey });
      onDone();
    },
    onError: (error) => setProblem({ message: describeError(error) }),
  });
  return { mutation, problem, setProblem };
}

function ProblemAlert({ problem }: { problem: Problem | null }) {
  if (!problem) return null;
  return (
    <Alert color="red" variant="light" icon={<IconAlertCircle size={16} />} role="alert" p="xs">
      <Text size="sm">{problem.message}</Text>
    </Alert>
  );
}

/** On the current-plan card: cancel (after a confirmation), or, once cancelled, keep the plan. */
export function SubscriptionControls({
  planName,
  subscription,
  queryKey,
}: {
  planName: string;
  subscription: SubscriptionState;
  queryKey: readonly unknown[];
}) {
  const [confirming, setConfirming] = useState(false);
  const cancel = useSubscriptionChange(
    queryKey,
    async () => (await graphqlRequest(CancelSubscriptionMutation, {})).cancelSubscription,
    () => setConfirming(false),
  );
  const resume = useSubscriptionChange(
    queryKey,
    async () => (await graphqlRequest(ResumeSubscriptionMutation, {})).resumeSubscription,
    () => undefined,
  );
  const close = () => {
    if (cancel.mutation.isPending) return;
    setConfirming(false);
    cancel.setProblem(null);
  };

  if (subscription.cancelAtPeriodEnd) {
    const ends = formatDate(subscription.endsAt ?? subscription.currentPeriodEnd);
    return (
      <Alert
        color="orange"
        variant="light"
        icon={<IconCalendarOff size={18} />}
        title={`Your ${planName} plan ends on ${ends}`}
        data-testid="plan-ends"
      >
        <Stack gap="sm">
          <Text size="sm">
            You keep everything {planName} includes until then, and nothing more is charged. After that you are on the
            Free plan.
          </Text>
          <ProblemAlert problem={resume.problem} />
          <Group>
            <Button size="xs" onClick={() => resume.mutation.mutate()} loading={resume.mutation.isPending}>
              Keep my plan
            </Button>
          </Group>
        </Stack>
      </Alert>
    );
  }

  const until = formatDate(subscription.currentPeriodEnd);
  return (
    <>
      <Group>
        <Button variant="subtle" color="red" size="xs" px={0} onClick={() => setConfirming(true)}>
          Cancel subscription
        </Button>
      </Group>
      <Modal opened={confirming} onClose={close} title={`Cancel your ${planName} subscription?`} centered>
        <Stack gap="md">
          <Text size="sm">
            You keep {planName} until <strong>{until}</strong>, the end of the period you have paid for. Nothing more is
            charged, and after that date you are on the Free plan. You can change your mind until then.
          </Text>
          <ProblemAlert problem={cancel.problem} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close} disabled={cancel.mutation.isPending}>
              Go back
            </Button>
            <Button color="red" onClick={() => cancel.mutation.mutate()} loading={cancel.mutation.isPending}>
              Cancel subscription
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
