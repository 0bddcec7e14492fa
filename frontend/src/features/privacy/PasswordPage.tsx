import { Button, Card, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormAlert } from '../../components/FormAlert';
import { PageHeader } from '../../components/PageHeader';
import { describeError } from '../../lib/errors';
import { graphqlRequest } from '../../lib/graphql';
import { applyUserErrors } from '../../lib/userErrors';
import { ChangePasswordMutation } from './queries';
import { MIN_PASSWORD_LENGTH } from '../../lib/passwords';
import { privacyKeys } from './keys';

export function PasswordPage() {
  const queryClient = useQueryClient();
  const [general, setGeneral] = useState<string[]>([]);
  const form = useForm({
    mode: 'controlled',
    initialValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
    validate: {
      currentPassword: (v) => (v ? null : 'Enter your current password.'),
      newPassword: (v) =>
        v.length >= MIN_PASSWORD_LENGTH ? null : `Use at least ${MIN_PASSWORD_LENGTH} characters.`,
      confirmPassword: (v, values) => (v === values.newPassword ? null : 'The passwords differ.'),
    },
  });
  const change = useMutation({
    mutationFn: (values: typeof form.values) =>
      graphqlRequest(ChangePasswordMutation, {
        currentPassword: values.currentPassword,
        newPassword: values.newPassword,
      }),
    onSuccess: ({ changePassword }) => {
      if (!changePassword.ok) {
        setGeneral(applyUserErrors(form, changePassword.errors));
        return;
      }
      form.reset();
      void queryClient.invalidateQueries({ queryKey: privacyKeys.all });
      notifications.show({
        title: 'Password changed',
        message: 'Your other sessions were logged out.',
        color: 'teal',
      });
    },
    onError: (error) => setGeneral([describeError(error)]),
  });

  return (
    <Stack gap="lg" maw={640}>
      <PageHeader
        eyebrow="Privacy centre"
        title="Password"
        description="Changing your password logs out every other session of your account."
      />
      <Card withBorder radius="lg" padding="xl">
        <form
          noValidate
          onSubmit={form.onSubmit((values) => {
            setGeneral([]);
            change.mutate(values);
          })}
        >
          <Stack gap="md">
            <FormAlert messages={general} />
            <PasswordInput
              label="Current password"
              autoComplete="current-password"
              required
              {...form.getInputProps('currentPassword')}
            />
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
            <Group justify="space-between" mt="xs">
              <Text size="xs" c="dimmed">
                Stored only as an argon2id hash.
              </Text>
              <Button type="submit" loading={change.isPending}>
                Change password
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
    </Stack>
  );
}
