import { IconClipboardList, IconReceipt, IconUsers } from '@tabler/icons-react';
import { Navigate, Route } from 'react-router';
import { RequireRole } from '../../components/guards';
import type { NavItem } from '../../lib/nav';
import { AUDIT_ROLES, BILLING_ROLES, hasAnyRole, STAFF_ROLES } from '../../lib/roles';
import { NotFoundPage } from '../NotFoundPage';
import { AuditLogPage } from './AuditLogPage';
import { PaymentsPage } from './PaymentsPage';
import { UserPage } from './UserPage';
import { UsersPage } from './UsersPage';

/** The admin console's routes: staff only, and each page further by role. */
export function adminRoutes() {
  return (
    <Route path="admin" element={<RequireRole roles={STAFF_ROLES} />}>
      <Route index element={<Navigate to="users" replace />} />
      <Route path="users" element={<UsersPage />} />
      <Route path="users/:id" element={<UserPage />} />
      <Route
        path="audit"
        element={
          <RequireRole roles={AUDIT_ROLES}>
            <AuditLogPage />
          </RequireRole>
        }
      />
      <Route path="payments" element={<RequireRole roles={BILLING_ROLES}><PaymentsPage /></RequireRole>} />
      <Route path="*" element={<NotFoundPage />} />
    </Route>
  );
}

/** The console's navigation for a staff member's roles. */
export function adminNav(roles: readonly string[] | null | undefined): NavItem[] {
  const items: NavItem[] = [{ to: '/admin/users', label: 'Users', icon: <IconUsers size={18} /> }];
  if (hasAnyRole(roles, AUDIT_ROLES)) {
    items.push({ to: '/admin/audit', label: 'Audit log', icon: <IconClipboardList size={18} /> });
  }
  if (hasAnyRole(roles, BILLING_ROLES)) {
    items.push({ to: '/admin/payments', label: 'Payments', icon: <IconReceipt size={18} /> });
  }
  return items;
}
