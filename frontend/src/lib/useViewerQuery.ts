import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { keepPreviousData, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useEffect } from 'react';
import { graphqlRequest } from './graphql';
import { ME_KEY } from './useMe';

/**
 * A query about the signed-in viewer (`me { ... }`). When `me` comes back null the session
 * has ended (revoked from another device, or expired): the viewer is asked for again, so the
 * route guard sends the visitor to the log-in page.
 */
export function useViewerQuery<TResult extends { me?: unknown }, TVariables>(
  queryKey: QueryKey,
  document: TypedDocumentNode<TResult, TVariables>,
  variables: TVariables,
  /** keepPrevious: show the previous page while the next one loads */
  { keepPrevious = false }: { keepPrevious?: boolean } = {},
) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey,
    queryFn: ({ signal }) => graphqlRequest(document, variables, { signal }),
    placeholderData: keepPrevious ? keepPreviousData : undefined,
  });
  const signedOut = query.data !== undefined && query.data.me == null;
  useEffect(() => {
    if (signedOut) void queryClient.invalidateQueries({ queryKey: ME_KEY });
  }, [signedOut, queryClient]);
  return query;
}
