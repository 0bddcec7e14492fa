"""The per-person fields of User, read for a whole page through the request's DataLoaders, give
each person their own values: a batch never hands one person's second factor, plan or usage
to another. Each row is checked against the one-person service functions."""

from __future__ import annotations

from pixvault.accounts.models import User
from pixvault.accounts.security_models import TwoFactor
from pixvault.accounts.two_factor import is_enabled
from pixvault.billing.models import BillingAccount, Plan
from pixvault.billing.plans import plan_of
from pixvault.billing.usage import current_usage, set_storage_bytes
from pixvault.core.clock import now
from tests.conftest import Env, gql, unique_email
from tests.media import signed_in

PAGE = """query($s: String) { users(search: $s, first: 50) { edges { node {
  id twoFactorEnabled plan { id } subscription { status } usage { storageBytes }
} } } }"""


async def test_a_page_of_users_gets_each_persons_own_fields(env: Env) -> None:
    larger = await Plan.create(
        id="loader-plan", name="Larger", price_cents=900, currency="eur", interval="month",
        storage_quota_bytes=10**10, monthly_transformations=1000,
        included_bandwidth_bytes=10**10, bandwidth_cents_per_gb=4,
    )  # fmt: skip
    people = []
    for i in range(5):
        person = await User.create(
            email=unique_email("batched"), name="Batched", password_hash="x", created_at=now()
        )
        people.append(str(person.id))
        await set_storage_bytes(str(person.id), 1000 * (i + 1))
        if i < 2:
            await TwoFactor.create(user=person, secret="s", created_at=now(), confirmed_at=now())
        if i % 3 == 0:
            await BillingAccount.create(
                user=person, plan=larger, subscription_id=f"sub_{i}",
                subscription_status="active", created_at=now(),
            )  # fmt: skip
    async with signed_in(env, "ADMIN") as (admin, _):
        result = await gql(admin, PAGE, {"s": "batched"})
    assert result.errors == [], result.errors
    rows = {edge["node"]["id"]: edge["node"] for edge in result.data["users"]["edges"]}
    assert sorted(rows) == sorted(people)
    for person in people:
        row = rows[person]
        assert row["twoFactorEnabled"] is await is_enabled(person)
        assert row["plan"]["id"] == (await plan_of(person)).id
        has_account = await BillingAccount.exists(user_id=person)
        assert row["subscription"] == ({"status": "active"} if has_account else None)
        assert row["usage"]["storageBytes"] == (await current_usage(person)).storage_bytes
    assert {r["plan"]["id"] for r in rows.values()} == {"free", "loader-plan"}
    assert {r["twoFactorEnabled"] for r in rows.values()} == {True, False}
