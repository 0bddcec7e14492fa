"""Notifying recipients (GDPR Art. 19) over HTTP: a completed rectification or erasure leaves a
notice entry for every processor of the register and every recipient in the person's
disclosures log, once, listed on the request for staff and for the person, and in the person's
next access export."""

from __future__ import annotations

import io
import json
import zipfile

from pixvault.privacy.models import DataSubjectRequest
from pixvault.privacy.recipients import notify_recipients
from pixvault.records.processors import processor_register
from tests.conftest import PASSWORD, Env, drain_jobs, gql, sign_up
from tests.conftest import staff_client as staff

SUBMIT = """mutation($input: DataSubjectRequestInput!) {
  submitDataSubjectRequest(input: $input) { request { id } errors { field code } } }"""
NOTICES = """query($id: ID!) { dataSubjectRequest(id: $id) { status
  recipientNotices { source recipient action createdAt } } }"""
COMPLETE = """mutation($id: ID!) { completeDataSubjectRequest(id: $id) {
  request { status } errors { code } } }"""
DISCLOSE = """mutation($i: DisclosureInput!) { recordDisclosure(input: $i) { errors { code } } }"""


def expected(env: Env, action: str, court: str) -> list[dict[str, str]]:
    processors = processor_register(env.settings).processors
    assert processors, "the shipped register names processors"
    rows = [("PROCESSOR", p.name) for p in processors] + [("DISCLOSURE", court)]
    return sorted(
        ({"source": s, "recipient": r, "action": action} for s, r in rows),
        key=lambda n: (n["source"], n["recipient"]),
    )


def without_times(notices: list[dict[str, str]]) -> list[dict[str, str]]:
    assert all(n.pop("createdAt") for n in notices)
    return notices


async def test_a_rectification_notifies_every_recipient_once_and_the_person_sees_them(
    env: Env,
) -> None:
    court = "Hamburg District Court"
    async with env.client() as c:
        user = await sign_up(c)
        async with staff(env, "PRIVACY_OFFICER") as officer:
            disclosed = await gql(
                officer,
                DISCLOSE,
                {
                    "i": {
                        "userId": user["id"],
                        "recipient": court,
                        "legalBasis": "LEGAL_OBLIGATION",
                        "dataCategories": ["account"],
                    }
                },
            )
            assert disclosed.data["recordDisclosure"]["errors"] == []
            fix = await gql(
                c,
                SUBMIT,
                {
                    "input": {
                        "kind": "RECTIFICATION",
                        "password": PASSWORD,
                        "corrections": {"name": "Right Name"},
                    }
                },
            )
            request_id = fix.data["submitDataSubjectRequest"]["request"]["id"]
            before = await gql(officer, NOTICES, {"id": request_id})
            assert before.data["dataSubjectRequest"]["recipientNotices"] == []
            done = await gql(officer, COMPLETE, {"id": request_id})
            assert done.data["completeDataSubjectRequest"]["errors"] == []
            staff_view = await gql(officer, NOTICES, {"id": request_id})
        notices = staff_view.data["dataSubjectRequest"]["recipientNotices"]
        assert without_times(notices) == expected(env, "RECTIFICATION", court)
        # Once per request: a second pass adds nothing.
        row = await DataSubjectRequest.get(id=request_id)
        assert await notify_recipients(env.settings, row) == 0

        # The person can ask for the list: on their request, and in their next export.
        own = await gql(c, NOTICES, {"id": request_id})
        own_notices = own.data["dataSubjectRequest"]["recipientNotices"]
        assert without_times(own_notices) == expected(env, "RECTIFICATION", court)
        access = await gql(c, SUBMIT, {"input": {"kind": "ACCESS", "password": PASSWORD}})
        access_id = access.data["submitDataSubjectRequest"]["request"]["id"]
        await drain_jobs(env)
        url = (
            await gql(
                c,
                "query($id: ID!) { dataSubjectRequest(id: $id) { exportUrl } }",
                {"id": access_id},
            )
        ).data["dataSubjectRequest"]["exportUrl"]
        archive = zipfile.ZipFile(
            io.BytesIO((await c.get(url.removeprefix(env.settings.public_url))).content)
        )
    data = json.loads(archive.read("data.json"))
    exported = data["sections"]["recipient_notices"]["records"]
    assert sorted((r["source"], r["recipient"], r["action"]) for r in exported) == [
        (n["source"], n["recipient"], n["action"]) for n in expected(env, "RECTIFICATION", court)
    ]
    assert {r["request_id"] for r in exported} == {request_id}


async def test_an_erasure_notifies_every_recipient_before_the_data_goes(env: Env) -> None:
    court = "Munich Regional Court"
    async with env.client() as c:
        user = await sign_up(c)
        async with staff(env, "ADMIN") as admin:
            disclosed = await gql(
                admin,
                DISCLOSE,
                {
                    "i": {
                        "userId": user["id"],
                        "recipient": court,
                        "legalBasis": "LEGAL_OBLIGATION",
                        "dataCategories": ["uploads"],
                    }
                },
            )
            assert disclosed.data["recordDisclosure"]["errors"] == []
            erase = await gql(c, SUBMIT, {"input": {"kind": "ERASURE", "password": PASSWORD}})
            request_id = erase.data["submitDataSubjectRequest"]["request"]["id"]
            await drain_jobs(env)
            staff_view = await gql(admin, NOTICES, {"id": request_id})
    assert staff_view.data["dataSubjectRequest"]["status"] == "COMPLETED"
    notices = staff_view.data["dataSubjectRequest"]["recipientNotices"]
    assert without_times(notices) == expected(env, "ERASURE", court)


async def test_other_requests_notify_no_one_and_strangers_cannot_read_the_list(env: Env) -> None:
    async with env.client() as c:
        await sign_up(c)
        access = await gql(c, SUBMIT, {"input": {"kind": "ACCESS", "password": PASSWORD}})
        request_id = access.data["submitDataSubjectRequest"]["request"]["id"]
        await drain_jobs(env)
        mine = await gql(c, NOTICES, {"id": request_id})
        assert mine.data["dataSubjectRequest"]["recipientNotices"] == []
    async with staff(env, "SUPPORT") as support:
        refused = await gql(support, NOTICES, {"id": request_id})
        assert refused.data["dataSubjectRequest"] is None
