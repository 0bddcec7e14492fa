import { useQuery } from '@tanstack/react-query';
import { MeQuery } from '../queries/me';
import { graphqlRequest } from './graphql';

/** The signed-in account (`data.me`), or `null` when there is no session. */
export function useMe() {
  return useQuery({
    queryKey: ['me'],
    queryFn: ({ signal }) => graphqlRequest(MeQuery, {}, { signal }),
    select: (data) => data.me ?? null,
  });
}
