import {
  IconActivity,
  IconAdjustmentsHorizontal,
  IconChecklist,
  IconCookie,
  IconDownload,
  IconHandStop,
  IconTrash,
  IconDevices,
  IconKey,
  IconLock,
  IconShieldCheck,
  IconShieldLock,
  IconUserCircle,
} from '@tabler/icons-react';
import { Route } from 'react-router';
import type { NavItem } from '../../lib/nav';
import { NotFoundPage } from '../../components/NotFoundPage';
import { ActivityPage } from './ActivityPage';
import { ApiTokensPage } from './ApiTokensPage';
import { ConsentChoicesPage } from './ConsentChoicesPage';
import { ConsentsPage } from './ConsentsPage';
import { CookiesPage } from './CookiesPage';
import { DeleteAccountPage } from './DeleteAccountPage';
import { DownloadDataPage } from './DownloadDataPage';
import { PrivacyOverviewPage } from './OverviewPage';
import { PasswordPage } from './PasswordPage';
import { ProfilePage } from './ProfilePage';
import { RightsPage } from './RightsPage';
import { SessionsPage } from './SessionsPage';
import { TwoFactorPage } from './TwoFactorPage';

/** The privacy centre's routes, mounted under the signed-in part of the app. */
export function privacyRoutes() {
  return (
    <Route path="privacy">
      <Route index element={<PrivacyOverviewPage />} />
      <Route path="profile" element={<ProfilePage />} />
      <Route path="password" element={<PasswordPage />} />
      <Route path="two-factor" element={<TwoFactorPage />} />
      <Route path="sessions" element={<SessionsPage />} />
      <Route path="activity" element={<ActivityPage />} />
      <Route path="tokens" element={<ApiTokensPage />} />
      <Route path="consents" element={<ConsentsPage />} />
      <Route path="consent-choices" element={<ConsentChoicesPage />} />
      <Route path="cookies" element={<CookiesPage />} />
      <Route path="download" element={<DownloadDataPage />} />
      <Route path="rights" element={<RightsPage />} />
      <Route path="delete-account" element={<DeleteAccountPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Route>
  );
}

export const PRIVACY_NAV: NavItem[] = [
  { to: '/privacy', label: 'Overview', icon: <IconShieldCheck size={18} />, end: true },
  { to: '/privacy/profile', label: 'Profile', icon: <IconUserCircle size={18} /> },
  { to: '/privacy/password', label: 'Password', icon: <IconLock size={18} /> },
  { to: '/privacy/two-factor', label: 'Two-factor log-in', icon: <IconShieldLock size={18} /> },
  { to: '/privacy/sessions', label: 'Sessions', icon: <IconDevices size={18} /> },
  { to: '/privacy/activity', label: 'Recent activity', icon: <IconActivity size={18} /> },
  { to: '/privacy/tokens', label: 'API tokens', icon: <IconKey size={18} /> },
  {
    to: '/privacy/consent-choices',
    label: 'Consent choices',
    icon: <IconAdjustmentsHorizontal size={18} />,
  },
  { to: '/privacy/consents', label: 'Consent history', icon: <IconChecklist size={18} /> },
  { to: '/privacy/cookies', label: 'Cookies', icon: <IconCookie size={18} /> },
  { to: '/privacy/download', label: 'Download my data', icon: <IconDownload size={18} /> },
  { to: '/privacy/rights', label: 'Restrict or object', icon: <IconHandStop size={18} /> },
  { to: '/privacy/delete-account', label: 'Delete my account', icon: <IconTrash size={18} /> },
];
