/** Roles, as the graph's Role enum spells them, and what each lets a viewer see. */
export const ALL_ROLES = ['CUSTOMER', 'SUPPORT', 'BILLING', 'PRIVACY_OFFICER', 'ADMIN'] as const;
export type RoleName = (typeof ALL_ROLES)[number];

export const STAFF_ROLES: readonly RoleName[] = ['SUPPORT', 'BILLING', 'PRIVACY_OFFICER', 'ADMIN'];
/** who may read the audit log (Query.auditLog) */
export const AUDIT_ROLES: readonly RoleName[] = ['PRIVACY_OFFICER', 'ADMIN'];
/** who may read payments across customers (Query.payments) */
export const BILLING_ROLES: readonly RoleName[] = ['BILLING', 'ADMIN'];
/** who may change roles (Mutation.setUserRoles) */
export const ROLE_EDITORS: readonly RoleName[] = ['ADMIN'];

export function hasAnyRole(
  roles: readonly string[] | null | undefined,
  wanted: readonly RoleName[],
): boolean {
  return (roles ?? []).some((role) => (wanted as readonly string[]).includes(role));
}

export const isStaff = (roles: readonly string[] | null | undefined) =>
  hasAnyRole(roles, STAFF_ROLES);
