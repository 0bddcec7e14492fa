import {
  Badge,
  Button,
  Card,
  Checkbox,
  SimpleGrid,
  Group,
  Radio,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconFileText, IconSend } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormAlert } from '../../components/FormAlert';
import { PageHeader } from '../../components/PageHeader';
import { Empty, ErrorState, ListSkeleton } from '../../components/States';
import type { PolicyChange, PolicyKind } from '../../gql/graphql';
import { describeError } from '../../lib/errors';
import { formatDate, formatDateTime, formatRelative } from '../../lib/format';
import { graphqlRequest } from '../../lib/graphql';
import { applyUserErrors } from '../../lib/userErrors';
import { usePartialQuery } from '../../lib/usePartialQuery';
import { AdminPolicyVersionsQuery, PublishPolicyMutation } from './queries/records';
import { adminKeys } from './keys';
import { DataTable } from '../../components/DataTable';

const KINDS: Array<{ value: PolicyKind; label: string }> = [
  { value: 'PRIVACY', label: 'Privacy policy' },
  { value: 'TERMS', label: 'Terms of service' },
];

/** When a version takes effect after its notice (policies/publish.py DELAYS). */
export const CHANGE_DELAY_DAYS: Record<PolicyChange, number> = {
  LEGAL_REQUIREMENT: 0,
  MINOR: 7,
  SUBSTANTIAL: 30,
};

const CHANGES: Array<{ value: PolicyChange; label: string; help: string }> = [
  { value: 'MINOR', label: 'Minor change', help: 'Takes effect 7 days after the notice.' },
  { value: 'SUBSTANTIAL', label: 'Substantial change', help: 'Takes effect 30 days after the notice.' },
  { value: 'LEGAL_REQUIREMENT', label: 'Required by law', help: 'Takes effect now, when published.' },
];

/** The moment a version published at `now` with `change` takes effect. */
export function effectiveFrom(change: PolicyChange, now: Date = new Date()): Date {
  return new Date(now.getTime() + CHANGE_DELAY_DAYS[change] * 24 * 60 * 60 * 1000);
}

function VersionState({ effectiveAt, isEffective }: { effectiveAt: string; isEffective: boolean }) {
  if (isEffective) {
    return (
      <Badge color="teal" variant="filled" radius="sm" style={{ textTransform: 'none' }}>
        Current
      </Badge>
    );
  }
  if (new Date(effectiveAt).getTime() > Date.now()) {
    return (
      <Badge color="blue" variant="light" radius="sm" style={{ textTransform: 'none' }}>
        Scheduled
      </Badge>
    );
  }
  return (
    <Badge color="gray" variant="light" radius="sm" style={{ textTransform: 'none' }}>
      Superseded
    </Badge>
  );
}

