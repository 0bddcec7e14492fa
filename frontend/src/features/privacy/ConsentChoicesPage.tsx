import { Anchor, Badge, Card, Group, Stack, Switch, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link } from 'react-router';
import { PURPOSE_TEXT, SETTINGS_PURPOSES, useConsentState, useSetConsents } from '../consent';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, ListSkeleton } from '../../components/States';
import type { ConsentPurpose } from '../../gql/graphql';
import { describeError } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';

/** The current decision on each purpose, each with a switch that records a new one. */
export function ConsentChoicesPage() {
  const state = useConsentState();
  const save = useSetConsents('SETTINGS');
  const [saving, setSaving] = useState<ConsentPurpose | null>(null);
  const [error, setError] = useState<{ purpose: ConsentPurpose; message: string } | null>(null);

  const change = (purpose: ConsentPurpose, granted: boolean) => {
    setSaving(purpose);
    setError(null);
    save.mutate([{ purpose, granted }], {
      onSuccess: () =>
        notifications.show({
          message: `${PURPOSE_TEXT[purpose].title}: ${granted ? 'granted' : 'refused'}. Your choice is recorded.`,
          color: 'teal',
        }),
      onError: (e) => setError({ purpose, message: describeError(e) }),
      onSettled: () => setSaving(null),
    });
  };

  return (
    <Stack gap="lg" maw={820}>
      <PageHeader
        eyebrow="Privacy centre"
        title="Consent choices"
        description={
          <>
            What you allow Pixvault to do, purpose by purpose. A change takes effect at once and is
            added to your{' '}
            <Anchor component={Link} to="/privacy/consents">
              consent history
            </Anchor>{' '}
            as proof.
          </>
        }
      />
      {state.isPending ? (
        <ListSkeleton rows={4} height={88} />
      ) : state.isError ? (
        <ErrorState error={state.error} onRetry={() => void state.refetch()} />
      ) : (
        <Stack gap="sm">
          {SETTINGS_PURPOSES.map((purpose) => {
            const decision = state.data.decisions.find((d) => d.purpose === purpose);
            const necessary = purpose === 'NECESSARY';
            const granted = necessary || decision?.granted === true;
            return (
              <Card key={purpose} withBorder radius="lg" padding="lg" data-testid="consent-choice" data-purpose={purpose}>
                <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
                  <Stack gap={6} style={{ minWidth: 0 }}>
                    <Group gap="xs">
                      <Text fw={600}>{PURPOSE_TEXT[purpose].title}</Text>
                      <Badge size="sm" variant="light" color={granted ? 'teal' : 'gray'}>
                        {necessary ? 'Always on' : granted ? 'Granted' : 'Refused'}
                      </Badge>
                    </Group>
                    <Text size="sm" c="dimmed">
                      {PURPOSE_TEXT[purpose].description}
                    </Text>
                    {!necessary && (
                      <Text size="xs" c="dimmed">
                        {decision?.decidedAt
                          ? `Decided ${formatDateTime(decision.decidedAt)} under privacy policy ${decision.policyVersion ?? '—'}`
                          : decision?.globalPrivacyControl
                            ? 'Refused by your browser’s Global Privacy Control signal; not decided yet'
                            : 'Not decided yet: refused until you allow it'}
                      </Text>
                    )}
                    {error?.purpose === purpose && (
                      <Text size="sm" c="red" role="alert">
                        {error.message}
                      </Text>
                    )}
                  </Stack>
                  <Switch
                    size="md"
                    checked={granted}
                    disabled={necessary || saving !== null}
                    onChange={(event) => change(purpose, event.currentTarget.checked)}
                    aria-label={PURPOSE_TEXT[purpose].title}
                  />
                </Group>
              </Card>
            );
          })}
        </Stack>
      )}
    </Stack>
  );
}
