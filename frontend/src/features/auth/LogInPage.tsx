import { Anchor, Button, Checkbox, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { FormAlert } from '../../components/FormAlert';
import { safeNext } from '../../components/guards';
import { describeError } from '../../lib/errors';
import { graphqlRequest } from '../../lib/graphql';
import { resetViewer } from '../../lib/useMe';
import { applyUserErrors } from '../../lib/userErrors';
import { LogInMutation } from './queries';
import { SecondStepForm } from './SecondStepForm';
import { AuthCard } from '../../components/AuthCard';

export function LogInPage() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const [general, setGeneral] = useState<string[]>([]);
  const [challenge, setChallenge] = useState<string | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { email: '', password: '', rememberMe: false },
    validate: {
      email: (v) => (v.trim() ? null : 'Enter your email address.'),
      password: (v) => (v ? null : 'Enter your password.'),
    },
  });
  const logIn = useMutation({
    mutationFn: (input: typeof form.values) => graphqlRequest(LogInMutation, { input }),
    onSuccess: ({ logIn: payload }) => {
      if (payload.twoFactorChallenge) {
        setChallenge(payload.twoFactorChallenge);
        return;
      }
      if (payload.errors.length > 0 || !payload.user) {
        setGeneral(applyUserErrors(form, payload.errors));
        return;
      }
      resetViewer(queryClient, payload.user);
      void navigate(safeNext(location.search), { replace: true });
    },
    onError: (error) => setGeneral([describeError(error)]),
  });

  if (challenge) {
    return (
      <AuthCard title="Two-factor log-in" subtitle="One more step to log in.">
        <SecondStepForm
          challenge={challenge}
          onExpired={() => setChallenge(null)}
          onDone={(user) => {
            resetViewer(queryClient, user);
            void navigate(safeNext(location.search), { replace: true });
          }}
        />
      </AuthCard>
    );
  }

  return (
    <AuthCard
      title="Welcome back"
      subtitle="Log in to your Pixvault account."
      footer={
        <>
          New to Pixvault?{' '}
          <Anchor component={Link} to={`/signup${location.search}`} fw={600}>
            Create an account
          </Anchor>
        </>
      }
    >
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          setGeneral([]);
          logIn.mutate({ ...values, email: values.email.trim() });
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
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            required
            {...form.getInputProps('password')}
          />
          <Anchor component={Link} to="/forgot-password" size="sm" mt={-8}>
            Forgot your password?
          </Anchor>
          <Checkbox
            label="Remember me"
            description="Stay logged in on this device after the browser closes."
            {...form.getInputProps('rememberMe', { type: 'checkbox' })}
          />
          <Button type="submit" loading={logIn.isPending} fullWidth size="md">
            Log in
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
