"""Staff lookups (issue 22, point 9) over HTTP: every staff search is audited with its term and
the ids it returned, every signed URL minted to another person's private image is audited, and
BILLING reads only what payments need."""

from __future__ import annotations

import uuid

import pytest

from pixvault.audit.models import AuditEntry
from tests.conftest import Env, gql, log_in, make_staff, sign_up
from tests.media import encode, uploaded

SEARCH = """query($s: String, $first: Int) {
  users(search: $s, first: $first) { totalCount edges { node { id } } } }"""
URLS = """query($id: ID!) { asset(id: $id) {
  id url variantUrl(width: 40, height: 30) thumbnailUrl(size: 64) } }"""


async def audit_of(staff_id: str, action: str) -> list[tuple[str | None, str | None]]:
    entries = await AuditEntry.filter(actor_id=staff_id, action=action).order_by("id")
    return [(e.subject_id, e.target) for e in entries]


@pytest.mark.parametrize("role", ["SUPPORT", "BILLING", "PRIVACY_OFFICER", "ADMIN"])
async def test_every_staff_search_is_audited_with_its_term_and_the_ids_found(
    env: Env, role: str
) -> None:
    marker = f"zq{uuid.uuid4().hex[:8]}"
    found = []
    for i in range(3):
        async with env.client() as c:
            found.append((await sign_up(c, name=f"Person {marker} {i}"))["id"])
    staff_id, email = await make_staff(env, role)
    async with env.client() as staff:
        await log_in(staff, email)
        # Only ids and a count: no personal field is read, yet it confirms who is there.
        page = await gql(staff, SEARCH, {"s": f"  {marker} ", "first": 2})
        assert page.errors == [] and page.data["users"]["totalCount"] == 3
        returned = [e["node"]["id"] for e in page.data["users"]["edges"]]
        none = await gql(staff, SEARCH, {"s": "nobody-has-this-zz9", "first": 5})
        assert none.data["users"]["totalCount"] == 0
        await gql(staff, SEARCH, {"s": None, "first": 1})  # a plain listing is no search
    assert set(returned) < set(found)
    entries = await audit_of(staff_id, "SEARCH_USERS")
    assert entries[0] == (None, f"2 of 3 for: {marker}")
    assert sorted(entries[1:3]) == sorted((i, f"found by: {marker}") for i in returned)
    assert entries[3:] == [(None, "0 of 0 for: nobody-has-this-zz9")]
    searches = AuditEntry.filter(actor_id=staff_id, action="SEARCH_USERS")
    role_of = await searches.values_list("actor_roles", flat=True)
    assert role_of and all(role in r for r in role_of), role_of


async def test_signed_urls_to_someone_elses_private_image_are_audited(env: Env) -> None:
    async with env.client() as owner:
        owner_id = (await sign_up(owner))["id"]
        private = await uploaded(owner, encode(".jpg"), visibility="PRIVATE")
        public = await uploaded(owner, encode(".png"), visibility="PUBLIC")
        await gql(owner, URLS, {"id": private["id"]})  # the owner's own: not audited
    support_id, email = await make_staff(env, "SUPPORT")
    async with env.client() as support:
        await log_in(support, email)
        minted = await gql(support, URLS, {"id": private["id"]})
        assert minted.errors == [] and "sig=" in minted.data["asset"]["url"]
        unsigned = await gql(support, URLS, {"id": public["id"]})
        assert "sig=" not in unsigned.data["asset"]["url"]
    assert sorted(await audit_of(support_id, "SIGN_URL")) == sorted(
        (owner_id, f"Asset.{name}:{private['id']}")
        for name in ("url", "variantUrl", "thumbnailUrl")
    )
    assert await AuditEntry.filter(action="SIGN_URL", actor_id=owner_id).count() == 0
    assert await AuditEntry.filter(action="SIGN_URL", target__contains=public["id"]).count() == 0


async def test_billing_reads_accounts_for_payments_and_nothing_more(env: Env) -> None:
    async with env.client() as owner:
        customer = await sign_up(owner, name="Paying Customer")
        private = await uploaded(owner, encode(".jpg"), visibility="PRIVATE")
    billing_id, email = await make_staff(env, "BILLING")
    async with env.client() as billing:
        await log_in(billing, email)
        # What payments need: find the customer, read their name and email.
        who = await gql(
            billing,
            "query($id: ID!) { user(id: $id) { name email lastLogInAt } }",
            {"id": customer["id"]},
        )
        assert who.data["user"]["email"] == customer["email"]
        assert who.error_codes() == {"user.lastLogInAt": "FORBIDDEN"}
        # Not what payments do not need: someone's private images.
        image = await gql(billing, URLS, {"id": private["id"]})
        assert image.data["asset"] is None and private["id"] not in image.http.text
    assert await audit_of(billing_id, "SIGN_URL") == []
