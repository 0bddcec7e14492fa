import { Alert, Button, Card, Group, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconMailForward } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { FormAlert } from '../../components/FormAlert';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState } from '../../components/States';
import { describeError } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { graphqlRequest } from '../../lib/graphql';
import { ME_KEY } from '../../lib/useMe';
import { applyUserErrors } from '../../lib/userErrors';
import { useViewerQuery } from '../../lib/useViewerQuery';
import { ProfileQuery, UpdateProfileMutation } from './queries';
import { privacyKeys } from './keys';

interface ProfileValues {
  name: string;
  companyName: string;
  email: string;
}

function ProfileForm({ initial, createdAt }: { initial: ProfileValues; createdAt: string }) {
  const queryClient = useQueryClient();
  const [general, setGeneral] = useState<string[]>([]);
  const [pendingEmail, setPendingEmail] = useState<string | null>(null);
  const form = useForm<ProfileValues>({
    mode: 'controlled',
    initialValues: initial,
    validate: {
      name: (v) => (v.trim() ? null : 'Enter your name.'),
      email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'Enter a valid email address.'),
    },
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new answer from the server resets the form
  useEffect(() => {
    // A fresh answer from the server (after a save) becomes the form's new baseline.
    form.setInitialValues(initial);
    form.setValues(initial);
  }, [initial.name, initial.companyName, initial.email]);

  const save = useMutation({
    mutationFn: (values: ProfileValues) => {
      const email = values.email.trim();
      const emailChanged = email.toLowerCase() !== initial.email.toLowerCase();
      return graphqlRequest(UpdateProfileMutation, {
        input: {
          name: values.name.trim(),
          companyName: values.companyName.trim(),
          email: emailChanged ? email : null,
        },
      }).then((data) => ({ data, emailChanged, email }));
    },
    onSuccess: ({ data, emailChanged, email }) => {
      const payload = data.updateProfile;
      if (payload.errors.length > 0) {
        setGeneral(applyUserErrors(form, payload.errors));
        return;
      }
      void queryClient.invalidateQueries({ queryKey: ME_KEY });
      void queryClient.invalidateQueries({ queryKey: privacyKeys.all });
      if (emailChanged) {
        setPendingEmail(email);
        // The address stays the old one until the link is followed.
        form.setFieldValue('email', initial.email);
      }
      notifications.show({
        message: emailChanged ? 'Profile saved. Check your inbox to confirm the new email.' : 'Profile saved.',
        color: 'teal',
      });
    },
    onError: (error) => setGeneral([describeError(error)]),
  });

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        setGeneral([]);
        save.mutate(values);
      })}
    >
      <Stack gap="md">
        <FormAlert messages={general} />
        {pendingEmail && (
          <Alert
            color="blue"
            variant="light"
            icon={<IconMailForward size={18} />}
            title="Check your inbox to confirm"
            withCloseButton
            closeButtonLabel="Dismiss"
            onClose={() => setPendingEmail(null)}
            data-testid="email-pending"
          >
            We sent a confirmation link to <strong>{pendingEmail}</strong>. Your account keeps
            using <strong>{initial.email}</strong> until you follow it (within 24 hours).
          </Alert>
        )}
        <TextInput label="Name" autoComplete="name" required {...form.getInputProps('name')} />
        <TextInput
          label="Company"
          description="Optional. Leave empty to remove it."
          autoComplete="organization"
          {...form.getInputProps('companyName')}
        />
        <TextInput
          label="Email"
          type="email"
          autoComplete="email"
          required
          description="A new address takes effect once you follow the link we send to it."
          {...form.getInputProps('email')}
        />
        <Group justify="space-between" mt="xs">
          <Text size="xs" c="dimmed">
            Member since {formatDate(createdAt)}
          </Text>
          <Group gap="sm">
            <Button
              variant="default"
              onClick={() => {
                form.reset();
                setGeneral([]);
              }}
              disabled={!form.isDirty() || save.isPending}
            >
              Discard
            </Button>
            <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
              Save changes
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}

export function ProfilePage() {
  const query = useViewerQuery(privacyKeys.profile(), ProfileQuery, {});
  const me = query.data?.me;
  return (
    <Stack gap="lg" maw={640}>
      <PageHeader
        eyebrow="Privacy centre"
        title="Profile"
        description="The personal details your account holds. Keep them correct; staff reads of them are audited."
      />
      <Card withBorder radius="lg" padding="xl">
        {query.isPending ? (
          <Stack gap="md" role="status" aria-label="Loading">
            <Skeleton height={56} />
            <Skeleton height={56} />
            <Skeleton height={56} />
          </Stack>
        ) : query.isError ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : me ? (
          <ProfileForm
            initial={{ name: me.name ?? '', companyName: me.companyName ?? '', email: me.email ?? '' }}
            createdAt={me.createdAt}
          />
        ) : null}
      </Card>
    </Stack>
  );
}
