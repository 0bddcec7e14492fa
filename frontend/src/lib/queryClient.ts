import { QueryClient } from '@tanstack/react-query';
import { GraphQLRequestError } from './graphql';

/** Build the app's QueryClient (a fresh one per app root / per test). */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // GraphQL errors are answers, not transient failures: don't retry them.
        retry: (failureCount, error) => !(error instanceof GraphQLRequestError) && failureCount < 2,
      },
    },
  });
}
