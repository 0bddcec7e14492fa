import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ConsentPurpose, ConsentSource, ConsentStateQuery as Result } from '../../gql/graphql';
import { graphqlRequest } from '../../lib/graphql';
import { useMe } from '../../lib/useMe';
import { ConsentStateQuery, CookieDeclarationsQuery, SetConsentsMutation } from '../../queries/privacy';

/** Consent belongs to the viewer: a new key after log-in, sign-up or log-out asks again. */
export const consentKey = (viewerId: string | null) => ['consent', 'state', viewerId ?? 'visitor'] as const;

/** Query.consentState for whoever is looking: the signed-in user, or this browser's visitor. */
export function useConsentState() {
  const me = useMe();
  const viewerId = me.data?.id ?? null;
  const query = useQuery({
    queryKey: consentKey(viewerId),
    queryFn: ({ signal }) => graphqlRequest(ConsentStateQuery, {}, { signal }),
    select: (data) => data.consentState,
    enabled: !me.isPending,
    staleTime: 5 * 60_000,
  });
  return { ...query, viewerId, viewerPending: me.isPending };
}

export function useCookieDeclarations() {
  return useQuery({
    queryKey: ['consent', 'cookies'],
    queryFn: ({ signal }) => graphqlRequest(CookieDeclarationsQuery, {}, { signal }),
    select: (data) => data.cookieDeclarations,
    staleTime: Infinity,
  });
}

export interface ConsentDecisionInput {
  purpose: ConsentPurpose;
  granted: boolean;
}

/**
 * Records decisions (the proof of consent is the server's ledger) and puts the answer's new
 * consent state in the cache, so the banner goes and page-view gating follows at once. A
 * payload error is thrown as an Error with the server's message.
 */
export function useSetConsents(source: ConsentSource) {
  const queryClient = useQueryClient();
  const me = useMe();
  const viewerId = me.data?.id ?? null;
  return useMutation({
    mutationFn: async (decisions: ConsentDecisionInput[]) => {
      const { setConsents } = await graphqlRequest(SetConsentsMutation, { decisions, source });
      if (setConsents.errors.length > 0 || !setConsents.consentState) {
        throw new Error(setConsents.errors.map((e) => e.message).join(' ') || 'Your choice was not saved.');
      }
      return setConsents.consentState;
    },
    onSuccess: (consentState) => {
      queryClient.setQueryData<Result>(consentKey(viewerId), { consentState });
      void queryClient.invalidateQueries({ queryKey: ['privacy'] });
    },
  });
}
