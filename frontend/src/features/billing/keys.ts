/** TanStack Query keys of the billing page. */
export const billingKeys = {
  all: ['billing'] as const,
};
