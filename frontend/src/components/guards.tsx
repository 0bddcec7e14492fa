import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { hasAnyRole, type RoleName } from '../lib/roles';
import { useMe } from '../lib/useMe';
import { ForbiddenPage } from './ForbiddenPage';
import { ErrorState, PageLoader } from './States';

/** Where to go after logging in: the `next` parameter when it is a path of this app. */
export function safeNext(search: string, fallback = '/'): string {
  const next = new URLSearchParams(search).get('next');
  return next?.startsWith('/') && !next.startsWith('//') ? next : fallback;
}

/** Signed-in visitors only; others go to the log-in page and come back afterwards. */
export function RequireAuth({ children }: { children?: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <PageLoader />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) {
    const next = location.pathname + location.search;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return children ?? <Outlet />;
}

/** Signed-in viewers with one of `roles`; others see "no access". */
export function RequireRole({
  roles,
  children,
}: {
  roles: readonly RoleName[];
  children?: ReactNode;
}) {
  const me = useMe();
  if (me.isPending) return <PageLoader />;
  if (!me.data || !hasAnyRole(me.data.roles, roles)) return <ForbiddenPage />;
  return children ?? <Outlet />;
}

/**
 * Staff roles answer only once two-factor log-in is on (the server says TWO_FACTOR_REQUIRED
 * until then), so the console sends staff without it to the set-up first.
 */
export function RequireSecondFactor({ children }: { children?: ReactNode }) {
  const me = useMe();
  if (me.isPending) return <PageLoader />;
  if (me.data && !me.data.twoFactorEnabled) return <Navigate to="/privacy/two-factor" replace />;
  return children ?? <Outlet />;
}

/** Log-in and sign-up: a signed-in visitor goes on to where they were headed. */
export function PublicOnly({ children }: { children?: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <PageLoader />;
  if (me.data) return <Navigate to={safeNext(location.search)} replace />;
  return children ?? <Outlet />;
}
