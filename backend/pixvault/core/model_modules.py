"""The model modules of the one tortoise app, in one list read by the database config
(db.py) and by the personal-data register, which imports them by name so that core imports
no domain."""

from __future__ import annotations

#: Each domain registers its models module here.
MODEL_MODULES: list[str] = [
    "pixvault.accounts.models",
    "pixvault.accounts.security_models",
    "pixvault.assets.models",
    "pixvault.audit.models",
    "pixvault.billing.models",
    "pixvault.consents.models",
    "pixvault.policies.models",
    "pixvault.privacy.models",
    "pixvault.privacy.rights_models",
    "pixvault.records.models",
    "pixvault.records.breach_models",
    "pixvault.safety.models",
    "pixvault.mail.models",
]