function Versions({ kind }: { kind: PolicyKind }) {
  const query = usePartialQuery(adminKeys.policies(kind), AdminPolicyVersionsQuery, { kind });
  const versions = query.data?.data.policyVersions ?? [];
  if (query.isPending) return <ListSkeleton rows={3} height={48} />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (versions.length === 0) {
    return <Empty icon={<IconFileText size={28} />} title="Nothing published yet" headingOrder={3} />;
  }
  return (
    <DataTable
      label="Published versions"
      minWidth={620}
      columns={['Version', 'Change', 'Notice', 'Takes effect', 'State']}
    >
      {versions.map((v) => {
        const future = new Date(v.effectiveAt).getTime() > Date.now();
        return (
          <Table.Tr key={v.id} data-testid="policy-version" bg={v.isEffective ? 'teal.0' : undefined}>
            <Table.Td>
              <Text size="sm" fw={600}>
                {v.version}
              </Text>
              <Text size="xs" c="dimmed" lineClamp={2} maw={260}>
                {v.title}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{CHANGES.find((c) => c.value === v.changeType)?.label ?? v.changeType}</Text>
              {v.materiallyReducesProtection && (
                <Text size="xs" c="red.8" fw={600}>
                  Reduces protection
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <Text size="sm">{formatDate(v.noticeAt)}</Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{formatDateTime(v.effectiveAt)}</Text>
              <Text size="xs" c="dimmed">
                {future ? `Takes effect ${formatRelative(v.effectiveAt)}` : `Took effect ${formatRelative(v.effectiveAt)}`}
              </Text>
            </Table.Td>
            <Table.Td>
              <VersionState effectiveAt={v.effectiveAt} isEffective={v.isEffective} />
            </Table.Td>
          </Table.Tr>
        );
      })}
    </DataTable>
  );
}

function PublishForm({ kind }: { kind: PolicyKind }) {
  const queryClient = useQueryClient();
  const [general, setGeneral] = useState<string[]>([]);
  const form = useForm({
    initialValues: {
      version: '',
      title: '',
      summary: '',
      body: '',
      changeType: 'MINOR' as PolicyChange,
      materiallyReducesProtection: false,
    },
  });
  const publish = useMutation({
    mutationFn: (values: typeof form.values) => graphqlRequest(PublishPolicyMutation, { input: { kind, ...values } }),
    onSuccess: ({ publishPolicyVersion: payload }) => {
      if (payload.errors.length > 0) {
        setGeneral(applyUserErrors(form, payload.errors));
        return;
      }
      void queryClient.invalidateQueries({ queryKey: adminKeys.policies(kind) });
      form.reset();
      notifications.show({
        color: 'teal',
        message: `Version ${payload.policyVersion?.version ?? ''} published. It takes effect ${formatDateTime(payload.policyVersion?.effectiveAt)}; every account is sent a notice.`,
      });
    },
    onError: (error) => setGeneral([describeError(error)]),
  });
  const effective = effectiveFrom(form.values.changeType);
  return (
    <form
      aria-label="Publish a new version"
      onSubmit={form.onSubmit((values) => {
        setGeneral([]);
        publish.mutate(values);
      })}
    >
      <Stack gap="sm">
        <FormAlert messages={general} />
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
              <TextInput label="Version" placeholder="2026-12" required {...form.getInputProps('version')} />
              <TextInput label="Title" required {...form.getInputProps('title')} />
            </SimpleGrid>
            <Textarea
              label="Summary of the changes"
              description="Sent to every account in the notice."
              required
              rows={3}
              resize="vertical"
              {...form.getInputProps('summary')}
            />
            <Textarea label="Full text (Markdown)" required rows={8} resize="vertical" {...form.getInputProps('body')} />
          </Stack>
          <Stack gap="md">
            <Radio.Group label="When it takes effect" required {...form.getInputProps('changeType')}>
              <Stack gap="xs" mt="xs">
                {CHANGES.map((c) => (
                  <Radio key={c.value} value={c.value} label={c.label} description={c.help} />
                ))}
              </Stack>
            </Radio.Group>
            <Checkbox
              label="Materially reduces the protection of people’s data"
              description="People may refuse it and close their account. Not allowed as a minor change."
              {...form.getInputProps('materiallyReducesProtection', { type: 'checkbox' })}
            />
            <Card bg="blue.0" radius="md" padding="sm" data-testid="effective-preview">
              <Text size="sm">
                {form.values.changeType === 'LEGAL_REQUIREMENT' ? (
                  <>
                    Takes effect <b>now</b>, as soon as it is published.
                  </>
                ) : (
                  <>
                    Scheduled: takes effect <b>{formatDateTime(effective.toISOString())}</b> (in{' '}
                    {CHANGE_DELAY_DAYS[form.values.changeType]} days) if published now.
                  </>
                )}
              </Text>
            </Card>
          </Stack>
        </SimpleGrid>
        <Group justify="flex-end">
          <Button type="submit" loading={publish.isPending} leftSection={<IconSend size={16} />}>
            Publish version
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Published versions of each policy, and publishing the next one. */
export function PoliciesPage() {
  const [kind, setKind] = useState<PolicyKind>('PRIVACY');
  const label = KINDS.find((k) => k.value === kind)?.label ?? kind;
  return (
    <Stack gap="lg">
      <PageHeader
        eyebrow="Admin console"
        title="Policies"
        description="Every published version, when it took or takes effect, and which one is in effect now. A published version is never edited: a correction is a new version."
      />
      <SegmentedControl
        aria-label="Policy"
        data={KINDS}
        value={kind}
        onChange={(value) => setKind(value as PolicyKind)}
        maw={420}
      />
      <Card withBorder radius="lg" padding="lg" component="section" aria-label={`${label} versions`}>
        <Title order={2} size="h4" mb="md">
          {label}: versions
        </Title>
        <Versions kind={kind} />
      </Card>
      <Card withBorder radius="lg" padding="lg" component="section" aria-label="Publish a new version">
        <Title order={2} size="h4" mb={4}>
          Publish a new version
        </Title>
        <Text size="sm" c="dimmed" mb="md">
          Of the {label.toLowerCase()}. Every open account is sent a notice at once, with the date it takes effect.
        </Text>
        <PublishForm key={kind} kind={kind} />
      </Card>
    </Stack>
  );
}
