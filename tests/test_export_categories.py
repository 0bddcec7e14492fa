"""The access export says what the law asks of each category (lawful basis, source, retention,
recipients, automated decisions) and names the controller, the privacy contact and the
supervisory authority from settings; so do every email and the dataController query."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import pytest

from pixvault.core.privacy_register import guest_records, personal_declarations
from pixvault.privacy.categories import CATEGORIES
from tests.conftest import Env, environment, gql, sign_up
from tests.exports import download_export
from tests.test_data_subject_requests import body, mails_to

OPERATOR = {
    "operator_name": "Example Images GmbH",
    "operator_address": "Musterstrasse 1, 10115 Berlin",
    "privacy_contact": "dpo@example-images.test",
    "supervisory_authority_name": "Berliner Beauftragte für Datenschutz",
    "supervisory_authority_url": "https://www.datenschutz-berlin.de",
}
CONTROLLER = """{ dataController { name address privacyContact supervisoryAuthorityName
  supervisoryAuthorityUrl automatedDecisions } }"""


@pytest.fixture(scope="module")
async def env(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Env]:
    async with environment(tmp_path_factory.mktemp("categories"), **OPERATOR) as opened:
        yield opened


async def test_every_section_has_its_category(env: Env) -> None:
    sections = {d.section for d in personal_declarations()} | set(guest_records())
    assert sorted(sections - set(CATEGORIES)) == []


async def exported(env: Env) -> tuple[dict[str, Any], str]:
    async with env.client() as c:
        user = await sign_up(c)
        archive = await download_export(env, c)
    data = json.loads(archive.read("data.json"))
    return data, str(user["email"])


async def test_the_export_states_basis_source_retention_recipients_and_rights(env: Env) -> None:
    data, _ = await exported(env)
    for name, section in data["sections"].items():
        assert section["lawful_basis"] and section["source"], name
        assert section["retention"], name
        assert section["automated_decisions"].startswith("None."), name
        assert isinstance(section["recipients"], list), name
    payments = data["sections"]["payments"]
    assert payments["source"] == ["from Stripe, our payment provider"]
    assert payments["retention"].startswith("10 years")
    assert "Stripe Payments Europe, Ltd." in payments["recipients"]
    assert data["sections"]["activity"]["source"] == ["observed as you use the service"]
    assert data["sections"]["account"]["source"] == ["given by you"]
    assert data["controller"] == {
        "name": OPERATOR["operator_name"],
        "address": OPERATOR["operator_address"],
        "privacy_contact": OPERATOR["privacy_contact"],
        "supervisory_authority_name": OPERATOR["supervisory_authority_name"],
        "supervisory_authority_url": OPERATOR["supervisory_authority_url"],
    }
    assert OPERATOR["supervisory_authority_url"] in data["right_to_complain"]
    assert data["automated_decisions"].startswith("None.")


async def test_emails_name_the_controller_and_the_right_to_complain(env: Env) -> None:
    _, address = await exported(env)
    [message, *_] = await mails_to(env, address)
    text = body(message)
    for value in OPERATOR.values():
        assert value in text, value


async def test_the_policy_pages_can_show_the_controller(env: Env) -> None:
    async with env.client() as anonymous:
        result = await gql(anonymous, CONTROLLER)
    assert result.data["dataController"] == {
        "name": OPERATOR["operator_name"],
        "address": OPERATOR["operator_address"],
        "privacyContact": OPERATOR["privacy_contact"],
        "supervisoryAuthorityName": OPERATOR["supervisory_authority_name"],
        "supervisoryAuthorityUrl": OPERATOR["supervisory_authority_url"],
        "automatedDecisions": result.data["dataController"]["automatedDecisions"],
    }
    assert result.data["dataController"]["automatedDecisions"].startswith("None.")
