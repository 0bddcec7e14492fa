import { QueryCache, QueryClient } from '@tanstack/react-query';
import { GraphQLRequestError } from '../lib/graphql';
import { ME_KEY } from '../lib/useMe';

/** Build the app's QueryClient (a fresh one per app root / per test). */
export function createQueryClient(): QueryClient {
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        // The session ended (expired, revoked elsewhere): ask again who the viewer is, so the
        // route guards send the visitor to the log-in page.
        if (
          error instanceof GraphQLRequestError &&
          error.codes.includes('UNAUTHENTICATED') &&
          query.queryKey[0] !== ME_KEY[0]
        ) {
          void queryClient.invalidateQueries({ queryKey: ME_KEY });
        }
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // GraphQL errors are answers, not transient failures: don't retry them.
        retry: (failureCount, error) => !(error instanceof GraphQLRequestError) && failureCount < 2,
      },
    },
  });
  return queryClient;
}
