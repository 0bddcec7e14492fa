import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';
import { graphqlRequest } from '../../lib/graphql';
import { RecordPageViewMutation } from './queries';
import { isGranted } from './consentModel';
import { useConsentState } from './useConsent';

/**
 * Sends recordPageView(path) on each route change, and only while the signed-in viewer's
 * ANALYTICS consent is granted: nothing is sent before the consent state is known, nor after a
 * refusal. Visitors who are not signed in are never tracked (the server would drop their views:
 * Pixvault's only analytics is each person's own activity log). Only the path is sent, never the
 * query string or fragment.
 */
export function PageViewTracker() {
  const { pathname } = useLocation();
  const consent = useConsentState();
  const granted = consent.viewerId !== null && consent.data != null && isGranted(consent.data, 'ANALYTICS');
  const last = useRef<string | null>(null);

  useEffect(() => {
    if (!granted) {
      last.current = null;
      return;
    }
    const key = `${consent.viewerId}:${pathname}`;
    if (last.current === key) return;
    last.current = key;
    graphqlRequest(RecordPageViewMutation, { path: pathname }).catch(() => {
      // analytics never gets in the way of the page
    });
  }, [granted, pathname, consent.viewerId]);

  return null;
}
