import {
  Alert,
  Button,
  Card,
  Group,
  List,
  Modal,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { FormAlert } from '../../components/FormAlert';
import { PageHeader } from '../../components/PageHeader';
import { useFormErrors } from '../../lib/userErrors';
import { formatDate } from '../../lib/format';
import { graphqlRequest } from '../../lib/graphql';
import { resetViewer } from '../../lib/useMe';
import { CloseAccountMutation } from './queries';

/** What the person types to show they mean it. */
export const CONFIRM_WORD = 'DELETE';

/** Whether the dialog may send the request: the word typed and a password given. */
export function canConfirm(typed: string, password: string): boolean {
  return typed.trim().toUpperCase() === CONFIRM_WORD && password.length > 0;
}

const ERASED = [
  'your profile: name, email address and company',
  'every image you uploaded, its original and every rendition',
  'your sessions, API tokens, activity log and consent choices',
];
const KEPT = [
  'payment records, for 10 years as tax law requires: amounts and dates, with only your initials',
  'the access log of who read your data (ids and roles, never your name or email), for 6 years',
  'any legal hold or disclosure to an authority, for 6 years, and the record of this request',
];

export function DeleteAccountDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [typed, setTyped] = useState('');
  const [password, setPassword] = useState('');
  const errors = useFormErrors(['password']);

  const close = useMutation({
    mutationFn: () => graphqlRequest(CloseAccountMutation, { password }),
    onSuccess: ({ closeAccount }) => {
      if (closeAccount.errors.length > 0 || !closeAccount.request) {
        errors.show(closeAccount.errors);
        return;
      }
      const request = closeAccount.request;
      // The erasure ends every session of the account, this one included. Logging out here
      // as well would race it (a log-out is itself recorded as activity), so the app only
      // forgets the viewer.
      resetViewer(queryClient, null);
      notifications.show({
        id: 'account-deleted',
        title: 'Your account is being deleted',
        message: request.waitingReason
          ? `${request.waitingReason} It is done by ${formatDate(request.dueAt)} at the latest; we email you when it is.`
          : `Your data is being erased now, and by ${formatDate(request.dueAt)} at the latest. A confirmation goes to your email address.`,
        color: 'orange',
        autoClose: false,
      });
      void navigate('/login', { replace: true });
    },
    onError: errors.fail,
  });

  const reset = () => {
    setTyped('');
    setPassword('');
    errors.clear();
    onClose();
  };

  return (
    <Modal opened={opened} onClose={reset} title="Delete your account for good?" centered size="lg">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!canConfirm(typed, password)) return;
          errors.clear();
          close.mutate();
        }}
      >
        <Stack gap="md">
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />}>
            This cannot be undone. Once erased, nothing can bring your images or account back.
            Download a copy of your data first if you want one.
          </Alert>
          <Text size="sm">
            The erasure starts as soon as you confirm and is finished within one month at the
            latest (usually minutes). A legal hold on your account makes it wait, and we tell you
            why. You are logged out at once.
          </Text>
          <FormAlert messages={errors.general} />
          <TextInput
            label={`Type ${CONFIRM_WORD} to confirm`}
            value={typed}
            onChange={(e) => setTyped(e.currentTarget.value)}
            autoComplete="off"
            spellCheck={false}
            data-autofocus
          />
          <PasswordInput
            label="Your current password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => {
              setPassword(e.currentTarget.value);
              errors.setField('password', null);
            }}
            error={errors.byField.password}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={reset} disabled={close.isPending}>
              Keep my account
            </Button>
            <Button
              type="submit"
              color="red"
              leftSection={<IconTrash size={16} />}
              disabled={!canConfirm(typed, password)}
              loading={close.isPending}
            >
              Delete my account
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** "Delete my account": what goes, what stays and when; the erasure is a verified request. */
export function DeleteAccountPage() {
  const [opened, setOpened] = useState(false);
  return (
    <Stack gap="lg" maw={820}>
      <PageHeader
        eyebrow="Privacy centre"
        title="Delete my account"
        description="Close your account and have Pixvault erase your data (your right to erasure)."
      />
      <Card withBorder radius="lg" padding="lg">
        <Stack gap="md">
          <Group gap="sm" wrap="nowrap" align="flex-start">
            <ThemeIcon color="red" variant="light" size={40} radius="md">
              <IconTrash size={22} />
            </ThemeIcon>
            <Stack gap={4}>
              <Title order={2} fz="lg">
                What happens
              </Title>
              <Text size="sm" c="dimmed">
                Pixvault erases your data as soon as you confirm with your password, and within
                one month at the latest. You get an email when it is done.
              </Text>
            </Stack>
          </Group>
          <div>
            <Text size="sm" fw={600}>
              Erased
            </Text>
            <List size="sm" spacing={2}>
              {ERASED.map((item) => (
                <List.Item key={item}>{item}</List.Item>
              ))}
            </List>
          </div>
          <div>
            <Text size="sm" fw={600}>
              Kept, because the law requires it
            </Text>
            <List size="sm" spacing={2}>
              {KEPT.map((item) => (
                <List.Item key={item}>{item}</List.Item>
              ))}
            </List>
          </div>
          <Text size="sm">
            Want a copy first?{' '}
            <Text component={Link} to="/privacy/download" size="sm" c="blue" td="underline">
              Download my data
            </Text>
          </Text>
          <Group justify="flex-end">
            <Button color="red" leftSection={<IconTrash size={16} />} onClick={() => setOpened(true)}>
              Delete my account…
            </Button>
          </Group>
        </Stack>
      </Card>
      <DeleteAccountDialog opened={opened} onClose={() => setOpened(false)} />
    </Stack>
  );
}
