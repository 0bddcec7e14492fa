import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { MeQuery as MeQueryResult } from '../gql/graphql';
import { LogOutMutation, MeQuery } from './meQueries';
import { graphqlRequest } from './graphql';

export const ME_KEY = ['me'] as const;

export type Viewer = NonNullable<MeQueryResult['me']>;

/** The signed-in account (`data.me`), or `null` when there is no session. */
export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: ({ signal }) => graphqlRequest(MeQuery, {}, { signal }),
    select: (data) => data.me ?? null,
  });
}

/**
 * Start afresh as `viewer` (after log-in or sign-up) or as nobody (after log-out): every
 * cached answer belonged to the previous viewer, so all of them go.
 */
export function resetViewer(queryClient: QueryClient, viewer: Viewer | null): void {
  queryClient.clear();
  queryClient.setQueryData<MeQueryResult>(ME_KEY, { me: viewer });
}

/** Log out: ends the session on the server, then forgets every cached answer. */
export function useLogOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => graphqlRequest(LogOutMutation, {}),
    onSettled: () => resetViewer(queryClient, null),
  });
}
