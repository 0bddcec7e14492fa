import { Card, Stack, Text, Title } from '@mantine/core';
import { SessionStatus } from '../components/SessionStatus';

export function HomePage() {
  return (
    <Stack gap="lg" maw={720}>
      <Stack gap={4}>
        <Title order={1}>Pixvault</Title>
        <Text size="lg" c="dimmed">
          Privacy-first image management: your photos stay yours.
        </Text>
      </Stack>
      <Card withBorder padding="lg">
        <Stack gap="xs">
          <Text fw={600}>Your session</Text>
          <SessionStatus />
        </Stack>
      </Card>
    </Stack>
  );
}
