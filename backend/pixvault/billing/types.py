"""GraphQL types of billing. Who may read each field: billing/permissions.py."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

import strawberry
from strawberry.types import Info

from pixvault.accounts.loaders import user_loader
from pixvault.accounts.types import User
from pixvault.billing import models
from pixvault.billing.loaders import (
    billing_account_loader,
    payments_loader,
    plan_for,
    usage_loader,
)
from pixvault.billing.periods import period_at
from pixvault.billing.subscriptions import LIVE
from pixvault.billing.usage import UsageReport
from pixvault.core import described
from pixvault.core.clock import now
from pixvault.core.errors import UserError
from pixvault.graphkit.context import Context


@described.enum(
    "Where a payment stands, as the payment provider reported it.",
    {
        "PENDING": "Started, not yet paid.",
        "SUCCEEDED": "Paid (a partial refund keeps this status; see refundedCents).",
        "FAILED": "The payment did not go through.",
        "REFUNDED": "Refunded in full.",
    },
)
class PaymentStatus(StrEnum):
    PENDING = "PENDING"
    SUCCEEDED = "SUCCEEDED"
    FAILED = "FAILED"
    REFUNDED = "REFUNDED"


@strawberry.type(description="A plan someone can subscribe to, with its price and quotas.")
class Plan:
    id: strawberry.ID = strawberry.field(
        description="The plan's id (e.g. free, pro), for startCheckout."
    )
    name: str = strawberry.field(description="The plan's name, for display.")
    price_cents: int = strawberry.field(
        description="The price of one interval in minor units of currency (cents); 0 for free."
    )
    currency: str = strawberry.field(
        description="The price's currency, an ISO 4217 code in capitals (e.g. EUR)."
    )
    interval: str = strawberry.field(description="How often it is billed: month or year.")
    storage_quota_bytes: float = strawberry.field(
        description="How many bytes of originals may be stored (a Float, as it passes 2^31)."
    )
    monthly_transformations: int = strawberry.field(
        description="How many new renditions may be made each month."
    )
    included_bandwidth_bytes: float = strawberry.field(
        description="delivery bandwidth a month includes before the per-GB rate applies"
    )
    bandwidth_cents_per_gigabyte: int = strawberry.field(
        description="the price of each further gigabyte (10^9 bytes) delivered"
    )

    @classmethod
    def from_model(cls, row: models.Plan) -> Plan:
        return cls(
            id=strawberry.ID(row.id),
            name=row.name,
            price_cents=row.price_cents,
            currency=row.currency,
            interval=row.interval,
            storage_quota_bytes=float(row.storage_quota_bytes),
            monthly_transformations=row.monthly_transformations,
            included_bandwidth_bytes=float(row.included_bandwidth_bytes),
            bandwidth_cents_per_gigabyte=row.bandwidth_cents_per_gb,
        )


@strawberry.type(description="What an account used in the current billing period.")
class Usage:
    period_start: datetime = strawberry.field(description="When the period began.")
    period_end: datetime = strawberry.field(description="When the period ends (exclusive).")
    storage_bytes: float = strawberry.field(
        description="Bytes of originals stored now (a Float, as it passes 2^31)."
    )
    bandwidth_bytes: float = strawberry.field(
        description="Bytes delivered so far this period (a Float, as it passes 2^31)."
    )
    transformations: int = strawberry.field(description="New renditions made so far this period.")
    estimated_cost_cents: int = strawberry.field(
        description="the plan's price for the period plus bandwidth beyond what it includes"
    )

    @classmethod
    def from_report(cls, report: UsageReport) -> Usage:
        return cls(
            period_start=report.period_start,
            period_end=report.period_end,
            storage_bytes=float(report.storage_bytes),
            bandwidth_bytes=float(report.bandwidth_bytes),
            transformations=report.transformations,
            estimated_cost_cents=report.estimated_cost_cents,
        )


@strawberry.type(description="One invoice's payment, as the payment provider reported it.")
class Payment:
    id: strawberry.ID = strawberry.field(description="The payment's id.")
    billing_name: str | None = strawberry.field(
        description="The name on the invoice; null when none was given."
    )
    amount_cents: int = strawberry.field(
        description="The amount in minor units of currency (cents)."
    )
    currency: str = strawberry.field(
        description="The amount's currency, an ISO 4217 code in capitals (e.g. EUR)."
    )
    status: PaymentStatus = strawberry.field(description="Where the payment stands.")
    paid_at: datetime | None = strawberry.field(description="When it was paid; null until it is.")
    refunded_cents: int = strawberry.field(
        description="a partial refund keeps the status SUCCEEDED, a full one makes it REFUNDED"
    )
    description: str | None = strawberry.field(
        description="What was paid for, as the invoice says; null when it says nothing."
    )
    provider_reference: str | None = strawberry.field(
        description="The payment provider's invoice id (Stripe in_...), for looking it up there."
    )
    subject_id: strawberry.Private[str | None]

    @classmethod
    def from_model(cls, row: models.Payment) -> Payment:
        user_id = row.user_id  # type: ignore[attr-defined]
        return cls(
            id=strawberry.ID(str(row.id)),
            billing_name=row.billing_name,
            amount_cents=row.amount_cents,
            currency=row.currency,
            status=PaymentStatus(row.status),
            paid_at=row.paid_at,
            refunded_cents=row.refunded_cents,
            description=row.description,
            provider_reference=row.invoice_id,
            subject_id=str(user_id) if user_id is not None else None,
        )

    @strawberry.field(description="Who paid; null once the account is erased.")
    async def user(self, info: Info[Context, None]) -> User | None:
        if self.subject_id is None:
            return None
        row = await user_loader(info.context).load(self.subject_id)
        return User.from_model(row) if row else None


@strawberry.type(description="The answer to startCheckout.")
class CheckoutPayload:
    checkout_url: str | None = strawberry.field(
        description="the payment provider's hosted checkout page"
    )
    errors: list[UserError] = UserError.payload_field()


@strawberry.type(description="A running paid subscription.")
class BillingSubscription:
    status: str = strawberry.field(description="Stripe's status: active, trialing or past_due")
    cancel_at_period_end: bool = strawberry.field(
        description="the customer cancelled: the plan ends with the current period"
    )
    current_period_end: datetime = strawberry.field(
        description="when the period paid for ends (the plan renews or, cancelled, ends then)"
    )
    ends_at: datetime | None = strawberry.field(
        description="when the plan ends, set only while cancelled"
    )

    @classmethod
    def from_model(cls, row: models.BillingAccount) -> BillingSubscription | None:
        """None without a running subscription."""
        if not row.subscription_id or row.subscription_status not in LIVE:
            return None
        # Checkout anchors each subscription to a month start: the month's end until Stripe says.
        period_end = row.subscription_period_end or period_at(now()).end
        return cls(
            status=str(row.subscription_status),
            cancel_at_period_end=row.subscription_cancel_at_period_end,
            current_period_end=period_end,
            ends_at=period_end if row.subscription_cancel_at_period_end else None,
        )


@strawberry.type(description="The answer to cancelSubscription and resumeSubscription.")
class SubscriptionPayload:
    subscription: BillingSubscription | None = strawberry.field(
        description="the subscription after the change"
    )
    errors: list[UserError] = UserError.payload_field()


async def subscription_of(context: Context, user_id: str) -> BillingSubscription | None:
    """User.subscription, through the request's billing-account loader."""
    row = await billing_account_loader(context).load(user_id)
    return BillingSubscription.from_model(row) if row is not None else None


async def plan_of_user(context: Context, user_id: str) -> Plan:
    """User.plan, through the request's loaders."""
    return Plan.from_model(await plan_for(context, user_id))


async def usage_of(context: Context, user_id: str) -> Usage:
    """User.usage, through the request's usage loader."""
    return Usage.from_report(await usage_loader(context).load(user_id))


async def payments_of(context: Context, user_id: str) -> list[Payment]:
    """User.payments, newest first, through the request's payments loader."""
    return [Payment.from_model(row) for row in await payments_loader(context).load(user_id)]
