"""Billing: plans, each customer's link to Stripe, payments, applied Stripe events and metered
usage per billing period."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from pixvault.accounts.models import User
from pixvault.core.privacy_register import Erasure, NotPersonal, PersonalData


class Plan(Model):
    """A plan customers can be on. Seeded by a migration, so plans are data, not code."""

    id = fields.CharField(max_length=32, primary_key=True)
    name = fields.CharField(max_length=100)
    #: The price of one interval, in minor units of ``currency``.
    price_cents = fields.IntField()
    #: ISO 4217, upper case.
    currency = fields.CharField(max_length=3)
    #: The Stripe recurring interval, month or year.
    interval = fields.CharField(max_length=8)
    storage_quota_bytes = fields.BigIntField()
    monthly_transformations = fields.IntField()
    #: Delivery bandwidth each month includes before the overage rate applies.
    included_bandwidth_bytes = fields.BigIntField()
    bandwidth_cents_per_gb = fields.IntField()

    class Meta:
        table = "plans"


class BillingAccount(Model):
    """A customer's Stripe customer and the subscription their plan follows."""

    id = fields.UUIDField(primary_key=True)
    user: fields.OneToOneRelation[User] = fields.OneToOneField(
        "pixvault.User", related_name="billing_account", on_delete=fields.CASCADE
    )
    stripe_customer_id = fields.CharField(max_length=255, unique=True, null=True)
    plan: fields.ForeignKeyRelation[Plan] = fields.ForeignKeyField(
        "pixvault.Plan", related_name="accounts", on_delete=fields.RESTRICT
    )
    subscription_id = fields.CharField(max_length=255, null=True)
    #: Stripe's subscription status (active, past_due, canceled and so on).
    subscription_status = fields.CharField(max_length=32, null=True)
    #: Stripe's time of the event that last set the subscription (older news is ignored).
    subscription_event_at = fields.DatetimeField(null=True)
    #: Set to end at the close of the current period (the customer cancelled, and may resume).
    subscription_cancel_at_period_end = fields.BooleanField(default=False)
    #: When the subscription's current period, already paid for, ends.
    subscription_period_end = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField()

    class Meta:
        table = "billing_accounts"


class Payment(Model):
    """One Stripe invoice's payment, as the provider reported it."""

    id = fields.UUIDField(primary_key=True)
    #: Kept when the account is erased, for the accounting record.
    user: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "pixvault.User", related_name="payments", null=True, on_delete=fields.SET_NULL
    )
    #: The Stripe invoice id, the provider's reference.
    invoice_id = fields.CharField(max_length=255, unique=True)
    billing_name = fields.CharField(max_length=200, null=True)
    amount_cents = fields.IntField()
    currency = fields.CharField(max_length=3)
    #: PENDING, SUCCEEDED, FAILED or REFUNDED (the graph's PaymentStatus).
    status = fields.CharField(max_length=16)
    paid_at = fields.DatetimeField(null=True)
    refunded_cents = fields.IntField(default=0)
    description = fields.CharField(max_length=500, null=True)
    created_at = fields.DatetimeField(db_index=True)

    class Meta:
        table = "payments"


class StripeEvent(Model):
    """A Stripe event already applied, keyed by its id so a repeated delivery cannot insert.

    Two racing deliveries both try the insert; the primary key lets only one of them commit.
    """

    id = fields.CharField(max_length=255, primary_key=True)
    type = fields.CharField(max_length=100)
    #: When Stripe created the event.
    created = fields.DatetimeField()
    received_at = fields.DatetimeField()

    class Meta:
        table = "stripe_events"


class UsagePeriod(Model):
    """Metered usage of one customer in one billing period (a calendar month, UTC)."""

    id = fields.BigIntField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "pixvault.User", related_name="usage_periods", on_delete=fields.CASCADE
    )
    period_start = fields.DatetimeField()
    bandwidth_bytes = fields.BigIntField(default=0)
    transformations = fields.IntField(default=0)
    #: Stored bytes as last set in the period, null when unchanged (the level carries over).
    storage_bytes = fields.BigIntField(null=True)

    class Meta:
        table = "usage_periods"
        unique_together = (("user", "period_start"),)


def _initials(row: Model) -> str | None:
    """Tax records keep the payer's initials only: enough to match a ledger, no more."""
    name = getattr(row, "billing_name", None)
    if not name:
        return None
    return " ".join(f"{part[0]}." for part in name.split() if part)


PERSONAL_DATA = (
    NotPersonal(Plan, "The price list: the same for everyone."),
    NotPersonal(
        StripeEvent,
        "Which Stripe events were applied (id, type, times), so that none applies twice; the "
        "event's content, and so whom it was about, is not kept.",
    ),
    PersonalData(
        model=BillingAccount,
        subject_field="user_id",
        fields=(
            "stripe_customer_id",
            "plan_id",
            "subscription_id",
            "subscription_status",
            "subscription_cancel_at_period_end",
            "subscription_period_end",
            "subscription_event_at",
            "created_at",
        ),
        erasure=Erasure.DELETE,
        purpose="Your plan and the payment provider's reference to you as a customer.",
        section="billing_account",
    ),
    PersonalData(
        model=Payment,
        subject_field="user_id",
        fields=(
            "billing_name",
            "amount_cents",
            "currency",
            "status",
            "paid_at",
            "refunded_cents",
            "description",
            "invoice_id",
            "created_at",
        ),
        erasure=Erasure.RETAIN,
        purpose=(
            "Records of what you paid, from the payment provider. Tax law requires keeping "
            "them: after erasure they keep the amounts and dates, and only the payer's initials."
        ),
        retention="10 years after the end of the year of payment (commercial and tax law)",
        anonymise={"billing_name": _initials},
        section="payments",
    ),
    PersonalData(
        model=UsagePeriod,
        subject_field="user_id",
        fields=("period_start", "storage_bytes", "bandwidth_bytes", "transformations"),
        erasure=Erasure.DELETE,
        purpose="How much storage, bandwidth and transformation you used, for pricing.",
        section="usage",
    ),
)
