import { Collapse, NavLink, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconHome } from '@tabler/icons-react';
import { useId, useState } from 'react';
import { Link, useLocation } from 'react-router';
import type { NavItem } from '../lib/nav';
import { isStaff } from '../lib/roles';
import type { Viewer } from '../lib/useMe';
import { adminNav } from '../features/admin/routes';
import { BILLING_NAV } from '../features/billing/routes';
import { LIBRARY_NAV } from '../features/library/routes';
import { PRIVACY_NAV } from '../features/privacy/routes';

function isCurrent(pathname: string, item: NavItem): boolean {
  if (item.end) return pathname === item.to;
  return pathname === item.to || pathname.startsWith(`${item.to}/`);
}

function NavList({ items, id }: { items: NavItem[]; id?: string }) {
  const { pathname } = useLocation();
  return (
    <Stack gap={2} component="ul" id={id} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {items.map((item) => {
        const current = isCurrent(pathname, item);
        return (
          <li key={item.to}>
            <NavLink
              component={Link}
              to={item.to}
              label={item.label}
              leftSection={item.icon}
              active={current}
              aria-current={current ? 'page' : undefined}
              variant="light"
              style={{ borderRadius: 'var(--mantine-radius-md)' }}
            />
          </li>
        );
      })}
    </Stack>
  );
}

/**
 * A titled group of links that folds away. It follows where the viewer is: open when it holds
 * the current page or no other group does, folded while another group's page is open (a staff
 * member in the console sees the console's pages, not the whole privacy centre). A click on the
 * title overrides that until the next navigation.
 */
function NavGroup({ title, items, otherIsCurrent }: { title: string; items: NavItem[]; otherIsCurrent: boolean }) {
  const { pathname } = useLocation();
  const listId = useId();
  const [toggled, setToggled] = useState<{ path: string; open: boolean } | null>(null);
  const followsPage = items.some((item) => isCurrent(pathname, item)) || !otherIsCurrent;
  const open = toggled?.path === pathname ? toggled.open : followsPage;
  return (
    <div>
      <UnstyledButton
        onClick={() => setToggled({ path: pathname, open: !open })}
        aria-expanded={open}
        aria-controls={listId}
        w="100%"
        px="sm"
        pt="md"
        pb={4}
        style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between' }}
      >
        <Text size="xs" fw={700} c="dimmed" tt="uppercase" style={{ letterSpacing: '0.06em' }}>
          {title}
        </Text>
        <IconChevronDown
          size={14}
          aria-hidden="true"
          style={{ transform: open ? undefined : 'rotate(-90deg)', transition: 'transform 150ms ease' }}
        />
      </UnstyledButton>
      <Collapse expanded={open}>
        <NavList items={items} id={listId} />
      </Collapse>
    </div>
  );
}

/** The signed-in viewer's navigation: their own areas, the privacy centre and, for staff, the console. */
export function SideNav({ viewer }: { viewer: Viewer }) {
  const { pathname } = useLocation();
  const consoleItems = isStaff(viewer.roles) ? adminNav(viewer.roles) : [];
  const inPrivacy = PRIVACY_NAV.some((item) => isCurrent(pathname, item));
  const inConsole = consoleItems.some((item) => isCurrent(pathname, item));
  return (
    <>
      <NavList
        items={[
          { to: '/', label: 'Home', icon: <IconHome size={18} />, end: true },
          ...LIBRARY_NAV,
          ...BILLING_NAV,
        ]}
      />
      <NavGroup title="Privacy centre" items={PRIVACY_NAV} otherIsCurrent={inConsole} />
      {consoleItems.length > 0 && <NavGroup title="Admin console" items={consoleItems} otherIsCurrent={inPrivacy} />}
    </>
  );
}
