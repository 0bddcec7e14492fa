import { Alert, Button, Card, Code, Group, Image, PasswordInput, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconShieldLock } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { FormAlert } from '../../components/FormAlert';
import { PageHeader } from '../../components/PageHeader';
import { PageLoader } from '../../components/States';
import { describeError } from '../../lib/errors';
import { graphqlRequest } from '../../lib/graphql';
import { hasAnyRole, STAFF_ROLES } from '../../lib/roles';
import { ME_KEY } from '../../lib/useMe';
import { applyUserErrors } from '../../lib/userErrors';
import {
  BeginTwoFactorSetupMutation,
  DisableTwoFactorMutation,
  EnableTwoFactorMutation,
  TwoFactorStatusQuery,
} from './twoFactorQueries';
import { privacyKeys } from './keys';


type Setup = { secret: string; qrCode: string };

/** Two-factor log-in: set up an authenticator app, see the recovery codes once, turn it off. */
export function TwoFactorPage() {
  const queryClient = useQueryClient();
  const status = useQuery({
    queryKey: privacyKeys.twoFactor(),
    queryFn: () => graphqlRequest(TwoFactorStatusQuery, {}),
  });
  const [setup, setSetup] = useState<Setup | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [general, setGeneral] = useState<string[]>([]);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: privacyKeys.twoFactor() });
    void queryClient.invalidateQueries({ queryKey: ME_KEY });
  };

  const begin = useMutation({
    mutationFn: () => graphqlRequest(BeginTwoFactorSetupMutation, {}),
    onSuccess: ({ beginTwoFactorSetup: p }) => {
      if (p.errors.length > 0 || !p.secret || !p.qrCode) {
        setGeneral(p.errors.map((e) => e.message));
        return;
      }
      setSetup({ secret: p.secret, qrCode: p.qrCode });
    },
    onError: (error) => setGeneral([describeError(error)]),
  });
  const enableForm = useForm({ mode: 'controlled', initialValues: { code: '' } });
  const enable = useMutation({
    mutationFn: (code: string) => graphqlRequest(EnableTwoFactorMutation, { code }),
    onSuccess: ({ enableTwoFactor: p }) => {
      if (p.errors.length > 0 || !p.recoveryCodes) {
        setGeneral(applyUserErrors(enableForm, p.errors));
        return;
      }
      setSetup(null);
      setRecoveryCodes(p.recoveryCodes);
      refresh();
    },
    onError: (error) => setGeneral([describeError(error)]),
  });
  const disableForm = useForm({ mode: 'controlled', initialValues: { password: '', code: '' } });
  const disable = useMutation({
    mutationFn: (values: { password: string; code: string }) =>
      graphqlRequest(DisableTwoFactorMutation, values),
    onSuccess: ({ disableTwoFactor: p }) => {
      if (!p.ok) {
        setGeneral(applyUserErrors(disableForm, p.errors));
        return;
      }
      disableForm.reset();
      setRecoveryCodes(null);
      refresh();
    },
    onError: (error) => setGeneral([describeError(error)]),
  });

  if (status.isPending) return <PageLoader />;
  const me = status.data?.me;
  const isStaff = hasAnyRole(me?.roles ?? [], STAFF_ROLES);

  let body: ReactNode;
  if (recoveryCodes) {
    body = (
      <Card withBorder radius="lg" padding="xl">
        <Stack gap="sm">
          <Text fw={600}>Two-factor log-in is on. Keep these recovery codes somewhere safe.</Text>
          <Text size="sm" c="dimmed">
            Each works once, in place of a code from the app. They are shown only now.
          </Text>
          <SimpleGrid cols={2} data-testid="recovery-codes">
            {recoveryCodes.map((c) => (
              <Code key={c}>{c}</Code>
            ))}
          </SimpleGrid>
          <Group>
            <Button variant="light" onClick={() => setRecoveryCodes(null)}>
              I have saved them
            </Button>
          </Group>
        </Stack>
      </Card>
    );
  } else if (me?.twoFactorEnabled) {
    body = (
      <Card withBorder radius="lg" padding="xl">
        <form
          noValidate
          onSubmit={disableForm.onSubmit((values) => {
            setGeneral([]);
            disable.mutate({ password: values.password, code: values.code.trim() });
          })}
        >
          <Stack gap="md">
            <Text>
              Two-factor log-in is <b>on</b>. {me.recoveryCodesLeft ?? 0} recovery codes left.
            </Text>
            {isStaff && (
              <Alert color="yellow">Staff roles stop working while two-factor log-in is off.</Alert>
            )}
            <PasswordInput
              label="Password"
              autoComplete="current-password"
              {...disableForm.getInputProps('password')}
            />
            <TextInput label="Code from the app, or a recovery code" {...disableForm.getInputProps('code')} />
            <Group justify="flex-end">
              <Button type="submit" color="red" variant="light" loading={disable.isPending}>
                Turn off two-factor log-in
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
    );
  } else if (setup) {
    body = (
      <Card withBorder radius="lg" padding="xl">
        <form
          noValidate
          onSubmit={enableForm.onSubmit((values) => {
            setGeneral([]);
            enable.mutate(values.code.trim());
          })}
        >
          <Stack gap="md">
            <Text>1. Scan this QR code with an authenticator app (or type the key).</Text>
            <Image src={setup.qrCode} alt="QR code for your authenticator app" w={200} h={200} />
            <Text size="sm">
              Key: <Code data-testid="two-factor-secret">{setup.secret}</Code>
            </Text>
            <Text>2. Enter the 6-digit code the app shows.</Text>
            <TextInput label="Code" autoComplete="one-time-code" {...enableForm.getInputProps('code')} />
            <Group justify="flex-end">
              <Button type="submit" loading={enable.isPending}>
                Turn on two-factor log-in
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
    );
  } else {
    body = (
      <Card withBorder radius="lg" padding="xl">
        <Stack gap="md">
          {isStaff && (
            <Alert color="orange" icon={<IconShieldLock size={18} />} title="Required for staff">
              Your staff roles work only once two-factor log-in is on. Set it up to use the admin
              console.
            </Alert>
          )}
          <Text>
            Two-factor log-in is <b>off</b>. With it on, log-in also asks for a code from an
            authenticator app on your phone.
          </Text>
          <Group>
            <Button onClick={() => begin.mutate()} loading={begin.isPending}>
              Set up two-factor log-in
            </Button>
          </Group>
        </Stack>
      </Card>
    );
  }

  return (
    <Stack gap="lg" maw={640}>
      <PageHeader
        eyebrow="Privacy centre"
        title="Two-factor log-in"
        description="A code from your phone at each log-in, so a password alone cannot open your account."
      />
      <FormAlert messages={general} />
      {body}
    </Stack>
  );
}
