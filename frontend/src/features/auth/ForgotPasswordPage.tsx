import { Alert, Anchor, Button, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconMailCheck } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { FormAlert } from '../../components/FormAlert';
import { describeError } from '../../lib/errors';
import { graphqlRequest } from '../../lib/graphql';
import { applyUserErrors } from '../../lib/userErrors';
import { RequestPasswordResetMutation } from './queries';
import { AuthCard } from '../../components/AuthCard';

/** "Forgot your password?": asks for a reset link; the answer never says whether an account exists. */
export function ForgotPasswordPage() {
  const [general, setGeneral] = useState<string[]>([]);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { email: '' },
    validate: { email: (v) => (v.trim() ? null : 'Enter your email address.') },
  });
  const request = useMutation({
    mutationFn: (email: string) => graphqlRequest(RequestPasswordResetMutation, { email }),
    onSuccess: ({ requestPasswordReset }, email) => {
      if (!requestPasswordReset.ok) {
        setGeneral(applyUserErrors(form, requestPasswordReset.errors));
        return;
      }
      setSentTo(email);
    },
    onError: (error) => setGeneral([describeError(error)]),
  });
  const footer = (
    <Anchor component={Link} to="/login" fw={600}>
      Back to log in
    </Anchor>
  );
  if (sentTo) {
    return (
      <AuthCard title="Check your email" subtitle="A link is on its way." footer={footer}>
        <Alert color="teal" icon={<IconMailCheck size={18} />} role="status">
          If {sentTo} belongs to a Pixvault account, we have sent it a link to set a new
          password. The link works once, for one hour.
        </Alert>
      </AuthCard>
    );
  }
  return (
    <AuthCard
      title="Forgot your password?"
      subtitle="We will email you a link to set a new one."
      footer={footer}
    >
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          setGeneral([]);
          request.mutate(values.email.trim());
        })}
      >
        <Stack gap="md">
          <FormAlert messages={general} />
          <TextInput
            label="Email"
            type="email"
            autoComplete="username"
            required
            {...form.getInputProps('email')}
          />
          <Button type="submit" loading={request.isPending} fullWidth size="md">
            Send the link
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
