import { Route, Routes } from 'react-router';
import { AppLayout } from './components/AppLayout';
import { PublicOnly, RequireAuth } from './components/guards';
import { adminRoutes } from './pages/admin/routes';
import { ConfirmEmailPage } from './pages/auth/ConfirmEmailPage';
import { ForgotPasswordPage } from './pages/auth/ForgotPasswordPage';
import { LogInPage } from './pages/auth/LogInPage';
import { ResetPasswordPage } from './pages/auth/ResetPasswordPage';
import { SignUpPage } from './pages/auth/SignUpPage';
import { billingRoutes } from './pages/billing/routes';
import { HomePage } from './pages/HomePage';
import { libraryRoutes } from './pages/library/routes';
import { NotFoundPage } from './pages/NotFoundPage';
import { privacyRoutes } from './pages/privacy/routes';
import { publicRoutes } from './pages/public/routes';

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
