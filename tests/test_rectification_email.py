"""A rectified email waits for its confirmation link, and the register matches records by email
only for an address the subject proved is theirs (issue 22, point 7), over HTTP."""

from __future__ import annotations

import io
import json
import re
import zipfile
from typing import Any

import httpx

from pixvault.accounts.models import User
from pixvault.privacy.models import DataSubjectRequest
from tests.conftest import PASSWORD, Env, drain_jobs, gql, log_in, make_staff, sign_up
from tests.conftest import unique_email as new_address
from tests.test_contact import SEND, form
from tests.test_data_subject_requests import COMPLETE, GET, SUBMIT, VERIFY, body, mails_to
from tests.test_profile import CONFIRM, confirmation_token
from tests.test_profile import mail_to as templated_mail_to


async def rectify(env: Env, client: httpx.AsyncClient, corrections: dict[str, str]) -> str:
    """A signed-in rectification request, approved by a privacy officer; returns its id."""
    result = await gql(
        client,
        SUBMIT,
        {"input": {"kind": "RECTIFICATION", "password": PASSWORD, "corrections": corrections}},
    )
    request_id: str = result.data["submitDataSubjectRequest"]["request"]["id"]
    _, officer_email = await make_staff(env, "PRIVACY_OFFICER")
    async with env.client() as officer:
        await log_in(officer, officer_email)
        done = await gql(officer, COMPLETE, {"id": request_id})
        assert done.data["completeDataSubjectRequest"]["request"]["status"] == "COMPLETED"
    return request_id


async def exported(env: Env, client: httpx.AsyncClient) -> dict[str, Any]:
    """The sections of the signed-in person's access export (data.json)."""
    result = await gql(client, SUBMIT, {"input": {"kind": "ACCESS", "password": PASSWORD}})
    request_id = result.data["submitDataSubjectRequest"]["request"]["id"]
    await drain_jobs(env)
    url = (await gql(client, GET, {"id": request_id})).data["dataSubjectRequest"]["exportUrl"]
    response = await client.get(url.removeprefix(env.settings.public_url))
    assert response.status_code == 200
    sections: dict[str, Any] = json.loads(
        zipfile.ZipFile(io.BytesIO(response.content)).read("data.json")
    )["sections"]
    return sections


async def exported_messages(env: Env, client: httpx.AsyncClient) -> list[dict[str, Any]]:
    """The contact messages in the signed-in person's access export."""
    records: list[dict[str, Any]] = (await exported(env, client))["contact_messages"]["records"]
    return records


async def write_signed_out(env: Env, address: str, subject: str) -> None:
    async with env.client() as anonymous:
        sent = await gql(anonymous, SEND, {"input": form(email=address, subject=subject)})
        assert sent.data["sendContactMessage"]["errors"] == []


async def test_a_rectified_email_waits_for_its_link(env: Env) -> None:
    corrected = new_address("corrected")
    async with env.client() as c:
        user = await sign_up(c)
        request_id = await rectify(env, c, {"email": corrected, "name": "Right Name"})
        me = (await gql(c, "{ me { email name } }")).data["me"]
    assert me == {"email": user["email"], "name": "Right Name"}, "the name at once, not the email"
    row = await DataSubjectRequest.get(id=request_id)
    assert row.result == {
        "changes": {
            "email": {"from": user["email"], "to": corrected, "pending": "confirmation"},
            "name": {"from": "Test Person", "to": "Right Name"},
        }
    }
    notice = (await mails_to(env, user["email"]))[-1]
    assert "takes effect once you follow the link" in body(notice)
    token = confirmation_token(await templated_mail_to(env, corrected))
    async with env.client() as anyone:
        done = await gql(anyone, CONFIRM, {"t": token})
        assert done.data["confirmEmailChange"] == {"ok": True, "errors": []}
    assert (await User.get(id=user["id"])).email == corrected


async def test_an_approved_rectification_cannot_take_another_persons_messages(
    env: Env,
) -> None:
    """The reviewer's attack: a victim wrote in while signed out; the attacker has their own
    account's email 'corrected' to the victim's and asks for a copy of their data."""
    victim = new_address("victim")
    await write_signed_out(env, victim, "My private question")
    async with env.client() as attacker:
        await sign_up(attacker)
        await rectify(env, attacker, {"email": victim})
        assert (await gql(attacker, "{ me { email } }")).data["me"]["email"] != victim
        assert await exported_messages(env, attacker) == []


async def test_an_address_typed_at_sign_up_proves_nothing(env: Env) -> None:
    """Sign-up does not verify an address: the person who signs up with someone else's
    address does not get the messages that address wrote while signed out."""
    victim = new_address("typed")
    await write_signed_out(env, victim, "Written by the real owner")
    async with env.client() as impostor:
        await sign_up(impostor, email=victim)
        assert await exported_messages(env, impostor) == []


async def test_a_proved_address_brings_its_signed_out_messages(env: Env) -> None:
    """The export still holds what the subject wrote while signed out, once they have proved
    the address: here by confirming an email change to it, and by a data request's link."""
    address = new_address("proved")
    await write_signed_out(env, address, "Signed out, but mine")
    async with env.client() as c:
        await sign_up(c)
        changed = await gql(
            c,
            "mutation($i: UpdateProfileInput!) { updateProfile(input: $i) { errors { code } } }",
            {"i": {"email": address}},
        )
        assert changed.data["updateProfile"]["errors"] == []
        token = confirmation_token(await templated_mail_to(env, address))
        await gql(c, CONFIRM, {"t": token})
        assert [m["subject"] for m in await exported_messages(env, c)] == ["Signed out, but mine"]

    other = new_address("by-request")
    await write_signed_out(env, other, "Also mine")
    async with env.client() as c:
        await sign_up(c, email=other)
        assert await exported_messages(env, c) == []
        await gql(c, "mutation { logOut { ok } }")
    async with env.client() as anonymous:
        await gql(anonymous, SUBMIT, {"input": {"kind": "ACCESS", "email": other}})
    link = re.search(r"/privacy/verify\?token=([\w-]+)", body((await mails_to(env, other))[-1]))
    assert link
    async with env.client() as browser:
        await gql(browser, VERIFY, {"t": link.group(1)})
    async with env.client() as c:
        await log_in(c, other)
        assert [m["subject"] for m in await exported_messages(env, c)] == ["Also mine"]
