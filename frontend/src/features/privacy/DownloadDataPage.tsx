import { Button, Card, Group, List, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { IconFileZip } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormAlert } from '../../components/FormAlert';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, ListSkeleton } from '../../components/States';
import { useFormErrors } from '../../lib/userErrors';
import { graphqlRequest } from '../../lib/graphql';
import { DataRequestsQuery, SubmitDataRequestMutation } from './queries';
import { ExportStatus, isOpen } from './ExportStatus';
import { privacyKeys } from './keys';

/** How often an export that is on its way is asked about. */
export const EXPORT_POLL_MS = 1500;

/** "Download my data": an ACCESS request, verified by the password, then its ZIP. */
export function DownloadDataPage() {
  const queryClient = useQueryClient();
  const [password, setPassword] = useState('');
  const errors = useFormErrors(['password']);

  const query = useQuery({
    queryKey: privacyKeys.dataRequests(),
    queryFn: ({ signal }) => graphqlRequest(DataRequestsQuery, {}, { signal }),
    refetchInterval: (q) => {
      const rows = q.state.data?.me?.dataSubjectRequests ?? [];
      return rows.some((r) => r.kind === 'ACCESS' && isOpen(r)) ? EXPORT_POLL_MS : false;
    },
  });
  const exports = (query.data?.me?.dataSubjectRequests ?? [])
    .filter((r) => r.kind === 'ACCESS')
    .sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
  const latest = exports[0];
  const running = latest !== undefined && isOpen(latest);

  const submit = useMutation({
    mutationFn: () =>
      graphqlRequest(SubmitDataRequestMutation, { input: { kind: 'ACCESS', password } }),
    onSuccess: ({ submitDataSubjectRequest }) => {
      if (submitDataSubjectRequest.errors.length > 0) {
        errors.show(submitDataSubjectRequest.errors);
        return;
      }
      setPassword('');
      void queryClient.invalidateQueries({ queryKey: privacyKeys.dataRequests() });
    },
    onError: errors.fail,
  });

  return (
    <Stack gap="lg" maw={820}>
      <PageHeader
        eyebrow="Privacy centre"
        title="Download my data"
        description="A copy of everything Pixvault holds about you, as a ZIP you can keep or take to another service (your rights of access and to data portability)."
      />

      {query.isPending ? (
        <ListSkeleton rows={1} height={120} />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        latest && (
          <Card withBorder radius="lg" padding="lg" aria-labelledby="latest-export-title" component="section">
            <Stack gap="sm">
              <Title order={2} fz="lg" id="latest-export-title">
                Your latest copy
              </Title>
              <ExportStatus request={latest} />
            </Stack>
          </Card>
        )
      )}

      {!running && !query.isPending && (
        <Card withBorder radius="lg" padding="lg" component="section" aria-labelledby="ask-export-title">
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              errors.clear();
              if (!password) {
                errors.setField('password', 'Enter your current password.');
                return;
              }
              submit.mutate();
            }}
          >
            <Stack gap="md">
              <Group gap="sm" wrap="nowrap" align="flex-start">
                <IconFileZip size={28} color="var(--mantine-color-blue-6)" aria-hidden="true" />
                <Stack gap={4}>
                  <Title order={2} fz="lg" id="ask-export-title">
                    {latest ? 'Ask for a new copy' : 'Ask for a copy of your data'}
                  </Title>
                  <Text size="sm" c="dimmed">
                    The ZIP holds:
                  </Text>
                  <List size="sm" c="dimmed" spacing={2}>
                    <List.Item>your account, sessions, activity, consents and payments (data.json, and index.html to read it)</List.Item>
                    <List.Item>your original uploads, exactly as you uploaded them</List.Item>
                    <List.Item>who your data was shared with, and why</List.Item>
                  </List>
                </Stack>
              </Group>
              <FormAlert messages={errors.general} />
              <PasswordInput
                label="Your current password"
                description="Confirms it is really you before your data leaves Pixvault."
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => {
                  setPassword(e.currentTarget.value);
                  errors.setField('password', null);
                }}
                error={errors.byField.password}
                maw={420}
              />
              <Group justify="flex-end">
                <Button type="submit" loading={submit.isPending}>
                  Request my data
                </Button>
              </Group>
            </Stack>
          </form>
        </Card>
      )}
    </Stack>
  );
}
