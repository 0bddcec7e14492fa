"""Throttles of the second factor and of password recovery (apart from accounts/limits.py,
which holds those of log-in and sign-up)."""

from __future__ import annotations

from pixvault.core.ratelimit import Limit

#: Wrong second-factor codes (log-in, set-up, turning it off) per account.
TWO_FACTOR_FAILURES_PER_USER = Limit("2fa-user", 5, 15 * 60)
#: "Forgot your password?" requests: per client address, per email address typed, per account.
PASSWORD_RESETS_PER_IP = Limit("reset-ip", 10, 60 * 60)
PASSWORD_RESETS_PER_EMAIL = Limit("reset-email", 3, 60 * 60)
PASSWORD_RESETS_PER_ACCOUNT = Limit("reset-account", 3, 60 * 60)
