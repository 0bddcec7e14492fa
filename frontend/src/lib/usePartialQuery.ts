import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { keepPreviousData, useQuery, type QueryKey } from '@tanstack/react-query';
import { FieldAccess } from './access';
import { graphqlRequestPartial } from './graphql';

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
