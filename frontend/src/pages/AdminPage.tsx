import { PlaceholderPage } from './PlaceholderPage';

export function AdminPage() {
  return (
    <PlaceholderPage title="Admin console">
      Instance administration (accounts, policies, audit log) will live here.
    </PlaceholderPage>
  );
}
