import { Route } from 'react-router';
import { ContactPage } from './ContactPage';
import { DataRequestPage } from './DataRequestPage';
import { PolicyPage } from './PolicyPage';
import { ReportPage } from './ReportPage';
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
      <Route path="contact" element={<ContactPage />} />
      <Route path="report" element={<ReportPage />} />
    </>
  );
}
