/**
 * The consent feature's public face: what other features may use (the privacy centre's cookie
 * and choices pages). Everything else in this folder is its own business.
 */
export { cookieLifetime, PURPOSE_TEXT, SETTINGS_PURPOSES } from './consentModel';
export { useConsentState, useCookieDeclarations, useSetConsents } from './useConsent';
