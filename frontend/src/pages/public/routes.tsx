import { Route } from 'react-router';
import { DataRequestPage } from './DataRequestPage';
import { PolicyPage } from './PolicyPage';
import { ServiceProvidersPage } from './ServiceProvidersPage';
import { VerifyRequestPage } from './VerifyRequestPage';

/** Pages for everyone, signed in or not: those emails and the policy link to. */
export function publicRoutes() {
  return (
    <>
      <Route path="policies/:kind" element={<PolicyPage />} />
      <Route path="privacy/verify" element={<VerifyRequestPage />} />
      <Route path="data-request" element={<DataRequestPage />} />
      <Route path="service-providers" element={<ServiceProvidersPage />} />
    </>
  );
}
