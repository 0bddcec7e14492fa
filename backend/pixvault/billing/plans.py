"""Plans, and the billing account that says which one a customer is on."""

from __future__ import annotations

from tortoise.exceptions import IntegrityError

from pixvault.billing.models import BillingAccount, Plan
from pixvault.core.clock import now

FREE_PLAN_ID = "free"


async def list_plans() -> list[Plan]:
    return await Plan.all().order_by("price_cents", "id")


async def get_plan(plan_id: str) -> Plan | None:
    return await Plan.get_or_none(id=plan_id)


async def plan_of(user_id: str) -> Plan:
    """The plan the customer is on: their account's, or the free plan without one."""
    account = await BillingAccount.get_or_none(user_id=user_id).prefetch_related("plan")
    if account is not None:
        return account.plan
    return await Plan.get(id=FREE_PLAN_ID)


def plan_id_of(account: BillingAccount | None) -> str:
    """The id of the plan a customer with this billing account (or none) is on."""
    return str(account.plan_id) if account is not None else FREE_PLAN_ID  # type: ignore[attr-defined]


async def accounts_of(user_ids: list[str]) -> dict[str, BillingAccount]:
    """The billing accounts of many customers in one statement, by user id (none made)."""
    rows = await BillingAccount.filter(user_id__in=user_ids)
    return {str(row.user_id): row for row in rows}  # type: ignore[attr-defined]


async def plans_by_id(plan_ids: list[str]) -> dict[str, Plan]:
    return {row.id: row for row in await Plan.filter(id__in=plan_ids)}


async def account_of(user_id: str) -> BillingAccount:
    """The customer's billing account, made on first need (safe when two requests race)."""
    account = await BillingAccount.get_or_none(user_id=user_id)
    if account is not None:
        return account
    try:
        return await BillingAccount.create(user_id=user_id, plan_id=FREE_PLAN_ID, created_at=now())
    except IntegrityError:
        return await BillingAccount.get(user_id=user_id)


async def account_for_customer(customer_id: str | None) -> BillingAccount | None:
    if not customer_id:
        return None
    return await BillingAccount.get_or_none(stripe_customer_id=customer_id)
