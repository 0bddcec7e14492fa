"""The throttles on account actions."""

from __future__ import annotations

from pixvault.ratelimit import Limit

FAILED_LOG_INS_PER_ACCOUNT = Limit("login-account", 5, 15 * 60)
FAILED_LOG_INS_PER_IP = Limit("login-ip", 30, 15 * 60)
SIGN_UPS_PER_IP = Limit("signup-ip", 10, 60 * 60)
PASSWORD_CHANGES_PER_USER = Limit("password-change", 5, 15 * 60)
