"""Sign-up: what it accepts, what it refuses, and what it records."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from pixvault.accounts.models import ActivityEvent, User
from pixvault.consents.models import ConsentRecord
from pixvault.policies.models import PolicyDecision
from tests.conftest import PASSWORD, SIGN_UP, Env, gql, sign_up, unique_email


async def attempt(client: httpx.AsyncClient, **fields: object) -> list[dict[str, str]]:
    payload = {
        "name": "Ada Lovelace",
        "email": unique_email(),
        "password": PASSWORD,
        "acceptPolicies": True,
        "minimumAgeConfirmed": True,
        **fields,
    }
    result = await gql(client, SIGN_UP, {"input": payload})
    errors: list[dict[str, str]] = result.data["signUp"]["errors"]
    return errors


async def test_sign_up_signs_in_with_a_browser_session_cookie(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/graphql",
        json={
            "query": SIGN_UP,
            "variables": {
                "input": {
                    "name": "  Ada   Lovelace ",
                    "email": "  Ada.Lovelace+Pix@Example.COM ",
                    "password": PASSWORD,
                    "companyName": "Analytical Engines",
                    "acceptPolicies": True,
                    "minimumAgeConfirmed": True,
                }
            },
        },
    )
    body = response.json()["data"]["signUp"]
    assert body["errors"] == []
    assert body["user"]["email"] == "ada.lovelace+pix@example.com"
    assert body["user"]["name"] == "Ada Lovelace"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("pv_session=")
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert "Max-Age" not in cookie and "expires" not in cookie.lower()
    me = await gql(client, "{ me { email companyName roles } }")
    assert me.data["me"] == {
        "email": "ada.lovelace+pix@example.com",
        "companyName": "Analytical Engines",
        "roles": ["CUSTOMER"],
    }


async def test_sign_up_records_policies_consents_and_activity(client: httpx.AsyncClient) -> None:
    user = await sign_up(client, marketingEmails=False)
    decisions = await PolicyDecision.filter(user_id=user["id"]).prefetch_related("policy_version")
    assert {d.policy_version.kind for d in decisions} == {"PRIVACY", "TERMS"}
    assert all(d.accepted and d.method == "EXPLICIT" for d in decisions)
    consents = {c.purpose: c for c in await ConsentRecord.filter(user_id=user["id"])}
    assert consents["NECESSARY"].granted is True
    assert consents["MARKETING_EMAIL"].granted is False, "the marketing box is unticked"
    assert consents["MARKETING_EMAIL"].source == "SIGN_UP"
    assert consents["MARKETING_EMAIL"].policy_version == "1.0"
    assert consents["MARKETING_EMAIL"].ip_address is not None
    kinds = [e.kind for e in await ActivityEvent.filter(user_id=user["id"])]
    assert kinds == ["SIGN_UP"]


async def test_marketing_consent_is_recorded_when_ticked(client: httpx.AsyncClient) -> None:
    user = await sign_up(client, marketingEmails=True)
    record = await ConsentRecord.get(user_id=user["id"], purpose="MARKETING_EMAIL")
    assert record.granted is True


async def test_sign_up_refusals_are_user_errors(client: httpx.AsyncClient) -> None:
    taken = unique_email()
    await sign_up(client, email=taken)
    cases: list[tuple[dict[str, object], str, str]] = [
        ({"email": taken.upper()}, "email", "EMAIL_TAKEN"),
        ({"email": "not-an-email"}, "email", "INVALID_EMAIL"),
        ({"password": "short"}, "password", "WEAK_PASSWORD"),
        ({"password": "password1234"}, "password", "WEAK_PASSWORD"),
        ({"name": "   "}, "name", "REQUIRED"),
        ({"acceptPolicies": False}, "acceptPolicies", "POLICIES_NOT_ACCEPTED"),
    ]
    for fields, field, code in cases:
        errors = await attempt(client, **fields)
        assert [(e["field"], e["code"]) for e in errors] == [(field, code)], fields
    same_as_email = unique_email()
    errors = await attempt(client, email=same_as_email, password=same_as_email)
    assert errors[0]["code"] == "WEAK_PASSWORD"


async def test_sign_up_asks_to_confirm_the_minimum_age(client: httpx.AsyncClient) -> None:
    assert (await gql(client, "{ minimumAge }")).data == {"minimumAge": 16}
    address = unique_email("young")
    for confirmed in ({"minimumAgeConfirmed": False}, {"minimumAgeConfirmed": None}):
        errors = await attempt(client, email=address, **confirmed)
        assert errors == [
            {
                "field": "minimumAgeConfirmed",
                "code": "UNDER_MINIMUM_AGE",
                "message": "You must be at least 16 years old to create an account.",
            }
        ], confirmed
    # Omitted altogether (a client of the minimum graph): refused the same way.
    payload = {"name": "Young", "email": address, "password": PASSWORD, "acceptPolicies": True}
    result = await gql(client, SIGN_UP, {"input": payload})
    assert [e["code"] for e in result.data["signUp"]["errors"]] == ["UNDER_MINIMUM_AGE"]
    assert not await User.exists(email=address)
    assert await attempt(client, email=address) == []


async def test_the_operator_sets_the_minimum_age(
    env: Env, client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(env.settings, "minimum_age", 18)  # PIXVAULT_MINIMUM_AGE=18
    assert (await gql(client, "{ minimumAge }")).data == {"minimumAge": 18}
    errors = await attempt(client, minimumAgeConfirmed=False)
    assert errors[0]["message"] == "You must be at least 18 years old to create an account."


async def test_long_passwords_and_no_composition_rules(client: httpx.AsyncClient) -> None:
    assert await attempt(client, password="x" * 64 + " y") == []
    assert await attempt(client, password="all lowercase words here") == []


async def test_racing_sign_ups_for_one_email_create_one_account(env: Env) -> None:
    email = unique_email()
    clients = [env.client() for _ in range(3)]
    try:
        results = await asyncio.gather(*(attempt(c, email=email) for c in clients))
    finally:
        for c in clients:
            await c.aclose()
    assert sorted(len(errors) for errors in results) == [0, 1, 1]
    assert await User.filter(email=email).count() == 1
