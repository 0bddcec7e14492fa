import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Code,
  CopyButton,
  Group,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCheck, IconCopy, IconKey, IconPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmModal } from '../../components/ConfirmModal';
import { FormAlert } from '../../components/FormAlert';
import { PageHeader } from '../../components/PageHeader';
import { Empty, ErrorState, ListSkeleton } from '../../components/States';
import { describeError } from '../../lib/errors';
import { formatDateTime, formatRelative } from '../../lib/format';
import { graphqlRequest } from '../../lib/graphql';
import type { ApiScope } from '../../gql/graphql';
import { isStaff } from '../../lib/roles';
import { useMe } from '../../lib/useMe';
import { applyUserErrors } from '../../lib/userErrors';
import { useViewerQuery } from '../../lib/useViewerQuery';
import {
  ApiTokensQuery,
  CreateApiTokenMutation,
  RevokeApiTokenMutation,
} from './queries';
import { privacyKeys } from './keys';
import { DataTable } from '../../components/DataTable';

interface Token {
  id: string;
  name: string;
  scopes: readonly ApiScope[];
  createdAt: string;
  expiresAt?: string | null;
  lastUsedAt?: string | null;
}

/** What each scope lets a token do, in the order the form offers them. */
const SCOPE_LABELS: Record<ApiScope, string> = {
  ASSETS_READ: 'Read your images',
  ASSETS_WRITE: 'Upload, change and delete images',
  ACCOUNT_READ: 'Read your account',
  ACCOUNT_WRITE: 'Change your profile and choices',
  STAFF: 'Use your staff roles',
};

/** Lifetimes the form offers, in days ('never' sends null). */
const EXPIRY_CHOICES = [
  { value: '7', label: '7 days' },
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: '1 year' },
  { value: 'never', label: 'Never expires' },
];

