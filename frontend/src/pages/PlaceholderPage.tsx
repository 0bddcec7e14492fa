import { Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

interface PlaceholderPageProps {
  title: string;
  children: ReactNode;
}

/** Temporary page body for sections that are not built yet. */
export function PlaceholderPage({ title, children }: PlaceholderPageProps) {
  return (
    <Stack gap="sm" maw={720}>
      <Title order={2}>{title}</Title>
      <Text c="dimmed">{children}</Text>
    </Stack>
  );
}
