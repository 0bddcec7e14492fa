import { Badge, Group } from '@mantine/core';
import { roleLabel } from '../lib/format';

const COLORS: Record<string, string> = {
  ADMIN: 'red',
  PRIVACY_OFFICER: 'grape',
  SUPPORT: 'blue',
  BILLING: 'orange',
  CUSTOMER: 'gray',
};

export function RoleBadges({ roles }: { roles: readonly string[] }) {
  return (
    <Group gap={4}>
      {roles.map((role) => (
        <Badge key={role} size="sm" variant="light" color={COLORS[role] ?? 'gray'}>
          {roleLabel(role)}
        </Badge>
      ))}
    </Group>
  );
}