/** The secret of a new token, shown once. */
function SecretModal({ created, onClose }: { created: { name: string; secret: string } | null; onClose: () => void }) {
  return (
    <Modal opened={created !== null} onClose={onClose} title="Your new API token" size="lg" centered>
      {created && (
        <Stack gap="md">
          <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />}>
            Copy the secret of <strong>{created.name}</strong> now. It is shown only once: Pixvault
            keeps only a hash of it.
          </Alert>
          <Group gap="xs" wrap="nowrap" align="center">
            <Code
              block
              style={{ flex: 1, wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}
              data-testid="token-secret"
              aria-label="Token secret"
            >
              {created.secret}
            </Code>
            <CopyButton value={created.secret} timeout={2000}>
              {({ copied, copy }) => (
                <Tooltip label={copied ? 'Copied' : 'Copy'} withArrow>
                  <ActionIcon
                    color={copied ? 'teal' : 'blue'}
                    variant="light"
                    size="xl"
                    onClick={copy}
                    aria-label={copied ? 'Secret copied' : 'Copy secret'}
                  >
                    {copied ? <IconCheck size={20} /> : <IconCopy size={20} />}
                  </ActionIcon>
                </Tooltip>
              )}
            </CopyButton>
          </Group>
          <Text size="sm" c="dimmed">
            Send it as <Code>Authorization: Bearer &lt;secret&gt;</Code> from scripts and apps.
          </Text>
          <Group justify="flex-end">
            <Button onClick={onClose}>I have copied it</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

interface NewToken {
  name: string;
  scopes: ApiScope[];
  expiry: string;
}

function CreateTokenForm({ onCreated }: { onCreated: (name: string, secret: string) => void }) {
  const queryClient = useQueryClient();
  const me = useMe();
  const staff = isStaff(me.data?.roles);
  const [general, setGeneral] = useState<string[]>([]);
  const form = useForm<NewToken>({
    mode: 'controlled',
    initialValues: { name: '', scopes: ['ASSETS_READ', 'ACCOUNT_READ'], expiry: '90' },
    validate: {
      name: (v) => (v.trim() ? null : 'Name the token after the script or app that uses it.'),
      scopes: (v) => (v.length > 0 ? null : 'Choose at least one thing the token may do.'),
    },
  });
  const create = useMutation({
    mutationFn: (values: NewToken) =>
      graphqlRequest(CreateApiTokenMutation, {
        name: values.name.trim(),
        scopes: values.scopes,
        expiresInDays: values.expiry === 'never' ? null : Number(values.expiry),
      }),
    onSuccess: ({ createApiToken: payload }) => {
      if (payload.errors.length > 0 || !payload.token || !payload.secret) {
        setGeneral(applyUserErrors(form, payload.errors));
        return;
      }
      form.reset();
      void queryClient.invalidateQueries({ queryKey: privacyKeys.all });
      onCreated(payload.token.name, payload.secret);
    },
    onError: (error) => setGeneral([describeError(error)]),
  });
  const offered = (Object.keys(SCOPE_LABELS) as ApiScope[]).filter((s) => s !== 'STAFF' || staff);
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        setGeneral([]);
        create.mutate(values);
      })}
    >
      <Stack gap="sm">
        <FormAlert messages={general} />
        <Group align="flex-start" gap="sm" wrap="wrap">
          <TextInput
            label="Token name"
            placeholder="e.g. Backup script"
            description="What will use it, so you recognise it later."
            style={{ flex: '1 1 260px' }}
            {...form.getInputProps('name')}
          />
          <Select
            label="Expires after"
            description="It stops working then."
            data={EXPIRY_CHOICES}
            allowDeselect={false}
            style={{ flex: '0 1 180px' }}
            {...form.getInputProps('expiry')}
          />
        </Group>
        <Checkbox.Group
          label="What it may do"
          description="Give it only what it needs. A token can never make or list tokens."
          {...form.getInputProps('scopes')}
        >
          <Group gap="md" mt="xs">
            {offered.map((scope) => (
              <Checkbox key={scope} value={scope} label={SCOPE_LABELS[scope]} />
            ))}
          </Group>
        </Checkbox.Group>
        <Group justify="flex-end">
          <Button type="submit" leftSection={<IconPlus size={16} />} loading={create.isPending}>
            Create token
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function ApiTokensPage() {
  const queryClient = useQueryClient();
  const query = useViewerQuery(privacyKeys.tokens(), ApiTokensQuery, {});
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const [target, setTarget] = useState<Token | null>(null);
  const revoke = useMutation({
    mutationFn: (token: Token) =>
      graphqlRequest(RevokeApiTokenMutation, { id: token.id }).then((data) => ({ data, token })),
    onSuccess: ({ data, token }) => {
      setTarget(null);
      if (!data.revokeApiToken.ok) {
        notifications.show({
          title: 'Not revoked',
          message: data.revokeApiToken.errors.map((e) => e.message).join(' '),
          color: 'red',
        });
        return;
      }
      void queryClient.invalidateQueries({ queryKey: privacyKeys.all });
      notifications.show({ message: `“${token.name}” no longer works.`, color: 'teal' });
    },
    onError: (error) => {
      setTarget(null);
      notifications.show({ title: 'Not revoked', message: describeError(error), color: 'red' });
    },
  });
  const tokens = query.data?.me?.apiTokens ?? [];

  return (
    <Stack gap="lg">
      <PageHeader
        eyebrow="Privacy centre"
        title="API tokens"
        description="Tokens let scripts and mobile apps act as you. Revoke any you no longer use."
      />
      <Card withBorder radius="lg" padding="lg" component="section" aria-label="New token">
        <Title order={2} size="h4" mb="sm">
          New token
        </Title>
        <CreateTokenForm onCreated={(name, secret) => setCreated({ name, secret })} />
      </Card>
      <Card withBorder radius="lg" padding="lg" component="section" aria-label="Your tokens">
        <Title order={2} size="h4" mb="sm">
          Your tokens
        </Title>
        {query.isPending ? (
          <ListSkeleton rows={3} height={40} />
        ) : query.isError ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : tokens.length === 0 ? (
          <Empty
            icon={<IconKey size={28} />}
            title="No API tokens"
            description="Nothing can act as you outside this browser."
            headingOrder={3}
          />
        ) : (
          <DataTable
            label="Your API tokens"
            minWidth={760}
            columns={['Name', 'May', 'Created', 'Expires', 'Last used', { key: 'actions', label: <span className="pv-sr-only">Actions</span> }]}
          >
            {tokens.map((token) => (
              <Table.Tr key={token.id} data-testid="token-row">
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <IconKey size={16} aria-hidden="true" color="var(--mantine-color-dimmed)" />
                    <Text size="sm" fw={600}>
                      {token.name}
                    </Text>
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {token.scopes.map((scope) => (
                      <Badge key={scope} variant="light" size="sm" title={SCOPE_LABELS[scope]}>
                        {scope.toLowerCase().replace('_', ':')}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{formatDateTime(token.createdAt)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={token.expiresAt ? undefined : 'dimmed'}>
                    {token.expiresAt ? formatDateTime(token.expiresAt) : 'Never'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={token.lastUsedAt ? undefined : 'dimmed'}>
                    {token.lastUsedAt ? formatRelative(token.lastUsedAt) : 'Never'}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">
                  <Button
                    size="xs"
                    variant="light"
                    color="red"
                    onClick={() => setTarget(token)}
                    aria-label={`Revoke token ${token.name}`}
                  >
                    Revoke
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        )}
      </Card>
      <SecretModal created={created} onClose={() => setCreated(null)} />
      <ConfirmModal
        opened={target !== null}
        title="Revoke this token?"
        confirmLabel="Revoke token"
        loading={revoke.isPending}
        onClose={() => setTarget(null)}
        onConfirm={() => target && revoke.mutate(target)}
      >
        {`Anything using “${target?.name ?? ''}” stops working at once.`}
      </ConfirmModal>
    </Stack>
  );
}
