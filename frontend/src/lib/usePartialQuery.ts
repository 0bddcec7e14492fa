import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { keepPreviousData, useQuery, type QueryKey } from '@tanstack/react-query';
import { FieldAccess } from './access';
import { graphqlRequestPartial } from './graphql';
import { useCursorPager } from './useCursorPager';

export interface PartialData<TResult> {
  data: TResult;
  /** which fields came back null because the viewer may not read them */
  access: FieldAccess;
}

/**
 * A query whose fields may be withheld by role: the page keeps whatever came back, and asks
 * `access` about the rest, instead of failing as a whole.
 */
export function usePartialQuery<TResult, TVariables>(
  queryKey: QueryKey,
  document: TypedDocumentNode<TResult, TVariables>,
  variables: TVariables,
  /** keepPrevious: show the previous page while the next one loads */
  { keepPrevious = false }: { keepPrevious?: boolean } = {},
) {
  return useQuery({
    queryKey,
    queryFn: async ({ signal }): Promise<PartialData<TResult>> => {
      const { data, errors } = await graphqlRequestPartial(document, variables, { signal });
      return { data, access: new FieldAccess(errors) };
    },
    placeholderData: keepPrevious ? keepPreviousData : undefined,
  });
}

/**
 * One page of a cursor connection at a time: the pager, and a partial query for the page it
 * points at (the previous page stays shown while the next loads). `queryKey` and `variables`
 * are given the page's `after` cursor.
 */
export function usePagedPartialQuery<TResult, TVariables>(
  queryKey: (after: string | null) => QueryKey,
  document: TypedDocumentNode<TResult, TVariables>,
  variables: (after: string | null) => TVariables,
) {
  const pager = useCursorPager();
  const query = usePartialQuery(queryKey(pager.after), document, variables(pager.after), {
    keepPrevious: true,
  });
  return { pager, query };
}
