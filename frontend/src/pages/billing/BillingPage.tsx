import { PageHeader } from '../../components/PageHeader';

export function BillingPage() {
  return <PageHeader title="Billing" description="Your plan, usage and payments." />;
}
