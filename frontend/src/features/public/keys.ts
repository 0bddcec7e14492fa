/** TanStack Query keys of the public pages. */
export const publicKeys = {
  serviceProviders: () => ['serviceProviders'] as const,
  policy: (kind: string | undefined) => ['publicPolicy', kind] as const,
};
