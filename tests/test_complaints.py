"""Complaints (GDPR Art. 77): the supervisory authority the operator configures is named in the
privacy centre, in the export's README and in the emails about declined or extended requests
(read as the SMTP server received them); without one, a general sentence stands in."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from pixvault.core.authority import complaint_line
from tests.conftest import (
    PASSWORD,
    Env,
    deliver_mail,
    environment,
    gql,
    make_settings,
    sign_up,
)
from tests.conftest import staff_client as staff
from tests.exports import download_export
from tests.smtp_sink import SmtpSink, text_of

NAME = "The Hamburg Commissioner for Data Protection"
URL = "https://datenschutz.example.org"
SUBMIT = """mutation($input: DataSubjectRequestInput!) {
  submitDataSubjectRequest(input: $input) { request { id } errors { code } } }"""


@pytest.fixture(scope="module")
async def env(tmp_path_factory: pytest.TempPathFactory, smtp: SmtpSink) -> AsyncIterator[Env]:
    async with environment(
        tmp_path_factory.mktemp("complaints"),
        smtp_url=smtp.url,
        supervisory_authority_name=NAME,
        supervisory_authority_url=URL,
    ) as opened:
        yield opened


async def test_the_privacy_centre_names_the_authority(env: Env) -> None:
    async with env.client() as anonymous:
        result = await gql(anonymous, "{ supervisoryAuthority { name url } }")
    assert result.data["supervisoryAuthority"] == {"name": NAME, "url": URL}


async def test_declined_and_extended_requests_name_the_authority(env: Env, smtp: SmtpSink) -> None:
    async with env.client() as c:
        user = await sign_up(c)
        ids = []
        for _ in range(2):
            sent = await gql(
                c,
                SUBMIT,
                {
                    "input": {
                        "kind": "OBJECTION",
                        "purpose": "OTHER",
                        "details": "My ground.",
                        "password": PASSWORD,
                    }
                },
            )
            ids.append(sent.data["submitDataSubjectRequest"]["request"]["id"])
    async with staff(env, "PRIVACY_OFFICER") as officer:
        extended = await gql(
            officer,
            """mutation($id: ID!) { extendDataSubjectRequest(id: $id, days: 10,
              reason: "We need legal advice.") { errors { code } } }""",
            {"id": ids[0]},
        )
        declined = await gql(
            officer,
            """mutation($id: ID!) { rejectDataSubjectRequest(id: $id,
              reason: "Compelling legitimate grounds.") { errors { code } } }""",
            {"id": ids[1]},
        )
    assert extended.data["extendDataSubjectRequest"]["errors"] == []
    assert declined.data["rejectDataSubjectRequest"]["errors"] == []
    await deliver_mail(env)
    received = {m["Subject"]: text_of(m) for m in smtp.to(user["email"])}
    for subject in ("We need more time for your data request", "Your data request was declined"):
        assert NAME in received[subject] and URL in received[subject], subject


async def test_the_exports_readme_names_the_authority(env: Env) -> None:
    async with env.client() as c:
        await sign_up(c)
        readme = (await download_export(env, c)).read("README.txt").decode()
    assert f"You may complain to the supervisory authority: {NAME} ({URL})." in readme


def test_without_an_authority_a_general_sentence_stands_in(tmp_path: Path) -> None:
    general = complaint_line(make_settings(tmp_path))
    assert "data protection authority of your country" in general and "edpb.europa.eu" in general
    named = make_settings(tmp_path, supervisory_authority_name=NAME, supervisory_authority_url=URL)
    assert (
        complaint_line(named) == f"You may complain to the supervisory authority: {NAME} ({URL})."
    )
