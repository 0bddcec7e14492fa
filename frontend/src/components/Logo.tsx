import { Group, Text } from '@mantine/core';

/** The Pixvault mark (the favicon's "P" tile) and name. */
export function Logo({ size = 28, withName = true }: { size?: number; withName?: boolean }) {
  return (
    <Group gap={10} wrap="nowrap">
      <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
        <rect width="32" height="32" rx="8" fill="var(--mantine-color-blue-7)" />
        <path
          d="M9 22V10h7.5a4.5 4.5 0 0 1 0 9H12.5"
          fill="none"
          stroke="#fff"
          strokeWidth="3"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
      {withName && (
        <Text component="span" fw={800} size="lg" style={{ letterSpacing: '-0.02em' }}>
          Pixvault
        </Text>
      )}
    </Group>
  );
}
