"""The consent ledger over HTTP: decisions of users and anonymous visitors, carry-over at sign-up
and log-in, Global Privacy Control, NECESSARY, and page views kept only with ANALYTICS."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx

from pixvault.accounts.models import ActivityEvent
from pixvault.audit.models import AuditEntry
from pixvault.consents.models import ConsentRecord
from pixvault.core.clock import clock
from tests.conftest import GENERATED_ADDRESSES, Env, gql, log_in, make_staff, sign_up

STATE = """{ consentState { bannerRequired
  decisions { purpose granted decidedAt policyVersion globalPrivacyControl } } }"""
SET = """mutation($d: [ConsentInput!]!, $s: ConsentSource) {
  setConsents(decisions: $d, source: $s) {
    consentState { bannerRequired decisions { purpose granted } }
    errors { field code } } }"""


def decide(**purposes: bool) -> list[dict[str, Any]]:
    return [{"purpose": p, "granted": g} for p, g in purposes.items()]


async def state(client: httpx.AsyncClient, **headers: str) -> dict[str, Any]:
    result = await gql(client, STATE, headers=headers)
    data: dict[str, Any] = result.data["consentState"]
    return data


def granted(data: dict[str, Any]) -> dict[str, bool]:
    return {d["purpose"]: d["granted"] for d in data["decisions"]}


async def set_consents(
    client: httpx.AsyncClient, source: str = "BANNER", **purposes: bool
) -> dict[str, Any]:
    result = await gql(client, SET, {"d": decide(**purposes), "s": source})
    payload: dict[str, Any] = result.data["setConsents"]
    return payload


async def test_a_new_visitor_sees_the_banner_and_nothing_granted(env: Env) -> None:
    async with env.client() as c:
        data = await state(c)
    assert data["bannerRequired"] is True
    assert granted(data) == {
        "NECESSARY": True,
        "PREFERENCES": False,
        "ANALYTICS": False,
        "MARKETING_EMAIL": False,
    }
    assert all(d["decidedAt"] is None and not d["globalPrivacyControl"] for d in data["decisions"])


async def test_a_visitors_choice_is_recorded_under_a_random_visitor_id(env: Env) -> None:
    async with env.client() as c:
        payload = await set_consents(c, PREFERENCES=True, ANALYTICS=False)
        assert payload["errors"] == []
        assert payload["consentState"]["bannerRequired"] is False
        visitor = c.cookies["pv_visitor"]
        assert len(visitor) == 43
        data = await state(c)
    assert granted(data)["PREFERENCES"] is True and granted(data)["ANALYTICS"] is False
    assert {d["policyVersion"] for d in data["decisions"] if d["purpose"] != "NECESSARY"} == {
        "1.0",
        None,
    }
    rows = await ConsentRecord.filter(visitor_id=visitor).order_by("purpose")
    assert [(r.purpose, r.granted, r.source, r.user_id) for r in rows] == [  # type: ignore[attr-defined]
        ("ANALYTICS", False, "BANNER", None),
        ("PREFERENCES", True, "BANNER", None),
    ]
    assert rows[0].ip_address and rows[0].ip_address.startswith(GENERATED_ADDRESSES)
    assert rows[0].user_agent and "Chrome" in rows[0].user_agent
    assert rows[0].policy_version == "1.0"
    async with env.client() as other:
        assert (await state(other))["bannerRequired"] is True, "another browser has not decided"


async def test_necessary_cannot_be_refused_and_bad_input_is_a_user_error(env: Env) -> None:
    async with env.client() as c:
        cases = [
            ({"NECESSARY": False, "ANALYTICS": True}, "BANNER", "NECESSARY_REQUIRED"),
            ({"ANALYTICS": True}, "SIGN_UP", "INVALID_SOURCE"),
            ({"ANALYTICS": True}, "EMAIL_LINK", "INVALID_SOURCE"),
            ({}, "BANNER", "REQUIRED"),
        ]
        for purposes, source, code in cases:
            payload = await set_consents(c, source, **purposes)
            assert [e["code"] for e in payload["errors"]] == [code], purposes
        twice = await gql(
            c, SET, {"d": decide(ANALYTICS=True) + decide(ANALYTICS=False), "s": "BANNER"}
        )
        assert twice.data["setConsents"]["errors"] == [
            {"field": "decisions", "code": "DUPLICATE_PURPOSE"}
        ]
        assert "pv_visitor" not in c.cookies
        assert granted(await state(c))["NECESSARY"] is True


async def test_global_privacy_control_refuses_for_the_undecided(env: Env) -> None:
    gpc = {"Sec-GPC": "1"}
    async with env.client() as c:
        data = await state(c, **gpc)
        by_gpc = {d["purpose"] for d in data["decisions"] if d["globalPrivacyControl"]}
        assert by_gpc == {"ANALYTICS", "MARKETING_EMAIL"}
        assert granted(data) == {
            "NECESSARY": True,
            "PREFERENCES": False,
            "ANALYTICS": False,
            "MARKETING_EMAIL": False,
        }
        await set_consents(c, PREFERENCES=False)
        assert (await state(c, **gpc))["bannerRequired"] is False, "GPC answers ANALYTICS"
        assert (await state(c))["bannerRequired"] is True, "without GPC ANALYTICS is open"
        await set_consents(c, ANALYTICS=True)
        decided = await state(c, **gpc)
    analytics = next(d for d in decided["decisions"] if d["purpose"] == "ANALYTICS")
    assert analytics["granted"] is True and analytics["globalPrivacyControl"] is False, (
        "an explicit decision outranks the signal"
    )


async def test_do_not_track_is_treated_like_global_privacy_control(env: Env) -> None:
    async with env.client() as c:
        data = await state(c, DNT="1")
        by_signal = {d["purpose"] for d in data["decisions"] if d["globalPrivacyControl"]}
        assert by_signal == {"ANALYTICS", "MARKETING_EMAIL"}
        assert not any(d["globalPrivacyControl"] for d in (await state(c, DNT="0"))["decisions"])
        user = await sign_up(c)
        await gql(c, PAGE_VIEW, {"p": "/library"}, headers={"DNT": "1"})
        assert await page_views(user["id"]) == [], "no analytics under Do-Not-Track"
        await set_consents(c, "SETTINGS", ANALYTICS=True)
        await gql(c, PAGE_VIEW, {"p": "/library"}, headers={"DNT": "1"})
    assert await page_views(user["id"]) == ["/library"], "an explicit decision outranks it"


async def test_a_visitors_decisions_carry_over_at_sign_up(env: Env) -> None:
    async with env.client() as c:
        await set_consents(c, ANALYTICS=True, PREFERENCES=True)
        visitor = c.cookies["pv_visitor"]
        user = await sign_up(c, marketingEmails=True)
        assert "pv_visitor" not in c.cookies
        data = await state(c)
        me = await gql(c, "{ me { consents { bannerRequired decisions { purpose granted } } } }")
    assert granted(data) == {
        "NECESSARY": True,
        "PREFERENCES": True,
        "ANALYTICS": True,
        "MARKETING_EMAIL": True,
    }
    assert data["bannerRequired"] is False
    assert granted(me.data["me"]["consents"]) == granted(data)
    owned = await ConsentRecord.filter(visitor_id=visitor).values_list("user_id", flat=True)
    assert {str(u) for u in owned} == {user["id"]}
    activity = await ActivityEvent.filter(user_id=user["id"], kind="CONSENT_CHANGE").first()
    assert activity is not None and activity.target is not None
    assert "ANALYTICS=granted" in activity.target


async def test_log_in_carries_over_and_the_latest_decision_wins(env: Env) -> None:
    async with env.client() as first:
        user = await sign_up(first)
        await set_consents(first, "SETTINGS", ANALYTICS=True)
        await gql(first, "mutation { logOut { ok } }")
    async with env.client() as laptop, env.client() as phone:
        await set_consents(laptop, PREFERENCES=True, ANALYTICS=False)  # anonymous, earlier
        clock.advance(timedelta(minutes=5))
        await log_in(phone, user["email"])
        await set_consents(phone, "SETTINGS", PREFERENCES=False)  # signed in, later
        await log_in(laptop, user["email"])
        assert "pv_visitor" not in laptop.cookies
        data = await state(laptop)
    assert granted(data)["ANALYTICS"] is False, "the visitor's refusal is newer than the grant"
    assert granted(data)["PREFERENCES"] is False, "the signed-in refusal is newer"


async def test_junk_visitor_cookies_are_ignored(env: Env) -> None:
    async with env.client() as c:
        c.cookies.set("pv_visitor", "x" * 300)
        assert (await state(c))["bannerRequired"] is True
        await sign_up(c)
        payload = await set_consents(c, ANALYTICS=True)
        assert payload["errors"] == []


async def test_consent_change_activity_only_on_changes(env: Env) -> None:
    async with env.client() as c:
        user = await sign_up(c)
        await set_consents(c, "SETTINGS", ANALYTICS=True)
        await set_consents(c, "SETTINGS", ANALYTICS=True)
        await set_consents(c, "SETTINGS", ANALYTICS=False)
    targets = (
        await ActivityEvent.filter(user_id=user["id"], kind="CONSENT_CHANGE")
        .order_by("id")
        .values_list("target", flat=True)
    )
    assert list(targets) == ["ANALYTICS=granted", "ANALYTICS=refused"]
    rows = await ConsentRecord.filter(user_id=user["id"], purpose="ANALYTICS").count()
    assert rows == 3, "every decision is proof, repeated or not"


async def test_user_consents_are_for_self_and_the_privacy_officer(env: Env) -> None:
    query = """query($id: ID!) { user(id: $id) { consents { decisions { purpose granted } }
      consentHistory { purpose source } } }"""
    async with env.client() as c:
        user = await sign_up(c, marketingEmails=True)
        own = await gql(c, "{ me { consents { decisions { purpose granted } } } }")
        assert granted(own.data["me"]["consents"])["MARKETING_EMAIL"] is True
    for role, allowed in (("PRIVACY_OFFICER", True), ("SUPPORT", False), ("ADMIN", False)):
        _, email = await make_staff(env, role)
        async with env.client() as staff:
            await log_in(staff, email)
            result = await gql(staff, query, {"id": user["id"]})
        if allowed:
            assert result.errors == []
            assert granted(result.data["user"]["consents"])["MARKETING_EMAIL"] is True
        else:
            assert result.error_codes() == {
                "user.consents": "FORBIDDEN",
                "user.consentHistory": "FORBIDDEN",
            }
    audited = await AuditEntry.filter(subject_id=user["id"], action="READ_PERSONAL_DATA").first()
    assert audited is not None and "User.consents" in (audited.target or "")


PAGE_VIEW = "mutation($p: String!) { recordPageView(path: $p) { ok errors { code } } }"


async def page_views(user_id: str) -> list[str | None]:
    rows = ActivityEvent.filter(user_id=user_id, kind="PAGE_VIEW").order_by("id")
    return list(await rows.values_list("target", flat=True))


async def test_page_views_are_kept_only_with_analytics_granted(env: Env) -> None:
    async with env.client() as c:
        user = await sign_up(c)
        view = await gql(c, PAGE_VIEW, {"p": "/library"})
        assert view.data["recordPageView"] == {"ok": True, "errors": []}
        assert await page_views(user["id"]) == []
        await set_consents(c, "SETTINGS", ANALYTICS=True)
        await gql(c, PAGE_VIEW, {"p": "/account/confirm-email?token=secret#top"})
        assert await page_views(user["id"]) == ["/account/confirm-email"]
        await set_consents(c, "SETTINGS", ANALYTICS=False)
        await gql(c, PAGE_VIEW, {"p": "/library"})
        assert await page_views(user["id"]) == ["/account/confirm-email"]
        bad = await gql(c, PAGE_VIEW, {"p": "https://elsewhere.example/"})
        assert bad.data["recordPageView"]["errors"] == [{"code": "INVALID_PATH"}]


async def test_anonymous_page_views_are_never_kept(env: Env) -> None:
    before = await ActivityEvent.filter(kind="PAGE_VIEW").count()
    async with env.client() as c:
        await set_consents(c, ANALYTICS=True)
        view = await gql(c, PAGE_VIEW, {"p": "/pricing"})
        assert view.data["recordPageView"]["ok"] is True
    assert await ActivityEvent.filter(kind="PAGE_VIEW").count() == before
