import { Navigate, Route, Routes } from 'react-router';
import { AppLayout } from './components/AppLayout';
import { PublicOnly, RequireAuth, RequireRole } from './components/guards';
import { AUDIT_ROLES, STAFF_ROLES } from './lib/roles';
import { AuditLogPage } from './pages/admin/AuditLogPage';
import { UserPage } from './pages/admin/UserPage';
import { UsersPage } from './pages/admin/UsersPage';
import { ConfirmEmailPage } from './pages/auth/ConfirmEmailPage';
import { LogInPage } from './pages/auth/LogInPage';
import { SignUpPage } from './pages/auth/SignUpPage';
import { HomePage } from './pages/HomePage';
import { LibraryPage } from './pages/LibraryPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { ActivityPage } from './pages/privacy/ActivityPage';
import { ApiTokensPage } from './pages/privacy/ApiTokensPage';
import { ConsentsPage } from './pages/privacy/ConsentsPage';
import { PrivacyOverviewPage } from './pages/privacy/OverviewPage';
import { PasswordPage } from './pages/privacy/PasswordPage';
import { ProfilePage } from './pages/privacy/ProfilePage';
import { SessionsPage } from './pages/privacy/SessionsPage';

/** Client-side routes. The backend serves index.html for any of these paths. */
export function App() {
  return (
    <Routes>
      <Route element={<AppLayout />}>
        <Route index element={<HomePage />} />
        <Route element={<PublicOnly />}>
          <Route path="login" element={<LogInPage />} />
          <Route path="signup" element={<SignUpPage />} />
        </Route>
        <Route path="account/confirm-email" element={<ConfirmEmailPage />} />
        <Route element={<RequireAuth />}>
          <Route path="library/*" element={<LibraryPage />} />
          <Route path="privacy">
            <Route index element={<PrivacyOverviewPage />} />
            <Route path="profile" element={<ProfilePage />} />
            <Route path="password" element={<PasswordPage />} />
            <Route path="sessions" element={<SessionsPage />} />
            <Route path="activity" element={<ActivityPage />} />
            <Route path="tokens" element={<ApiTokensPage />} />
            <Route path="consents" element={<ConsentsPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
          <Route path="admin" element={<RequireRole roles={STAFF_ROLES} />}>
            <Route index element={<Navigate to="users" replace />} />
            <Route path="users" element={<UsersPage />} />
            <Route path="users/:id" element={<UserPage />} />
            <Route
              path="audit"
              element={
                <RequireRole roles={AUDIT_ROLES}>
                  <AuditLogPage />
                </RequireRole>
              }
            />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
