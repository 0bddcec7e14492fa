import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { FieldAccess, ResponsePath } from '../lib/access';

const MESSAGES = {
  FORBIDDEN: 'Not visible to your role',
  UNAUTHENTICATED: 'Log in to see this',
  ERROR: 'Could not be loaded',
} as const;

/** Stands in for a value the server withheld from this viewer. */
export function NotVisible({
  problem = 'FORBIDDEN',
  size = 'sm',
}: {
  problem?: keyof typeof MESSAGES;
  size?: 'xs' | 'sm' | 'md';
}) {
  const message = MESSAGES[problem];
  return (
    <Tooltip label="The server withholds this field from your role." disabled={problem !== 'FORBIDDEN'}>
      <Badge
        variant="light"
        color="gray"
        size={size}
        radius="sm"
        leftSection={<IconLock size={12} aria-hidden="true" />}
        data-testid="not-visible"
        style={{ textTransform: 'none', fontWeight: 500 }}
      >
        {message}
      </Badge>
    </Tooltip>
  );
}

/**
 * Renders `children` when the field at `path` came back, and "Not visible to your role" when
 * the server nulled it for this viewer.
 */
export function Guarded({
  access,
  path,
  children,
  empty = '—',
}: {
  access: FieldAccess;
  path: ResponsePath;
  children: ReactNode;
  /** shown when the field was readable but is empty */
  empty?: ReactNode;
}) {
  const problem = access.problemAt(path);
  if (problem) return <NotVisible problem={problem} />;
  if (children === null || children === undefined || children === '') {
    return (
      <Text span c="dimmed" size="sm">
        {empty}
      </Text>
    );
  }
  return <>{children}</>;
}

/** A card's body when the whole section is withheld from this viewer. */
export function SectionNotVisible({ what }: { what: string }) {
  return (
    <Group gap="xs" py="sm">
      <NotVisible />
      <Text size="sm" c="dimmed">
        Pixvault withholds {what} from your role.
      </Text>
    </Group>
  );
}
