import { Anchor, Paper, Stack, Text, Title } from '@mantine/core';

export interface Controller {
  name: string;
  address?: string | null;
  privacyContact: string;
  supervisoryAuthorityName: string;
  supervisoryAuthorityUrl: string;
}

/** Who is responsible for personal data here, how to reach them, and where to complain. */
export function ControllerCard({ controller }: { controller: Controller }) {
  const contact = controller.privacyContact;
  const href = contact.includes('@') ? `mailto:${contact}` : contact;
  return (
    <Paper withBorder p="md" radius="md" data-testid="controller">
      <Stack gap={4}>
        <Title order={2} fz="lg">
          Who is responsible for your data
        </Title>
        <Text>
          {controller.name}
          {controller.address ? `, ${controller.address}` : ''}
        </Text>
        <Text>
          Questions about your personal data: <Anchor href={href}>{contact}</Anchor>
        </Text>
        <Text>
          You may complain to a supervisory authority:{' '}
          <Anchor href={controller.supervisoryAuthorityUrl} target="_blank" rel="noreferrer">
            {controller.supervisoryAuthorityName}
          </Anchor>
        </Text>
      </Stack>
    </Paper>
  );
}
