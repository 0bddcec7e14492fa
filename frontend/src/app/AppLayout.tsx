import {
  ActionIcon,
  AppShell,
  Avatar,
  Box,
  Burger,
  Button,
  Container,
  Divider,
  Group,
  Menu,
  ScrollArea,
  Text,
  Tooltip,
  UnstyledButton,
  useComputedColorScheme,
  useMantineColorScheme,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import {
  IconChevronDown,
  IconLogout,
  IconMoon,
  IconShieldCheck,
  IconSun,
  IconUserCircle,
} from '@tabler/icons-react';
import { useEffect } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { describeError } from '../lib/errors';
import { initials, roleLabel } from '../lib/format';
import { useLogOut, useMe, type Viewer } from '../lib/useMe';
import { ConsentLayer } from '../features/consent/ConsentLayer';
import { Logo } from '../components/Logo';
import { SiteFooter } from './SiteFooter';
import { SideNav } from './SideNav';

function ColorSchemeToggle() {
  const { setColorScheme } = useMantineColorScheme();
  const computed = useComputedColorScheme('light', { getInitialValueInEffect: true });
  const next = computed === 'dark' ? 'light' : 'dark';
  return (
    <Tooltip label={`Switch to ${next} mode`}>
      <ActionIcon
        variant="default"
        size="lg"
        aria-label={`Switch to ${next} mode`}
        onClick={() => setColorScheme(next)}
      >
        {computed === 'dark' ? <IconSun size={18} /> : <IconMoon size={18} />}
      </ActionIcon>
    </Tooltip>
  );
}

function UserMenu({ viewer }: { viewer: Viewer }) {
  const logOut = useLogOut();
  const navigate = useNavigate();
  const onLogOut = () => {
    logOut.mutate(undefined, {
      onSuccess: () => {
        notifications.show({ message: 'You are logged out.', color: 'blue' });
        void navigate('/login', { replace: true });
      },
      onError: (error) => {
        notifications.show({ title: 'Log-out failed', message: describeError(error), color: 'red' });
      },
    });
  };
  return (
    <Menu position="bottom-end" width={240} shadow="md">
      <Menu.Target>
        <UnstyledButton aria-label="Account menu" data-testid="account-menu">
          <Group gap={8} wrap="nowrap">
            <Avatar color="blue" radius="xl" size={34}>
              {initials(viewer.name, viewer.email?.charAt(0).toUpperCase())}
            </Avatar>
            <Box visibleFrom="sm" style={{ lineHeight: 1.2 }} maw={180}>
              <Text size="sm" fw={600} truncate>
                {viewer.name}
              </Text>
              <Text size="xs" c="dimmed" truncate>
                {viewer.email}
              </Text>
            </Box>
            <IconChevronDown size={14} aria-hidden="true" />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          Signed in as
          <Text size="sm" c="var(--mantine-color-text)" fw={600} truncate>
            {viewer.email}
          </Text>
          {(viewer.roles ?? []).filter((r) => r !== 'CUSTOMER').length > 0 && (
            <Text size="xs" c="dimmed">
              {(viewer.roles ?? [])
                .filter((r) => r !== 'CUSTOMER')
                .map(roleLabel)
                .join(', ')}
            </Text>
          )}
        </Menu.Label>
        <Menu.Item component={Link} to="/privacy/profile" leftSection={<IconUserCircle size={16} />}>
          Profile
        </Menu.Item>
        <Menu.Item component={Link} to="/privacy" leftSection={<IconShieldCheck size={16} />}>
          Privacy centre
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item
          color="red"
          leftSection={<IconLogout size={16} />}
          onClick={onLogOut}
          disabled={logOut.isPending}
        >
          Log out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

/** The app shell: header for everyone, navigation for signed-in viewers. */
export function AppLayout() {
  const me = useMe();
  const viewer = me.data ?? null;
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();

  // biome-ignore lint/correctness/useExhaustiveDependencies: the menu closes whenever the path changes
  useEffect(() => {
    close();
  }, [location.pathname, close]);

  const withNav = viewer !== null;

  return (
    <AppShell
      header={{ height: 64 }}
      navbar={
        withNav
          ? { width: 264, breakpoint: 'sm', collapsed: { mobile: !opened } }
          : undefined
      }
      padding={0}
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            {withNav && (
              <Burger
                opened={opened}
                onClick={toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label={opened ? 'Close navigation' : 'Open navigation'}
              />
            )}
            <UnstyledButton component={Link} to="/" aria-label="Pixvault home">
              <Logo />
            </UnstyledButton>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <ColorSchemeToggle />
            {viewer ? (
              <UserMenu viewer={viewer} />
            ) : me.isPending ? null : (
              <>
                <Button component={Link} to="/login" variant="subtle">
                  Log in
                </Button>
                <Button component={Link} to="/signup" visibleFrom="xs">
                  Sign up
                </Button>
              </>
            )}
          </Group>
        </Group>
      </AppShell.Header>

      {viewer && (
        <AppShell.Navbar p="sm" aria-label="Main navigation" component="nav">
          <AppShell.Section grow component={ScrollArea}>
            <SideNav viewer={viewer} />
          </AppShell.Section>
          <AppShell.Section>
            <Divider my="sm" />
            <Text size="xs" c="dimmed" px="sm" pb="xs">
              Your data stays yours: every staff read of it is audited.
            </Text>
          </AppShell.Section>
        </AppShell.Navbar>
      )}

      <AppShell.Main bg="var(--app-background)">
        <Container size="lg" px={{ base: 'md', sm: 'xl' }} py={{ base: 'lg', sm: 'xl' }}>
          <Outlet />
          <SiteFooter />
        </Container>
      </AppShell.Main>
      <ConsentLayer />
    </AppShell>
  );
}
