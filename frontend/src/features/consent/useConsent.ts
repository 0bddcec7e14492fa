import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ConsentPurpose, ConsentSource, ConsentStateQuery as Result } from '../../gql/graphql';
import { graphqlRequest } from '../../lib/graphql';
import { ME_KEY } from '../../lib/useMe';
import { MeQuery } from '../../lib/meQueries';
import { ConsentStateQuery, CookieDeclarationsQuery, SetConsentsMutation } from './queries';
import { consentKeys } from './keys';
import { privacyKeys } from '../privacy';

/** Consent belongs to the viewer: a new key after log-in, sign-up or log-out asks again. */

/**
 * The signed-in viewer's id (null for a visitor), read from the app's `me` query. These
 * components sit in the app shell for the whole visit, so they only follow the viewer the shell
 * already asks for: they never ask the server again themselves (staleTime Infinity).
 */
export function useViewerId() {
  const me = useQuery({
    queryKey: ME_KEY,
    queryFn: ({ signal }) => graphqlRequest(MeQuery, {}, { signal }),
    select: (data) => data.me?.id ?? null,
    staleTime: Infinity,
  });
  return { viewerId: me.data ?? null, pending: me.isPending };
}

/** Query.consentState for whoever is looking: the signed-in user, or this browser's visitor. */
export function useConsentState() {
  const viewer = useViewerId();
  const query = useQuery({
    queryKey: consentKeys.state(viewer.viewerId),
    queryFn: ({ signal }) => graphqlRequest(ConsentStateQuery, {}, { signal }),
    select: (data) => data.consentState,
    enabled: !viewer.pending,
    staleTime: 5 * 60_000,
  });
  return { ...query, viewerId: viewer.viewerId };
}

export function useCookieDeclarations() {
  return useQuery({
    queryKey: consentKeys.cookies(),
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
  const { viewerId } = useViewerId();
  return useMutation({
    mutationFn: async (decisions: ConsentDecisionInput[]) => {
      const { setConsents } = await graphqlRequest(SetConsentsMutation, { decisions, source });
      if (setConsents.errors.length > 0 || !setConsents.consentState) {
        throw new Error(setConsents.errors.map((e) => e.message).join(' ') || 'Your choice was not saved.');
      }
      return setConsents.consentState;
    },
    onSuccess: (consentState) => {
      queryClient.setQueryData<Result>(consentKeys.state(viewerId), { consentState });
      void queryClient.invalidateQueries({ queryKey: privacyKeys.all });
    },
  });
}
