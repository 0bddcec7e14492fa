import {
  Badge,
  Button,
  Card,
  Group,
  SimpleGrid,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import {
  IconArrowRight,
  IconEyeCheck,
  IconLock,
  IconPhoto,
  IconShieldCheck,
} from '@tabler/icons-react';
import { Link, useLocation } from 'react-router';
import { PageHeader } from '../components/PageHeader';
import { PageLoader } from '../components/States';
import { roleLabel } from '../lib/format';
import { isStaff } from '../lib/roles';
import { useMe, type Viewer } from '../lib/useMe';
import { adminNav } from '../features/admin/routes';
import { PrivacySummary } from '../features/privacy/PrivacySummary';

const FEATURES = [
  {
    icon: <IconLock size={22} />,
    title: 'Private by default',
    text: 'Every upload starts private. You decide what becomes public, one image at a time.',
  },
  {
    icon: <IconPhoto size={22} />,
    title: 'Renditions on demand',
    text: 'Resize, crop and convert at signed URLs, served fast from your own machines.',
  },
  {
    icon: <IconEyeCheck size={22} />,
    title: 'Privacy built in',
    text: 'See, export, correct or erase everything held about you. Staff reads are audited.',
  },
];

function Landing() {
  return (
    <Stack gap={56} py={{ base: 'md', sm: 48 }}>
      <Stack gap="lg" maw={720}>
        <Badge variant="light" size="lg" radius="sm" w="fit-content">
          Self-hosted image management
        </Badge>
        <Title order={1} fz={{ base: 34, sm: 48 }} lh={1.1} style={{ letterSpacing: '-0.03em' }}>
          Your images, on your terms.
        </Title>
        <Text size="xl" c="dimmed">
          Pixvault stores, transforms and delivers your images with the privacy obligations of a
          real service built into its core.
        </Text>
        <Group gap="sm">
          <Button component={Link} to="/signup" size="md" rightSection={<IconArrowRight size={18} />}>
            Create an account
          </Button>
          <Button component={Link} to="/login" size="md" variant="default">
            Log in
          </Button>
        </Group>
      </Stack>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="lg">
        {FEATURES.map((f) => (
          <Card key={f.title} withBorder radius="lg" padding="lg">
            <ThemeIcon variant="light" size={44} radius="md" mb="md">
              {f.icon}
            </ThemeIcon>
            <Title order={2} size="h4" mb={6}>
              {f.title}
            </Title>
            <Text c="dimmed" size="sm">
              {f.text}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}

function StaffCard({ viewer }: { viewer: Viewer }) {
  const staffRoles = (viewer.roles ?? []).filter((r) => r !== 'CUSTOMER');
  return (
    <Card withBorder radius="lg" padding="lg">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="md">
        <Stack gap={6}>
          <Group gap="xs">
            <Title order={2} size="h4">
              Admin console
            </Title>
            {staffRoles.map((r) => (
              <Badge key={r} variant="light" color="grape">
                {roleLabel(r)}
              </Badge>
            ))}
          </Group>
          <Text c="dimmed" size="sm" maw={560}>
            Look up accounts on behalf of customers. Every read of someone else&apos;s personal
            data is written to the audit log with your name.
          </Text>
        </Stack>
        <Group gap="sm">
          {adminNav(viewer.roles).map((item, i) => (
            <Button
              key={item.to}
              component={Link}
              to={item.to}
              variant={i === 0 ? 'filled' : 'default'}
              leftSection={item.icon}
            >
              {item.label}
            </Button>
          ))}
        </Group>
      </Group>
    </Card>
  );
}

function Dashboard({ viewer }: { viewer: Viewer }) {
  const location = useLocation();
  const firstName = (viewer.name ?? '').split(/\s+/)[0] || 'there';
  // just signed up: not "back" yet
  const fresh = (location.state as { welcome?: boolean } | null)?.welcome === true;
  return (
    <Stack gap="xl">
      <PageHeader
        title={fresh ? `Welcome to Pixvault, ${firstName}` : `Welcome back, ${firstName}`}
        description="Here is what Pixvault holds about you, and where to control it."
        actions={
          <Group gap="sm">
            <Button component={Link} to="/library" leftSection={<IconPhoto size={16} />}>
              Open your library
            </Button>
            <Button
              component={Link}
              to="/privacy"
              variant="light"
              leftSection={<IconShieldCheck size={16} />}
            >
              Privacy centre
            </Button>
          </Group>
        }
      />
      {isStaff(viewer.roles) && <StaffCard viewer={viewer} />}
      <PrivacySummary />
    </Stack>
  );
}

export function HomePage() {
  const me = useMe();
  if (me.isPending) return <PageLoader />;
  return me.data ? <Dashboard viewer={me.data} /> : <Landing />;
}
