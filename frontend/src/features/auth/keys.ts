/** TanStack Query keys of the sign-up and log-in pages. */
export const authKeys = {
  minimumAge: () => ['minimumAge'] as const,
};
