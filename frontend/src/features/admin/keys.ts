/**
 * TanStack Query keys of the admin console, one factory per list or record: a list's key
 * without arguments is the prefix that invalidates all its pages and filters.
 */
export const adminKeys = {
  all: ['admin'] as const,
  users: (...page: readonly unknown[]) => [...adminKeys.all, 'users', ...page] as const,
  user: (id?: string) => [...adminKeys.all, 'user', ...(id === undefined ? [] : [id])] as const,
  audit: (...page: readonly unknown[]) => [...adminKeys.all, 'audit', ...page] as const,
  payments: (...page: readonly unknown[]) => [...adminKeys.all, 'payments', ...page] as const,
  paymentCustomers: (search: string) => [...adminKeys.all, 'payment-customers', search] as const,
  policies: (kind: string) => [...adminKeys.all, 'policies', kind] as const,
  messages: (...filters: readonly unknown[]) => [...adminKeys.all, 'messages', ...filters] as const,
  requests: (...page: readonly unknown[]) => [...adminKeys.all, 'requests', ...page] as const,
  request: (id?: string) => [...adminKeys.all, 'request', ...(id === undefined ? [] : [id])] as const,
  reports: (...page: readonly unknown[]) => [...adminKeys.all, 'reports', ...page] as const,
  holds: (...page: readonly unknown[]) => [...adminKeys.all, 'holds', ...page] as const,
  holdSubjects: (search: string) => [...adminKeys.all, 'hold-subjects', search] as const,
  restrictions: (...page: readonly unknown[]) => [...adminKeys.all, 'restrictions', ...page] as const,
  breaches: (...page: readonly unknown[]) => [...adminKeys.all, 'breaches', ...page] as const,
};
