"""Restriction of processing (GDPR Art. 18) over HTTP: placed when the request is verified;
while it stands public image URLs answer 451 (the owner still sees them), analytics and
marketing stop, staff cannot change the profile, and the person can still sign in, read and
export; staff lift it with a reason, the person is emailed before it ends. Emails are read as
the SMTP server received them; the notice period runs on the injected clock."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import httpx
import pytest

from pixvault.accounts.models import ActivityEvent, User
from pixvault.audit.models import AuditEntry
from pixvault.consents.marketing import consenting_user_ids
from pixvault.consents.services import has_granted
from pixvault.core.clock import clock
from pixvault.privacy.restriction import LIFT_NOTICE
from tests.conftest import PASSWORD, Env, deliver_mail, drain_jobs, environment, gql, log_in
from tests.conftest import staff_client as staff
from tests.media import encode, path_of, signed_in, uploaded
from tests.smtp_sink import SmtpSink, text_of

SUBMIT = """mutation($input: DataSubjectRequestInput!) {
  submitDataSubjectRequest(input: $input) { request { id kind status completedAt }
  errors { field code } } }"""
MINE = """{ processingRestrictions { totalCount edges { node {
  id active grounds placedAt liftsAt liftReason requestId subject { id } } } } }"""
STAFF_LIST = """query($s: ID, $a: Boolean) { processingRestrictions(subjectId: $s, active: $a) {
  totalCount edges { node { id active subject { id } } } } }"""
LIFT = """mutation($id: ID!, $r: String!) { liftProcessingRestriction(id: $id, reason: $r) {
  restriction { id active liftsAt liftReason } errors { field code } } }"""
SET_CONSENTS = """mutation($d: [ConsentInput!]!) {
  setConsents(decisions: $d, source: SETTINGS) { errors { code } } }"""
PUBLIC_LIST = "{ publicAssets(first: 100) { edges { node { id } } } }"
PAGE_VIEW = "mutation($p: String!) { recordPageView(path: $p) { ok } }"


@pytest.fixture(scope="module")
async def env(tmp_path_factory: pytest.TempPathFactory, smtp: SmtpSink) -> AsyncIterator[Env]:
    async with environment(tmp_path_factory.mktemp("restrictions"), smtp_url=smtp.url) as opened:
        yield opened


async def restrict(c: httpx.AsyncClient, grounds: str = "My data is wrong.") -> dict[str, Any]:
    result = await gql(
        c, SUBMIT, {"input": {"kind": "RESTRICTION", "password": PASSWORD, "details": grounds}}
    )
    payload: dict[str, Any] = result.data["submitDataSubjectRequest"]
    assert payload["errors"] == [], payload
    request: dict[str, Any] = payload["request"]
    return request


async def status_within(client: httpx.AsyncClient, path: str, expected: int) -> httpx.Response:
    """Poll (delivery keeps an owner's restriction in memory for a moment) for ``expected``."""
    deadline = time.monotonic() + 60
    while True:
        response = await client.get(path)
        if response.status_code == expected or time.monotonic() > deadline:
            return response
        await asyncio.sleep(0.2)


async def test_a_restriction_keeps_the_data_but_stops_its_use_until_lifted(
    env: Env, smtp: SmtpSink
) -> None:
    async with signed_in(env) as (owner, user_id):
        email = (await User.get(id=user_id)).email
        consented = await gql(
            owner,
            SET_CONSENTS,
            {
                "d": [
                    {"purpose": "ANALYTICS", "granted": True},
                    {"purpose": "MARKETING_EMAIL", "granted": True},
                ]
            },
        )
        assert consented.data["setConsents"]["errors"] == []
        asset = await uploaded(owner, encode(".jpg", width=90, height=60), visibility="PUBLIC")
        public = path_of(asset["url"])
        async with env.client() as anonymous:
            assert (await anonymous.get(public)).status_code == 200
            assert asset["id"] in str((await gql(anonymous, PUBLIC_LIST)).data)

            request = await restrict(owner, "I contest the accuracy of my profile.")
            assert request["kind"] == "RESTRICTION"
            assert request["status"] == "COMPLETED", "placed at once"

            refused = await status_within(anonymous, public, 451)
            assert refused.status_code == 451
            assert "restricted the processing of their data" in refused.text
            assert refused.headers["cache-control"] == "no-store"
            seen = await owner.get(public)
            assert seen.status_code == 200, "the owner still sees their image"
            listed = await gql(anonymous, PUBLIC_LIST)
            assert asset["id"] not in str(listed.data), "nor listed among public assets"
            assert seen.headers["cache-control"].startswith("private")

            # No analytics or marketing processing while it stands.
            assert await gql(owner, PAGE_VIEW, {"p": "/library"})
            assert not await ActivityEvent.filter(user_id=user_id, kind="PAGE_VIEW").exists()
            assert not await has_granted(user_id, "MARKETING_EMAIL")
            assert user_id not in await consenting_user_ids()

            # The person reads it in the privacy centre, and can still export.
            mine = (await gql(owner, MINE)).data["processingRestrictions"]
            [node] = [e["node"] for e in mine["edges"]]
            assert node["active"] is True and node["liftsAt"] is None
            assert node["grounds"] == "I contest the accuracy of my profile."
            assert node["requestId"] == request["id"]
            assert node["subject"] == {"id": user_id}
            access = await gql(owner, SUBMIT, {"input": {"kind": "ACCESS", "password": PASSWORD}})
            assert access.data["submitDataSubjectRequest"]["errors"] == []
            await drain_jobs(env)
            exported = await gql(
                owner,
                "query($id: ID!) { dataSubjectRequest(id: $id) { status exportUrl } }",
                {"id": access.data["submitDataSubjectRequest"]["request"]["id"]},
            )
            assert exported.data["dataSubjectRequest"]["status"] == "COMPLETED"
            assert exported.data["dataSubjectRequest"]["exportUrl"]

            # Staff cannot change the profile: a rectification waits.
            fix = await gql(
                owner,
                SUBMIT,
                {
                    "input": {
                        "kind": "RECTIFICATION",
                        "password": PASSWORD,
                        "corrections": {"name": "Corrected Name"},
                    }
                },
            )
            fix_id = fix.data["submitDataSubjectRequest"]["request"]["id"]
            async with staff(env, "PRIVACY_OFFICER") as officer:
                blocked = await gql(
                    officer,
                    "mutation($id: ID!) { completeDataSubjectRequest(id: $id) "
                    "{ errors { code } } }",
                    {"id": fix_id},
                )
                assert blocked.data["completeDataSubjectRequest"]["errors"] == [
                    {"code": "RESTRICTED"}
                ]
                assert (await User.get(id=user_id)).name != "Corrected Name"

                listed = await gql(officer, STAFF_LIST, {"s": user_id, "a": True})
                assert listed.data["processingRestrictions"]["totalCount"] == 1
                assert await AuditEntry.filter(
                    action="READ_PERSONAL_DATA",
                    subject_id=user_id,
                    target__contains="Query.processingRestrictions",
                ).exists(), "a staff read of the person's restriction is audited"
                missing = await gql(officer, LIFT, {"id": node["id"], "r": "  "})
                assert missing.data["liftProcessingRestriction"]["errors"] == [
                    {"field": "reason", "code": "REQUIRED"}
                ]
                lifted = await gql(
                    officer, LIFT, {"id": node["id"], "r": "Your profile was verified as accurate."}
                )
                again = await gql(officer, LIFT, {"id": node["id"], "r": "twice"})
            payload = lifted.data["liftProcessingRestriction"]
            assert payload["errors"] == []
            assert payload["restriction"]["active"] is True, "the person is told first"
            assert again.data["liftProcessingRestriction"]["errors"] == [
                {"field": "id", "code": "ALREADY_LIFTED"}
            ]
            await deliver_mail(env)
            [notice] = [
                m
                for m in smtp.to(email)
                if m["Subject"] == "The restriction of your data will be lifted"
            ]
            assert "Your profile was verified as accurate." in text_of(notice)
            assert (await anonymous.get(public)).status_code == 451, "still restricted"

            clock.advance(LIFT_NOTICE + timedelta(minutes=1))
            assert (await status_within(anonymous, public, 200)).status_code == 200
            assert asset["id"] in str((await gql(anonymous, PUBLIC_LIST)).data)
            assert await has_granted(user_id, "MARKETING_EMAIL")
    # Still able to sign in after it all.
    async with env.client() as again_client:
        assert (await log_in(again_client, email)).data["logIn"]["errors"] == []
        after = (await gql(again_client, MINE)).data["processingRestrictions"]
        assert after["edges"][0]["node"]["active"] is False
    actions = await AuditEntry.filter(subject_id=user_id).values_list("action", flat=True)
    assert "PLACE_RESTRICTION" in actions and "LIFT_RESTRICTION" in actions


async def test_only_privacy_officers_and_admins_lift_and_others_see_only_their_own(
    env: Env,
) -> None:
    async with signed_in(env) as (owner, user_id):
        await restrict(owner)
        second = await restrict(owner, "Asked again.")
        assert second["status"] == "COMPLETED"
        mine = (await gql(owner, MINE)).data["processingRestrictions"]
        assert mine["totalCount"] == 1, "a standing restriction already covers a second request"
        node = mine["edges"][0]["node"]
        async with signed_in(env) as (stranger, _):
            theirs = await gql(stranger, STAFF_LIST, {"s": user_id})
            assert theirs.error_codes() == {"processingRestrictions": "FORBIDDEN"}
            listed = await gql(stranger, STAFF_LIST)
            assert listed.data["processingRestrictions"]["totalCount"] == 0
            refused = await gql(stranger, LIFT, {"id": node["id"], "r": "no"})
            assert refused.error_codes() == {"liftProcessingRestriction": "FORBIDDEN"}
        for role in ("SUPPORT", "BILLING"):
            async with staff(env, role) as member:
                refused = await gql(member, LIFT, {"id": node["id"], "r": "no"})
                assert refused.error_codes() == {"liftProcessingRestriction": "FORBIDDEN"}
        async with staff(env, "ADMIN") as admin:
            unknown = await gql(admin, LIFT, {"id": "not-an-id", "r": "no"})
            assert unknown.data["liftProcessingRestriction"]["errors"] == [
                {"field": "id", "code": "NOT_FOUND"}
            ]
            done = await gql(admin, LIFT, {"id": node["id"], "r": "Grounds no longer apply."})
            assert done.data["liftProcessingRestriction"]["errors"] == []
    async with env.client() as anonymous:
        refused = await gql(anonymous, MINE)
        assert refused.error_codes() == {"processingRestrictions": "UNAUTHENTICATED"}
