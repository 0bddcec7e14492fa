"""The throttles on account actions."""

from __future__ import annotations

from pixvault.ratelimit import Limit

FAILED_LOG_INS_PER_ACCOUNT = Limit("login-account", 5, 15 * 60)
FAILED_LOG_INS_PER_IP = Limit("login-ip", 30, 15 * 60)
SIGN_UPS_PER_IP = Limit("signup-ip", 10, 60 * 60)
PASSWORD_CHANGES_PER_USER = Limit("password-change", 5, 15 * 60)
#: Email change requests an account may make (each sends a mail to an address it chose).
EMAIL_CHANGES_PER_USER = Limit("email-change", 5, 60 * 60)
#: "Someone tried to use your address" notices one existing account gets.
EMAIL_TAKEN_NOTICES_PER_ADDRESS = Limit("email-taken-notice", 3, 24 * 60 * 60)
