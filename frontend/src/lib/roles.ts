import type { Role } from '../gql/graphql';

/**
 * Roles, as the graph's Role enum spells them (typed by codegen's Role; roles.test.ts fails when
 * the schema gains or loses one), and what each lets a viewer see.
 */
export const ALL_ROLES = ['CUSTOMER', 'SUPPORT', 'BILLING', 'PRIVACY_OFFICER', 'ADMIN'] as const satisfies readonly Role[];
export type RoleName = (typeof ALL_ROLES)[number];

export const STAFF_ROLES: readonly RoleName[] = ['SUPPORT', 'BILLING', 'PRIVACY_OFFICER', 'ADMIN'];
/** who may read the audit log (Query.auditLog) */
export const AUDIT_ROLES: readonly RoleName[] = ['PRIVACY_OFFICER', 'ADMIN'];
/** who may read payments across customers (Query.payments) */
export const BILLING_ROLES: readonly RoleName[] = ['BILLING', 'ADMIN'];
/** who may change roles (Mutation.setUserRoles) */
export const ROLE_EDITORS: readonly RoleName[] = ['ADMIN'];
/** who reviews every data subject request and decides on it (Query.dataSubjectRequests, extend/reject/complete) */
export const DSAR_ROLES: readonly RoleName[] = ['PRIVACY_OFFICER', 'ADMIN'];
/** who works the abuse and contact queues (Query.abuseReports, Query.contactMessages) */
export const SAFETY_ROLES: readonly RoleName[] = ['SUPPORT', 'PRIVACY_OFFICER', 'ADMIN'];
/** who also sees PRIVACY contact messages (the privacy officer's queue) */
export const PRIVACY_QUEUE_ROLES: readonly RoleName[] = ['PRIVACY_OFFICER', 'ADMIN'];
/** who may publish a policy version (Mutation.publishPolicyVersion) */
export const POLICY_PUBLISHERS: readonly RoleName[] = ['PRIVACY_OFFICER', 'ADMIN'];
/** who lists, places and releases legal holds (Query.legalHolds, placeLegalHold, releaseLegalHold) */
export const HOLD_ROLES: readonly RoleName[] = ['PRIVACY_OFFICER', 'ADMIN'];
/** Who keeps the breach register (records/permissions.py). */
export const BREACH_ROLES: readonly RoleName[] = ['PRIVACY_OFFICER', 'ADMIN'];

export function hasAnyRole(
  roles: readonly string[] | null | undefined,
  wanted: readonly RoleName[],
): boolean {
  return (roles ?? []).some((role) => (wanted as readonly string[]).includes(role));
}

export const isStaff = (roles: readonly string[] | null | undefined) =>
  hasAnyRole(roles, STAFF_ROLES);
