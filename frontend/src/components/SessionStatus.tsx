import { Badge, Group, Loader, Text } from '@mantine/core';
import { useMe } from '../lib/useMe';

/** Shows whether the visitor has a session, from the `me` query. */
export function SessionStatus() {
  const me = useMe();

  if (me.isPending) {
    return (
      <Group gap="xs" data-testid="session-status">
        <Loader size="xs" />
        <Text size="sm" c="dimmed">
          Checking session…
        </Text>
      </Group>
    );
  }

  // A failed request is treated like "no session": the placeholder has no sign-in flow yet.
  const user = me.isError ? null : me.data;
  if (!user) {
    return (
      <Group gap="xs" data-testid="session-status">
        <Badge color="gray" variant="light">
          Not signed in
        </Badge>
      </Group>
    );
  }

  return (
    <Group gap="xs" data-testid="session-status">
      <Badge color="teal" variant="light">
        Signed in
      </Badge>
      <Text size="sm">as {user.name ?? user.email ?? user.id}</Text>
    </Group>
  );
}
