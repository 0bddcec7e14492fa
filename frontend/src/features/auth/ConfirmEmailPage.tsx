import { Alert, Button, Group, Loader, Stack, Text } from '@mantine/core';
import { IconCircleCheck, IconAlertTriangle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { describeError } from '../../lib/errors';
import { graphqlRequest } from '../../lib/graphql';
import { ME_KEY, useMe } from '../../lib/useMe';
import { ConfirmEmailChangeMutation } from './queries';
import { AuthCard } from '../../components/AuthCard';

/** The target of the link in the "confirm your new email address" message. */
export function ConfirmEmailPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const queryClient = useQueryClient();
  const me = useMe();
  const confirm = useMutation({
    mutationFn: (value: string) => graphqlRequest(ConfirmEmailChangeMutation, { token: value }),
    onSuccess: ({ confirmEmailChange }) => {
      if (confirmEmailChange.ok) void queryClient.invalidateQueries({ queryKey: ME_KEY });
    },
  });
  // The token is used once: StrictMode's second effect run must not send it again.
  const sent = useRef(false);
  const { mutate } = confirm;
  useEffect(() => {
    if (token && !sent.current) {
      sent.current = true;
      mutate(token);
    }
  }, [token, mutate]);

  const nextLink = me.data ? (
    <Button component={Link} to="/privacy/profile" variant="light">
      Go to your profile
    </Button>
  ) : (
    <Button component={Link} to="/login" variant="light">
      Log in
    </Button>
  );

  let body: ReactNode;
  if (!token) {
    body = (
      <Alert color="red" icon={<IconAlertTriangle size={18} />} title="This link is incomplete">
        Open the link from the email exactly as it was sent, or ask for a new one from your
        profile.
      </Alert>
    );
  } else if (confirm.isPending || confirm.isIdle) {
    body = (
      <Group gap="sm" justify="center" py="md" role="status">
        <Loader size="sm" />
        <Text>Confirming your new email address…</Text>
      </Group>
    );
  } else if (confirm.isError) {
    body = (
      <Alert color="red" icon={<IconAlertTriangle size={18} />} title="Not confirmed">
        {describeError(confirm.error)}
      </Alert>
    );
  } else if (confirm.data.confirmEmailChange.ok) {
    body = (
      <Alert color="teal" icon={<IconCircleCheck size={18} />} title="Email address confirmed">
        Your account now uses the new address. Use it the next time you log in.
      </Alert>
    );
  } else {
    body = (
      <Alert color="red" icon={<IconAlertTriangle size={18} />} title="Not confirmed">
        {confirm.data.confirmEmailChange.errors.map((e) => e.message).join(' ')} You can ask
        for a new link from your profile.
      </Alert>
    );
  }

  return (
    <AuthCard title="Confirm your email">
      <Stack gap="lg">
        {body}
        {!confirm.isPending && <Group justify="center">{nextLink}</Group>}
      </Stack>
    </AuthCard>
  );
}
