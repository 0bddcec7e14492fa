/** TanStack Query keys of cookie consent and policy decisions. */
export const consentKeys = {
  state: (viewerId: string | null) => ['consent', 'state', viewerId ?? 'visitor'] as const,
  cookies: () => ['consent', 'cookies'] as const,
  pendingPolicies: (viewerId: string | null) => ['policies', 'pending', viewerId] as const,
};
