import { IconCreditCard } from '@tabler/icons-react';
import { Route } from 'react-router';
import type { NavItem } from '../../lib/nav';
import { NotFoundPage } from '../../components/NotFoundPage';
import { BillingPage } from './BillingPage';

/** Billing's routes, mounted under the signed-in part of the app. */
export function billingRoutes() {
  return (
    <Route path="billing">
      <Route index element={<BillingPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Route>
  );
}

export const BILLING_NAV: NavItem[] = [
  { to: '/billing', label: 'Plan and usage', icon: <IconCreditCard size={18} /> },
];
