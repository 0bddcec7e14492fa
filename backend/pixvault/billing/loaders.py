"""Per-request batch loading of the billing side of a person (account, plan, usage, payments),
so a page of users or of their images costs the same statements for two rows as for fifty."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from strawberry.dataloader import DataLoader

from pixvault.billing import models
from pixvault.billing.payments import payments_of
from pixvault.billing.plans import accounts_of, plan_id_of, plans_by_id
from pixvault.billing.usage import UsageReport, usage_reports

if TYPE_CHECKING:
    from pixvault.graphkit.context import Context


async def _load_accounts(user_ids: list[str]) -> list[models.BillingAccount | None]:
    rows = await accounts_of(user_ids)
    return [rows.get(i) for i in user_ids]


def billing_account_loader(context: Context) -> DataLoader[str, models.BillingAccount | None]:
    """Billing accounts by user id; None for a customer who never had one (free plan)."""
    return context.loader("billing_accounts", _load_accounts)


async def _load_plans(plan_ids: list[str]) -> list[models.Plan | None]:
    rows = await plans_by_id(plan_ids)
    return [rows.get(i) for i in plan_ids]


def plan_loader(context: Context) -> DataLoader[str, models.Plan | None]:
    return context.loader("plans", _load_plans)


async def plan_for(context: Context, user_id: str) -> models.Plan:
    """The plan a customer is on (their account's, or the free plan), through the loaders."""
    account = await billing_account_loader(context).load(user_id)
    plan = await plan_loader(context).load(plan_id_of(account))
    assert plan is not None, "a billing account names a plan that does not exist"
    return plan


def usage_loader(context: Context) -> DataLoader[str, UsageReport]:
    """The current period's usage by user id, against each customer's plan."""

    async def load(user_ids: list[str]) -> list[UsageReport]:
        plans = await asyncio.gather(*(plan_for(context, i) for i in user_ids))
        reports = await usage_reports(dict(zip(user_ids, plans, strict=True)))
        return [reports[i] for i in user_ids]

    return context.loader("usage", load)


async def _load_payments(user_ids: list[str]) -> list[list[models.Payment]]:
    payments = await payments_of(user_ids)
    return [payments.get(i, []) for i in user_ids]


def payments_loader(context: Context) -> DataLoader[str, list[models.Payment]]:
    """Per user id: the customer's payments, newest first."""
    return context.loader("payments", _load_payments)
