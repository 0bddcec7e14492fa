# ruff: noqa: E501 - generated field descriptions are kept whole
"""Billing tables, and the plans a fresh install offers."""

from uuid import uuid4

from tortoise import fields, migrations
from tortoise.fields.base import OnDelete
from tortoise.migrations import operations as ops

GIB = 1024**3
GB = 1000**3
#: id, name, price in cents, currency, interval, storage quota, monthly transformations,
#: included bandwidth, cents per GB beyond it.
PLANS = [
    ("free", "Free", 0, "USD", "month", 1 * GIB, 500, 5 * GB, 0),
    ("pro", "Pro", 1200, "USD", "month", 100 * GIB, 10_000, 200 * GB, 8),
    ("pro-yearly", "Pro (yearly)", 12_000, "USD", "year", 100 * GIB, 10_000, 200 * GB, 8),
    ("business", "Business", 4900, "USD", "month", 1024 * GIB, 100_000, 2000 * GB, 5),
]


async def seed_plans(apps, schema_editor):  # type: ignore[no-untyped-def]
    plan = apps.get_model("pixvault.Plan")
    for row in PLANS:
        await plan.create(
            id=row[0],
            name=row[1],
            price_cents=row[2],
            currency=row[3],
            interval=row[4],
            storage_quota_bytes=row[5],
            monthly_transformations=row[6],
            included_bandwidth_bytes=row[7],
            bandwidth_cents_per_gb=row[8],
        )


async def unseed_plans(apps, schema_editor):  # type: ignore[no-untyped-def]
    plan = apps.get_model("pixvault.Plan")
    await plan.filter(id__in=[row[0] for row in PLANS]).delete()


class Migration(migrations.Migration):
    dependencies = [("pixvault", "0002_initial_policies")]

    initial = False

    operations = [
        ops.CreateModel(
            name="Payment",
            fields=[
                (
                    "id",
                    fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True),
                ),
                (
                    "user",
                    fields.ForeignKeyField(
                        "pixvault.User",
                        source_field="user_id",
                        null=True,
                        description="Kept when the account is erased, for the accounting record.",
                        db_constraint=True,
                        to_field="id",
                        related_name="payments",
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                (
                    "invoice_id",
                    fields.CharField(
                        unique=True,
                        description="The Stripe invoice id, the provider's reference.",
                        max_length=255,
                    ),
                ),
                ("billing_name", fields.CharField(null=True, max_length=200)),
                ("amount_cents", fields.IntField()),
                ("currency", fields.CharField(max_length=3)),
                (
                    "status",
                    fields.CharField(
                        description="PENDING, SUCCEEDED, FAILED or REFUNDED (the graph's PaymentStatus).",
                        max_length=16,
                    ),
                ),
                ("paid_at", fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ("refunded_cents", fields.IntField(default=0)),
                ("description", fields.CharField(null=True, max_length=500)),
                (
                    "created_at",
                    fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=False),
                ),
            ],
            options={
                "table": "payments",
                "app": "pixvault",
                "pk_attr": "id",
                "table_description": "One Stripe invoice's payment, as the provider reported it.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="Plan",
            fields=[
                (
                    "id",
                    fields.CharField(primary_key=True, unique=True, db_index=True, max_length=32),
                ),
                ("name", fields.CharField(max_length=100)),
                (
                    "price_cents",
                    fields.IntField(
                        description="The price of one interval, in minor units of ``currency``."
                    ),
                ),
                ("currency", fields.CharField(description="ISO 4217, upper case.", max_length=3)),
                (
                    "interval",
                    fields.CharField(
                        description="The Stripe recurring interval, month or year.", max_length=8
                    ),
                ),
                ("storage_quota_bytes", fields.BigIntField()),
                ("monthly_transformations", fields.IntField()),
                (
                    "included_bandwidth_bytes",
                    fields.BigIntField(
                        description="Delivery bandwidth each month includes before the overage rate applies."
                    ),
                ),
                ("bandwidth_cents_per_gb", fields.IntField()),
            ],
            options={
                "table": "plans",
                "app": "pixvault",
                "pk_attr": "id",
                "table_description": "A plan customers can be on. Seeded by a migration, so plans are data, not code.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="BillingAccount",
            fields=[
                (
                    "id",
                    fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True),
                ),
                (
                    "user",
                    fields.OneToOneField(
                        "pixvault.User",
                        source_field="user_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="billing_account",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("stripe_customer_id", fields.CharField(null=True, unique=True, max_length=255)),
                (
                    "plan",
                    fields.ForeignKeyField(
                        "pixvault.Plan",
                        source_field="plan_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="accounts",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                ("subscription_id", fields.CharField(null=True, max_length=255)),
                (
                    "subscription_status",
                    fields.CharField(
                        null=True,
                        description="Stripe's subscription status (active, past_due, canceled and so on).",
                        max_length=32,
                    ),
                ),
                (
                    "subscription_event_at",
                    fields.DatetimeField(
                        null=True,
                        description="Stripe's time of the event that last set the subscription (older news is ignored).",
                        auto_now=False,
                        auto_now_add=False,
                    ),
                ),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={
                "table": "billing_accounts",
                "app": "pixvault",
                "pk_attr": "id",
                "table_description": "A customer's Stripe customer and the subscription their plan follows.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="StripeEvent",
            fields=[
                (
                    "id",
                    fields.CharField(primary_key=True, unique=True, db_index=True, max_length=255),
                ),
                ("type", fields.CharField(max_length=100)),
                (
                    "created",
                    fields.DatetimeField(
                        description="When Stripe created the event.",
                        auto_now=False,
                        auto_now_add=False,
                    ),
                ),
                ("received_at", fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={
                "table": "stripe_events",
                "app": "pixvault",
                "pk_attr": "id",
                "table_description": "A Stripe event already applied, keyed by its id so a repeated delivery cannot insert.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="UsagePeriod",
            fields=[
                (
                    "id",
                    fields.BigIntField(
                        generated=True, primary_key=True, unique=True, db_index=True
                    ),
                ),
                (
                    "user",
                    fields.ForeignKeyField(
                        "pixvault.User",
                        source_field="user_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="usage_periods",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("period_start", fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ("bandwidth_bytes", fields.BigIntField(default=0)),
                ("transformations", fields.IntField(default=0)),
                (
                    "storage_bytes",
                    fields.BigIntField(
                        null=True,
                        description="Stored bytes as last set in the period, null when unchanged (the level carries over).",
                    ),
                ),
            ],
            options={
                "table": "usage_periods",
                "app": "pixvault",
                "unique_together": (("user", "period_start"),),
                "pk_attr": "id",
                "table_description": "Metered usage of one customer in one billing period (a calendar month, UTC).",
            },
            bases=["Model"],
        ),
        ops.RunPython(seed_plans, unseed_plans),
    ]
