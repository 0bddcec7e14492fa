import {
  Anchor,
  Button,
  Checkbox,
  Divider,
  PasswordInput,
  SimpleGrid,
  Stack,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { FormAlert } from '../../components/FormAlert';
import { safeNext } from '../../components/guards';
import { describeError } from '../../lib/errors';
import { graphqlRequest } from '../../lib/graphql';
import { resetViewer } from '../../lib/useMe';
import { applyUserErrors } from '../../lib/userErrors';
import { MinimumAgeQuery, SignUpMutation } from './queries';
import { AuthCard } from '../../components/AuthCard';
import { MIN_PASSWORD_LENGTH } from '../../lib/passwords';
import { authKeys } from './keys';


export function SignUpPage() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const [general, setGeneral] = useState<string[]>([]);
  // The operator's minimum age (PIXVAULT_MINIMUM_AGE); the server refuses a sign-up without
  // this confirmation.
  const minimumAge = useQuery({
    queryKey: authKeys.minimumAge(),
    queryFn: ({ signal }) => graphqlRequest(MinimumAgeQuery, {}, { signal }),
    staleTime: Infinity,
  }).data?.minimumAge;
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      name: '',
      companyName: '',
      email: '',
      password: '',
      acceptPolicies: false,
      minimumAgeConfirmed: false,
      marketingEmails: false,
    },
    validate: {
      name: (v) => (v.trim() ? null : 'Enter your name.'),
      email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'Enter a valid email address.'),
      password: (v) =>
        v.length >= MIN_PASSWORD_LENGTH ? null : `Use at least ${MIN_PASSWORD_LENGTH} characters.`,
      acceptPolicies: (v) =>
        v ? null : 'Accept the terms and the privacy policy to create an account.',
      minimumAgeConfirmed: (v) =>
        v ? null : 'You must be old enough to create an account: confirm your age.',
    },
  });
  const signUp = useMutation({
    mutationFn: (values: typeof form.values) =>
      graphqlRequest(SignUpMutation, {
        input: {
          name: values.name.trim(),
          email: values.email.trim(),
          password: values.password,
          companyName: values.companyName.trim() || null,
          acceptPolicies: values.acceptPolicies,
          minimumAgeConfirmed: values.minimumAgeConfirmed,
          marketingEmails: values.marketingEmails,
        },
      }),
    onSuccess: ({ signUp: payload }) => {
      if (payload.errors.length > 0 || !payload.user) {
        setGeneral(applyUserErrors(form, payload.errors));
        return;
      }
      resetViewer(queryClient, payload.user);
      notifications.show({
        title: 'Welcome to Pixvault',
        message: 'Your account is ready.',
        color: 'teal',
      });
      void navigate(safeNext(location.search), { replace: true, state: { welcome: true } });
    },
    onError: (error) => setGeneral([describeError(error)]),
  });

  return (
    <AuthCard
      title="Create your account"
      subtitle="Private by default. Your images and your data stay yours."
      footer={
        <>
          Already have an account?{' '}
          <Anchor component={Link} to={`/login${location.search}`} fw={600}>
            Log in
          </Anchor>
        </>
      }
    >
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          setGeneral([]);
          signUp.mutate(values);
        })}
      >
        <Stack gap="md">
          <FormAlert messages={general} />
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
            <TextInput
              label="Name"
              autoComplete="name"
              required
              {...form.getInputProps('name')}
            />
            <TextInput
              label="Company"
              description="Optional"
              autoComplete="organization"
              {...form.getInputProps('companyName')}
            />
          </SimpleGrid>
          <TextInput
            label="Email"
            type="email"
            autoComplete="email"
            required
            {...form.getInputProps('email')}
          />
          <PasswordInput
            label="Password"
            description={`At least ${MIN_PASSWORD_LENGTH} characters. A long passphrase is best.`}
            autoComplete="new-password"
            required
            {...form.getInputProps('password')}
          />
          <Divider />
          <Checkbox
            label={
              <>
                I accept the{' '}
                <Anchor component={Link} to="/policies/terms" target="_blank">
                  terms of service
                </Anchor>{' '}
                and the{' '}
                <Anchor component={Link} to="/policies/privacy" target="_blank">
                  privacy policy
                </Anchor>
              </>
            }
            required
            {...form.getInputProps('acceptPolicies', { type: 'checkbox' })}
          />
          <Checkbox
            label={`I am at least ${minimumAge ?? 16} years old`}
            required
            {...form.getInputProps('minimumAgeConfirmed', { type: 'checkbox' })}
          />
          <Checkbox
            label="Email me product news and tips"
            description="Optional. You can withdraw this consent at any time."
            {...form.getInputProps('marketingEmails', { type: 'checkbox' })}
          />
          <Button type="submit" loading={signUp.isPending} fullWidth size="md">
            Create account
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
