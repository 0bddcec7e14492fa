"""Processors: the register file, its checks at start-up, and the public `processors` query."""

from __future__ import annotations

import tomllib
from pathlib import Path

import httpx
import pytest

from pixvault.app import create_app
from pixvault.records.processors import (
    DEFAULT_FILE,
    ProcessorConfigError,
    load_register,
    parse_register,
    processor_register,
)
from tests.conftest import Env, gql, make_settings

PROCESSORS = """{ processors { name kind purpose dataCategories location transferMechanism } }"""

AFFILIATE_FILE = """
version = "7"

[[processors]]
name = "Pixvault Group GmbH"
kind = "AFFILIATE"
purpose = "Second-line support."
data_categories = ["support messages"]
location = "Austria"
"""


async def test_anyone_lists_the_committed_register(env: Env) -> None:
    committed = tomllib.loads(DEFAULT_FILE.read_text())
    async with env.client() as anonymous:
        result = await gql(anonymous, PROCESSORS)
    assert result.errors == []
    assert result.data["processors"] == [
        {
            "name": entry["name"],
            "kind": entry["kind"],
            "purpose": entry["purpose"],
            "dataCategories": entry["data_categories"],
            "location": entry["location"],
            "transferMechanism": entry.get("transfer_mechanism"),
        }
        for entry in committed["processors"]
    ]
    kinds = {p["kind"] for p in result.data["processors"]}
    assert kinds <= {"SERVICE_PROVIDER", "AFFILIATE"}


def test_the_committed_register_names_the_policys_kinds_of_provider(env: Env) -> None:
    register = processor_register(env.settings)
    assert register.version == tomllib.loads(DEFAULT_FILE.read_text())["version"]
    purposes = " ".join(p.purpose.lower() for p in register.processors)
    for kind in ("payment", "email", "hosts", "stores"):
        assert kind in purposes, kind


async def test_an_operators_own_file_replaces_the_committed_one(tmp_path: Path) -> None:
    own = tmp_path / "processors.toml"
    own.write_text(AFFILIATE_FILE)
    app = create_app(make_settings(tmp_path, processors_file=own), manage_database=False)
    try:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            result = await gql(client, PROCESSORS)
    finally:
        await app.state.runtime.close()
    assert result.data["processors"] == [
        {
            "name": "Pixvault Group GmbH",
            "kind": "AFFILIATE",
            "purpose": "Second-line support.",
            "dataCategories": ["support messages"],
            "location": "Austria",
            "transferMechanism": None,
        }
    ]
    assert load_register(own.resolve()).version == "7"


def test_an_invalid_file_refuses_to_start(tmp_path: Path) -> None:
    bad = tmp_path / "processors.toml"
    bad.write_text(AFFILIATE_FILE.replace('"AFFILIATE"', '"PARTNER"'))
    with pytest.raises(ProcessorConfigError, match=r"processors\[0\] \(Pixvault Group GmbH\)"):
        create_app(make_settings(tmp_path, processors_file=bad), manage_database=False)
    with pytest.raises(ProcessorConfigError, match="cannot be read"):
        create_app(
            make_settings(tmp_path, processors_file=tmp_path / "missing.toml"),
            manage_database=False,
        )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("version = ", "not valid TOML"),
        ('[[processors]]\nname = "X"', "version must be a non-empty string"),
        ("version = 3\n" + AFFILIATE_FILE.split("\n", 2)[2], "version must be a non-empty"),
        ('version = "1"', r"at least one \[\[processors\]\]"),
        ('version = "1"\nowner = "me"', "unknown keys: owner"),
        (AFFILIATE_FILE.replace('location = "Austria"', ""), r"\(Pixvault Group GmbH\) lacks"),
        (AFFILIATE_FILE + 'retention = "1 year"\n', "unknown keys: retention"),
        (AFFILIATE_FILE.replace('["support messages"]', "[]"), "non-empty list"),
        (AFFILIATE_FILE.replace('["support messages"]', '["a", " "]'), r"data_categories\[1\]"),
        (AFFILIATE_FILE.replace('"Second-line support."', '""'), "purpose must be"),
        (AFFILIATE_FILE + 'transfer_mechanism = ""\n', "transfer_mechanism must be"),
        (AFFILIATE_FILE + AFFILIATE_FILE.split("\n", 3)[3], "named twice: Pixvault Group"),
    ],
)
def test_the_register_is_checked_when_loaded(text: str, message: str) -> None:
    with pytest.raises(ProcessorConfigError, match=message):
        parse_register(text, "processors.toml")


def test_a_valid_register_parses_in_file_order() -> None:
    register = parse_register(AFFILIATE_FILE, "x")
    assert register.version == "7"
    assert [p.name for p in register.processors] == ["Pixvault Group GmbH"]
    assert register.processors[0].data_categories == ("support messages",)
