import { Button, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { FormAlert } from '../../components/FormAlert';
import { describeError } from '../../lib/errors';
import { graphqlRequest } from '../../lib/graphql';
import type { Viewer } from '../../lib/useMe';
import { applyUserErrors } from '../../lib/userErrors';
import { CompleteLogInMutation } from './queries';

/** The log-in's second step: a code from the authenticator app, or a recovery code. */
export function SecondStepForm({
  challenge,
  onDone,
  onExpired,
}: {
  challenge: string;
  onDone: (user: Viewer) => void;
  onExpired: () => void;
}) {
  const [general, setGeneral] = useState<string[]>([]);
  const form = useForm({
    mode: 'controlled',
    initialValues: { code: '' },
    validate: { code: (v) => (v.trim() ? null : 'Enter the code.') },
  });
  const complete = useMutation({
    mutationFn: (code: string) => graphqlRequest(CompleteLogInMutation, { challenge, code }),
    onSuccess: ({ completeLogIn: payload }) => {
      if (payload.errors.some((e) => e.kind === 'INVALID_CHALLENGE')) {
        onExpired();
        return;
      }
      if (payload.errors.length > 0 || !payload.user) {
        setGeneral(applyUserErrors(form, payload.errors));
        return;
      }
      onDone(payload.user);
    },
    onError: (error) => setGeneral([describeError(error)]),
  });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        setGeneral([]);
        complete.mutate(values.code.trim());
      })}
    >
      <Stack gap="md">
        <FormAlert messages={general} />
        <Text size="sm">
          Enter the 6-digit code your authenticator app shows for Pixvault. Lost the app? Enter
          one of your recovery codes instead.
        </Text>
        <TextInput
          label="Code"
          autoComplete="one-time-code"
          inputMode="text"
          autoFocus
          required
          {...form.getInputProps('code')}
        />
        <Button type="submit" loading={complete.isPending} fullWidth size="md">
          Verify and log in
        </Button>
      </Stack>
    </form>
  );
}
