import { Alert, Anchor, Button, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCircleCheck } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { FormAlert } from '../../components/FormAlert';
import { describeError } from '../../lib/errors';
import { graphqlRequest } from '../../lib/graphql';
import { applyUserErrors } from '../../lib/userErrors';
import { ResetPasswordMutation } from './queries';
import { AuthCard } from '../../components/AuthCard';
import { MIN_PASSWORD_LENGTH } from '../../lib/passwords';

/** The target of the link in the "set a new password" message. */
export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [general, setGeneral] = useState<string[]>([]);
  const [done, setDone] = useState(false);
  const form = useForm({
    mode: 'controlled',
    initialValues: { newPassword: '', confirmPassword: '' },
    validate: {
      newPassword: (v) =>
        v.length >= MIN_PASSWORD_LENGTH ? null : `Use at least ${MIN_PASSWORD_LENGTH} characters.`,
      confirmPassword: (v, values) => (v === values.newPassword ? null : 'The passwords differ.'),
    },
  });
  const reset = useMutation({
    mutationFn: (newPassword: string) =>
      graphqlRequest(ResetPasswordMutation, { token, newPassword }),
    onSuccess: ({ resetPassword }) => {
      if (!resetPassword.ok) {
        setGeneral(applyUserErrors(form, resetPassword.errors));
        return;
      }
      setDone(true);
    },
    onError: (error) => setGeneral([describeError(error)]),
  });
  const footer = (
    <Anchor component={Link} to={done ? '/login' : '/forgot-password'} fw={600}>
      {done ? 'Log in' : 'Ask for a new link'}
    </Anchor>
  );
  if (done) {
    return (
      <AuthCard title="Password set" subtitle="Log in with your new password." footer={footer}>
        <Alert color="teal" icon={<IconCircleCheck size={18} />} role="status">
          Your new password is set. Every device that was signed in has been signed out.
        </Alert>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Set a new password" subtitle="Choose a new password for your account." footer={footer}>
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          setGeneral([]);
          reset.mutate(values.newPassword);
        })}
      >
        <Stack gap="md">
          <FormAlert messages={token ? general : ['This link is incomplete. Ask for a new one.']} />
          <PasswordInput
            label="New password"
            description={`At least ${MIN_PASSWORD_LENGTH} characters; not a commonly used one.`}
            autoComplete="new-password"
            required
            {...form.getInputProps('newPassword')}
          />
          <PasswordInput
            label="Repeat the new password"
            autoComplete="new-password"
            required
            {...form.getInputProps('confirmPassword')}
          />
          <Button type="submit" loading={reset.isPending} disabled={!token} fullWidth size="md">
            Set the new password
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
