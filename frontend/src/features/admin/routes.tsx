import {
  IconClipboardList,
  IconFileText,
  IconFlag,
  IconGavel,
  IconInbox,
  IconLock,
  IconMail,
  IconReceipt,
  IconShieldExclamation,
  IconUsers,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Navigate, Route } from 'react-router';
import { RequireRole, RequireSecondFactor } from '../../components/guards';
import type { NavItem } from '../../lib/nav';
import {
  AUDIT_ROLES,
  BILLING_ROLES,
  BREACH_ROLES,
  DSAR_ROLES,
  hasAnyRole,
  HOLD_ROLES,
  POLICY_PUBLISHERS,
  type RoleName,
  SAFETY_ROLES,
  STAFF_ROLES,
} from '../../lib/roles';
import { NotFoundPage } from '../../components/NotFoundPage';
import { AuditLogPage } from './AuditLogPage';
import { BreachesPage } from './BreachesPage';
import { HoldsPage } from './HoldsPage';
import { MessagesPage } from './MessagesPage';
import { PaymentsPage } from './PaymentsPage';
import { PoliciesPage } from './PoliciesPage';
import { ReportsPage } from './ReportsPage';
import { RequestPage } from './RequestPage';
import { RequestsPage } from './RequestsPage';
import { RestrictionsPage } from './RestrictionsPage';
import { UserPage } from './UserPage';
import { UsersPage } from './UsersPage';

const only = (roles: readonly RoleName[], page: ReactNode) => <RequireRole roles={roles}>{page}</RequireRole>;

/** The admin console's routes: staff only, and each page further by role. */
export function adminRoutes() {
  return (
    <Route path="admin" element={<RequireRole roles={STAFF_ROLES} />}>
      <Route element={<RequireSecondFactor />}>
        <Route index element={<Navigate to="users" replace />} />
        <Route path="users" element={<UsersPage />} />
        <Route path="users/:id" element={<UserPage />} />
        <Route path="audit" element={only(AUDIT_ROLES, <AuditLogPage />)} />
        <Route path="requests" element={only(DSAR_ROLES, <RequestsPage />)} />
        <Route path="requests/:id" element={only(DSAR_ROLES, <RequestPage />)} />
        <Route path="reports" element={only(SAFETY_ROLES, <ReportsPage />)} />
        <Route path="messages" element={only(SAFETY_ROLES, <MessagesPage />)} />
        <Route path="policies" element={only(POLICY_PUBLISHERS, <PoliciesPage />)} />
        <Route path="payments" element={only(BILLING_ROLES, <PaymentsPage />)} />
        <Route path="holds" element={only(HOLD_ROLES, <HoldsPage />)} />
        <Route path="restrictions" element={only(DSAR_ROLES, <RestrictionsPage />)} />
        <Route path="breaches" element={only(BREACH_ROLES, <BreachesPage />)} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Route>
  );
}

/** The console's navigation for a staff member's roles: a page only for the roles it serves. */
const NAV: Array<NavItem & { roles: readonly RoleName[] }> = [
  { to: '/admin/users', label: 'Users', icon: <IconUsers size={18} />, roles: STAFF_ROLES },
  { to: '/admin/requests', label: 'Data requests', icon: <IconInbox size={18} />, roles: DSAR_ROLES },
  { to: '/admin/reports', label: 'Abuse reports', icon: <IconFlag size={18} />, roles: SAFETY_ROLES },
  { to: '/admin/messages', label: 'Contact messages', icon: <IconMail size={18} />, roles: SAFETY_ROLES },
  { to: '/admin/policies', label: 'Policies', icon: <IconFileText size={18} />, roles: POLICY_PUBLISHERS },
  { to: '/admin/payments', label: 'Payments', icon: <IconReceipt size={18} />, roles: BILLING_ROLES },
  { to: '/admin/holds', label: 'Legal holds', icon: <IconGavel size={18} />, roles: HOLD_ROLES },
  { to: '/admin/restrictions', label: 'Restrictions', icon: <IconLock size={18} />, roles: DSAR_ROLES },
  { to: '/admin/breaches', label: 'Breach register', icon: <IconShieldExclamation size={18} />, roles: BREACH_ROLES },
  { to: '/admin/audit', label: 'Audit log', icon: <IconClipboardList size={18} />, roles: AUDIT_ROLES },
];

export function adminNav(roles: readonly string[] | null | undefined): NavItem[] {
  return NAV.filter((item) => hasAnyRole(roles, item.roles)).map(({ roles: _roles, ...item }) => item);
}
