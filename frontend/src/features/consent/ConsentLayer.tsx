import { CookieBanner } from './CookieBanner';
import { PageViewTracker } from './PageViewTracker';
import { PolicyDecisionDialog } from './PolicyDecisionDialog';

/** What the app shell mounts once: the cookie banner, page-view gating and policy decisions. */
export function ConsentLayer() {
  return (
    <>
      <PageViewTracker />
      <CookieBanner />
      <PolicyDecisionDialog />
    </>
  );
}
