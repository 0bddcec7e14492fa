import { Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmModal } from '../../components/ConfirmModal';
import { describeError } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { graphqlRequest } from '../../lib/graphql';
import { DisableUserMutation, EnableUserMutation } from './queries/users';
import { adminKeys } from './keys';

/**
 * An ADMIN disabling an account (its sessions and API tokens end at once, log-in is refused)
 * or enabling it again. Both are audited by the server.
 */
export function AccountAccess({ userId, disabledAt }: { userId: string; disabledAt: string | null }) {
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState(false);
  const disabled = disabledAt !== null;
  const change = useMutation({
    mutationFn: async () => {
      if (disabled) return (await graphqlRequest(EnableUserMutation, { id: userId })).enableUser;
      return (await graphqlRequest(DisableUserMutation, { id: userId })).disableUser;
    },
    onSuccess: (payload) => {
      setAsking(false);
      if (payload.errors.length > 0) {
        notifications.show({
          title: disabled ? 'Not enabled' : 'Not disabled',
          message: payload.errors.map((e) => e.message).join(' '),
          color: 'red',
        });
        return;
      }
      void queryClient.invalidateQueries({ queryKey: adminKeys.all });
      notifications.show({
        message: disabled
          ? 'The account is enabled again. The change is in the audit log.'
          : 'The account is disabled: its sessions and tokens have ended. The change is in the audit log.',
        color: 'teal',
      });
    },
    onError: (error) => {
      setAsking(false);
      notifications.show({ title: 'Not changed', message: describeError(error), color: 'red' });
    },
  });
  return (
    <Stack gap="sm">
      <Text size="sm" data-testid="account-status">
        {disabled
          ? `Disabled since ${formatDateTime(disabledAt)}. The person cannot log in, and nothing they made a token for works.`
          : 'Active. Disabling it ends every session and API token at once, and log-in says the account is disabled.'}
      </Text>
      <Group justify="flex-end">
        <Button
          color={disabled ? 'blue' : 'red'}
          variant="light"
          onClick={() => (disabled ? change.mutate() : setAsking(true))}
          loading={change.isPending && disabled}
        >
          {disabled ? 'Enable account' : 'Disable account'}
        </Button>
      </Group>
      <ConfirmModal
        opened={asking}
        title="Disable this account?"
        confirmLabel="Disable account"
        loading={change.isPending}
        onClose={() => setAsking(false)}
        onConfirm={() => change.mutate()}
      >
        Every session and API token of this account ends at once, and it cannot log in until an
        administrator enables it again.
      </ConfirmModal>
    </Stack>
  );
}
