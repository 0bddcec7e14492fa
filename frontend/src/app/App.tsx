import { Route, Routes } from 'react-router';
import { AppLayout } from './AppLayout';
import { PublicOnly, RequireAuth } from '../components/guards';
import { adminRoutes } from '../features/admin/routes';
import { ConfirmEmailPage } from '../features/auth/ConfirmEmailPage';
import { ForgotPasswordPage } from '../features/auth/ForgotPasswordPage';
import { LogInPage } from '../features/auth/LogInPage';
import { ResetPasswordPage } from '../features/auth/ResetPasswordPage';
import { SignUpPage } from '../features/auth/SignUpPage';
import { billingRoutes } from '../features/billing/routes';
import { HomePage } from './HomePage';
import { libraryRoutes } from '../features/library/routes';
import { NotFoundPage } from '../components/NotFoundPage';
import { privacyRoutes } from '../features/privacy/routes';
import { publicRoutes } from '../features/public/routes';

/**
 * Client-side routes. The backend serves index.html for any of these paths. Each area declares
 * its own routes (pages/<area>/routes.tsx) so areas grow without touching each other.
 */
export function App() {
  return (
    <Routes>
      <Route element={<AppLayout />}>
        <Route index element={<HomePage />} />
        <Route element={<PublicOnly />}>
          <Route path="login" element={<LogInPage />} />
          <Route path="signup" element={<SignUpPage />} />
          <Route path="forgot-password" element={<ForgotPasswordPage />} />
        </Route>
        <Route path="account/confirm-email" element={<ConfirmEmailPage />} />
        {publicRoutes()}
        <Route path="reset-password" element={<ResetPasswordPage />} />
        <Route element={<RequireAuth />}>
          {libraryRoutes()}
          {privacyRoutes()}
          {billingRoutes()}
          {adminRoutes()}
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
