import {
  Affix,
  Alert,
  Badge,
  Button,
  Collapse,
  Group,
  Modal,
  Paper,
  PasswordInput,
  ScrollArea,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconFileText } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { PendingPolicyDecisionsQuery as Result } from '../../gql/graphql';
import { useFormErrors } from '../../lib/userErrors';
import { FormAlert } from '../../components/FormAlert';
import { formatDateTime } from '../../lib/format';
import { graphqlRequest } from '../../lib/graphql';
import { resetViewer } from '../../lib/useMe';
import {
  AcceptPolicyVersionMutation,
  PendingPolicyDecisionsQuery,
  RejectPolicyVersionMutation,
} from './queries';
import { useViewerId } from './useConsent';
import { consentKeys } from './keys';

type PendingVersion = Result['pendingPolicyDecisions'][number];

const CHANGE_LABELS: Record<string, string> = {
  MINOR: 'Minor change',
  SUBSTANTIAL: 'Substantial change',
  LEGAL_REQUIREMENT: 'Required by law',
};
const KIND_LABELS: Record<string, string> = { PRIVACY: 'Privacy policy', TERMS: 'Terms of service' };


function VersionCard({
  version,
  onDecided,
}: {
  version: PendingVersion;
  onDecided: (accountClosed: boolean) => void;
}) {
  const [showText, setShowText] = useState(false);
  const [declining, setDeclining] = useState(false);
  const [password, setPassword] = useState('');
  const errors = useFormErrors(['password']);

  const accept = useMutation({
    mutationFn: () => graphqlRequest(AcceptPolicyVersionMutation, { id: version.id }),
    onSuccess: ({ acceptPolicyVersion }) => {
      if (acceptPolicyVersion.errors.length > 0) {
        errors.show(acceptPolicyVersion.errors);
        return;
      }
      onDecided(false);
    },
    onError: errors.fail,
  });
  const reject = useMutation({
    mutationFn: () => graphqlRequest(RejectPolicyVersionMutation, { id: version.id, password }),
    onSuccess: ({ rejectPolicyVersion }) => {
      if (rejectPolicyVersion.errors.length > 0) {
        errors.show(rejectPolicyVersion.errors);
        return;
      }
      onDecided(rejectPolicyVersion.accountClosed);
    },
    onError: errors.fail,
  });
  const busy = accept.isPending || reject.isPending;

  return (
    <Paper withBorder radius="md" p="md" data-testid="pending-policy">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs">
          <div>
            <Text size="xs" c="dimmed" fw={600} tt="uppercase">
              {KIND_LABELS[version.kind] ?? version.kind}
            </Text>
            <Title order={3} fz="lg">
              {version.title}{' '}
              <Text span c="dimmed" fz="md">
                version {version.version}
              </Text>
            </Title>
          </div>
          <Group gap={6}>
            <Badge variant="light" color={version.changeType === 'LEGAL_REQUIREMENT' ? 'orange' : 'blue'}>
              {CHANGE_LABELS[version.changeType] ?? version.changeType}
            </Badge>
            {version.materiallyReducesProtection && (
              <Badge variant="light" color="red">
                Reduces your protection
              </Badge>
            )}
          </Group>
        </Group>
        <Group component="dl" gap="xl" m={0}>
            <div>
              <Text component="dt" size="xs" c="dimmed">
                Announced
              </Text>
              <Text component="dd" size="sm" m={0}>
                {formatDateTime(version.noticeAt)}
              </Text>
            </div>
            <div>
              <Text component="dt" size="xs" c="dimmed">
                Takes effect
              </Text>
              <Text component="dd" size="sm" fw={600} m={0}>
                {formatDateTime(version.effectiveAt)}
              </Text>
            </div>
        </Group>
        <div>
          <Text size="sm" fw={600}>
            What changes
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {version.summary}
          </Text>
        </div>
        <div>
          <Button
            variant="subtle"
            size="compact-sm"
            leftSection={<IconFileText size={16} />}
            onClick={() => setShowText((v) => !v)}
            aria-expanded={showText}
          >
            {showText ? 'Hide the full text' : 'Read the full text'}
          </Button>
          <Collapse expanded={showText}>
            <ScrollArea.Autosize mah={240} mt="xs" type="auto">
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} className="pv-policy-text">
                {version.body}
              </Text>
            </ScrollArea.Autosize>
          </Collapse>
        </div>
        {version.materiallyReducesProtection && (
          <Text size="sm" c="dimmed">
            Until you decide, you can read and export your data but not change it. If you do not
            accept, your account is closed: you get a copy of your data, and the rest is erased
            once the 7 days to download it have passed.
          </Text>
        )}
        <FormAlert messages={errors.general} />
        <Collapse expanded={declining}>
          <Stack gap="xs">
            <PasswordInput
              label="Your password, to close your account"
              autoComplete="current-password"
              value={password}
              onChange={(e) => {
                setPassword(e.currentTarget.value);
                errors.setField('password', null);
              }}
              error={errors.byField.password}
            />
          </Stack>
        </Collapse>
        <Group justify="flex-end" gap="sm">
          {version.materiallyReducesProtection &&
            (declining ? (
              <>
                <Button variant="default" onClick={() => setDeclining(false)} disabled={busy}>
                  Back
                </Button>
                <Button
                  color="red"
                  variant="light"
                  loading={reject.isPending}
                  disabled={busy || password.length === 0}
                  onClick={() => {
                    errors.clear();
                    reject.mutate();
                  }}
                >
                  Decline and close my account
                </Button>
              </>
            ) : (
              <Button variant="default" color="red" onClick={() => setDeclining(true)} disabled={busy}>
                Decline…
              </Button>
            ))}
          {!declining && (
            <Button
              loading={accept.isPending}
              disabled={busy}
              onClick={() => {
                errors.clear();
                accept.mutate();
              }}
            >
              Accept version {version.version}
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}

/**
 * For a signed-in person with policy versions to decide on (Query.pendingPolicyDecisions): a
 * dialog with each new version, what changes and when, and accept or decline. "Decide later"
 * keeps a reminder on screen: reading and exporting stay open meanwhile.
 */
export function PolicyDecisionDialog() {
  const { viewerId } = useViewerId();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [later, setLater] = useState(false);
  const pending = useQuery({
    queryKey: consentKeys.pendingPolicies(viewerId),
    queryFn: ({ signal }) => graphqlRequest(PendingPolicyDecisionsQuery, {}, { signal }),
    select: (data) => data.pendingPolicyDecisions,
    enabled: viewerId !== null,
    staleTime: 60_000,
  });
  const versions = viewerId ? (pending.data ?? []) : [];
  if (versions.length === 0) return null;

  const decided = (accountClosed: boolean) => {
    if (accountClosed) {
      resetViewer(queryClient, null);
      notifications.show({
        title: 'Your account is closing',
        message:
          'You declined the new policy. A copy of your data is being prepared and emailed to you; the rest is erased after 7 days.',
        color: 'orange',
        autoClose: false,
      });
      void navigate('/login', { replace: true });
      return;
    }
    notifications.show({ message: 'Thank you: your decision is recorded.', color: 'teal' });
    void queryClient.invalidateQueries({ queryKey: consentKeys.pendingPolicies(viewerId) });
  };

  return (
    <>
      <Modal
        opened={!later}
        onClose={() => setLater(true)}
        title={versions.length === 1 ? 'An updated policy needs your decision' : 'Updated policies need your decision'}
        size="lg"
        centered
        closeOnClickOutside={false}
        zIndex={350}
      >
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            Pixvault has changed how it treats your data. Read what changes and decide whether you
            accept it.
          </Text>
          {versions.map((version) => (
            <VersionCard key={version.id} version={version} onDecided={decided} />
          ))}
          <Group justify="flex-start">
            <Button variant="subtle" color="gray" onClick={() => setLater(true)}>
              Decide later
            </Button>
          </Group>
        </Stack>
      </Modal>
      {later && (
        <Affix position={{ bottom: 16, left: 16 }} zIndex={250}>
          <Alert
            color="orange"
            variant="filled"
            radius="md"
            icon={<IconAlertTriangle size={18} />}
            title="A policy update needs your decision"
            maw={360}
          >
            <Stack gap="xs" align="flex-start">
              <Text size="sm">Until then you can read and export your data, but not change it.</Text>
              <Button size="xs" variant="white" color="orange" onClick={() => setLater(false)}>
                Review the update
              </Button>
            </Stack>
          </Alert>
        </Affix>
      )}
    </>
  );
}
