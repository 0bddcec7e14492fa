import { AppShell, Container, Group, Text, UnstyledButton } from '@mantine/core';
import { NavLink, Outlet } from 'react-router';
import classes from './Layout.module.css';

const links = [
  { to: '/', label: 'Home', end: true },
  { to: '/library', label: 'Library', end: false },
  { to: '/admin', label: 'Admin', end: false },
];

export function Layout() {
  return (
    <AppShell header={{ height: 56 }} padding="md">
      <AppShell.Header>
        <Container size="lg" h="100%">
          <Group h="100%" justify="space-between">
            <Text component="span" fw={700} size="lg">
              Pixvault
            </Text>
            <Group gap="xs" component="nav" aria-label="Main">
              {links.map((link) => (
                <UnstyledButton
                  key={link.to}
                  component={NavLink}
                  to={link.to}
                  end={link.end}
                  className={classes.link}
                >
                  {link.label}
                </UnstyledButton>
              ))}
            </Group>
          </Group>
        </Container>
      </AppShell.Header>
      <AppShell.Main>
        <Container size="lg" py="xl">
          <Outlet />
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
