/** TanStack Query keys of the privacy centre; `all` refreshes every page of it. */
export const privacyKeys = {
  all: ['privacy'] as const,
  overview: () => [...privacyKeys.all, 'overview'] as const,
  profile: () => [...privacyKeys.all, 'profile'] as const,
  sessions: () => [...privacyKeys.all, 'sessions'] as const,
  tokens: () => [...privacyKeys.all, 'tokens'] as const,
  activity: (after: string | null) => [...privacyKeys.all, 'activity', after] as const,
  consents: () => [...privacyKeys.all, 'consents'] as const,
  twoFactor: () => [...privacyKeys.all, 'two-factor'] as const,
  rights: () => [...privacyKeys.all, 'rights'] as const,
  dataRequests: () => [...privacyKeys.all, 'data-requests'] as const,
};
