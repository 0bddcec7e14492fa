import { Alert, Group, Loader, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { describeError } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { graphqlRequest } from '../../lib/graphql';
import { VerifyDataRequestMutation } from './queries';
import { AuthCard } from '../../components/AuthCard';

const KIND_NAMES: Record<string, string> = {
  ACCESS: 'a copy of your data',
  RECTIFICATION: 'a correction of your data',
  ERASURE: 'the erasure of your data',
  RESTRICTION: 'a restriction of the use of your data',
  OBJECTION: 'your objection to a use of your data',
};

/** /privacy/verify?token=…: the link in the "Confirm your data request" email. Anyone may open
 * it, signed in or not; what it says never depends on whether an account uses the address. */
export function VerifyRequestPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const verify = useMutation({
    mutationFn: (value: string) => graphqlRequest(VerifyDataRequestMutation, { token: value }),
  });
  // The token is used once: StrictMode's second effect run must not send it again.
  const sent = useRef(false);
  const { mutate } = verify;
  useEffect(() => {
    if (token && !sent.current) {
      sent.current = true;
      mutate(token);
    }
  }, [token, mutate]);

  let body: ReactNode;
  if (!token) {
    body = (
      <Alert color="red" icon={<IconAlertTriangle size={18} />} title="This link is incomplete">
        Open the link from the email exactly as it was sent.
      </Alert>
    );
  } else if (verify.isPending || verify.isIdle) {
    body = (
      <Group gap="sm" justify="center" py="md" role="status">
        <Loader size="sm" />
        <Text>Confirming your request…</Text>
      </Group>
    );
  } else if (verify.isError) {
    body = (
      <Alert color="red" icon={<IconAlertTriangle size={18} />} title="Not confirmed">
        {describeError(verify.error)}
      </Alert>
    );
  } else {
    const { request, errors } = verify.data.verifyDataSubjectRequest;
    body =
      request && request.status !== 'REJECTED' ? (
        <Alert color="teal" icon={<IconCircleCheck size={18} />} title="Request confirmed">
          Thank you: your request for {KIND_NAMES[request.kind] ?? 'your data'} is confirmed. We
          will answer by email by {formatDate(request.dueAt)}.
        </Alert>
      ) : (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} title="Not confirmed">
          {errors.map((e) => e.message).join(' ') ||
            'We could not carry out this request; the email we sent says why.'}
        </Alert>
      );
  }
  return (
    <AuthCard title="Confirm your data request">
      <Stack gap="lg">{body}</Stack>
    </AuthCard>
  );
}
