"""Where a lower domain's ``Installed`` parts (core/installed.py) get the higher domain's
implementation: the runtime calls :func:`install_parts` when it starts, so every process (app,
worker, command line) has them before it serves anything. Each part is declared next to the
code that asks for it, which says why the answer comes from above."""

from __future__ import annotations

from pixvault import account_hooks
from pixvault.accounts.hooks import hooks
from pixvault.accounts.loaders import user_loader
from pixvault.accounts.person_fields import PersonFields, person_fields
from pixvault.accounts.types import User
from pixvault.assets import types as asset_types
from pixvault.assets.queries import user_assets
from pixvault.audit import types as audit_types
from pixvault.billing import types as billing_types
from pixvault.consents import types as consent_types
from pixvault.consents.services import has_granted
from pixvault.core import restriction_gate
from pixvault.graphkit.context import Context
from pixvault.mail import sender
from pixvault.policies import decisions
from pixvault.privacy import restriction, retention_rules, runner
from pixvault.privacy.requests import close_after_policy_rejection
from pixvault.privacy.types import data_subject_requests_of
from pixvault.records import enforcement, holds
from pixvault.records.types import legal_holds_of
from pixvault.safety.loaders import moderation_note_loader


async def _user_by_id(context: Context, user_id: str) -> User | None:
    row = await user_loader(context).load(user_id)
    return User.from_model(row) if row else None


def install_parts() -> None:
    # Assets and consents ask privacy whether a person restricted processing.
    restriction_gate.restrictions.install(restriction)
    # Sign-up, log-in and own-data changes run consents' and policies' steps.
    hooks.install(account_hooks)
    # Mail that requires consent is sent only while consents still grants it.
    sender.consent_granted.install(has_granted)
    # Privacy finishes what a policy rejection and a released legal hold start, and keeps its
    # own retention rules.
    decisions.account_closing.install(close_after_policy_rejection)
    holds.resume_after_release.install(runner.resume)
    enforcement.privacy_rules.install(retention_rules.RULES)
    # An asset's moderation note comes from safety's per-request loader.
    asset_types.moderation_note_loader.install(moderation_note_loader)
    # The audit trail's actors and subjects are accounts' users.
    audit_types.user_by_id.install(_user_by_id)
    # A User's plan, payments, consents, requests, holds and images come from their domains.
    person_fields.install(
        PersonFields(
            consent_history=consent_types.consent_history,
            consents=consent_types.user_consents,
            data_subject_requests=data_subject_requests_of,
            payments=billing_types.payments_of,
            plan=billing_types.plan_of_user,
            subscription=billing_types.subscription_of,
            usage=billing_types.usage_of,
            legal_holds=legal_holds_of,
            assets=user_assets,
        )
    )
