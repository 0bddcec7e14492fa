"""The personal-data register: every model that holds personal data is declared, and each
declaration names real fields."""

from __future__ import annotations

import io
import json
import re
import zipfile
from dataclasses import replace

import pytest
from tortoise import Tortoise, fields
from tortoise.models import Model

from pixvault.accounts.models import User
from pixvault.core.privacy_register import (
    Erasure,
    NotPersonal,
    PersonalData,
    field_register,
    guest_records,
    load_register,
    undeclared_fields,
)
from tests.conftest import PASSWORD, Env, drain_jobs, gql, sign_up
from tests.media import encode, uploaded

SUBMIT = """mutation($i: DataSubjectRequestInput!) {
  submitDataSubjectRequest(input: $i) { request { id } errors { code } } }"""
EXPORT_URL = "query($id: ID!) { dataSubjectRequest(id: $id) { exportUrl } }"

#: Field names that suggest personal data: emails, names, addresses, free text.
LOOKS_PERSONAL = re.compile(
    r"(email|name|ip_address|address|phone|details|message|note|text|body|summary|reason"
    r"|user_agent|subject)",
)


def needs_declaration(model: type[Model]) -> list[str]:
    """Why a model must be in the register (empty when it need not be)."""
    why = []
    for name, field in model._meta.fields_map.items():
        if isinstance(field, fields.relational.ForeignKeyFieldInstance) and issubclass(
            field.related_model, User
        ):
            why.append(f"{name} links to a user")
        elif not isinstance(field, fields.relational.RelationalField) and (
            isinstance(field, fields.TextField) or LOOKS_PERSONAL.search(name)
        ):
            why.append(f"{name} looks personal")
    if model is User:
        why.append("it is the user")
    return why


def all_models() -> list[type[Model]]:
    apps = Tortoise.apps
    assert apps is not None
    return list(apps.get_models_iterable())


def undeclared(register: dict[type[Model], object]) -> dict[str, list[str]]:
    return {
        m.__name__: why for m in all_models() if (why := needs_declaration(m)) and m not in register
    }


async def test_every_model_holding_personal_data_is_declared(env: Env) -> None:
    missing = undeclared(load_register())
    assert missing == {}, f"declare these in PERSONAL_DATA beside the model: {missing}"


async def test_the_register_catches_an_undeclared_model(env: Env) -> None:
    from pixvault.accounts.models import Session
    from pixvault.policies.models import PolicyVersion

    register = load_register()
    del register[Session], register[PolicyVersion]
    assert undeclared(register) == {
        "Session": ["user links to a user", "ip_address looks personal"],
        "PolicyVersion": ["summary looks personal", "body looks personal"],
    }


async def test_declarations_name_real_fields(env: Env) -> None:
    for model, declaration in load_register().items():
        if isinstance(declaration, NotPersonal):
            assert declaration.reason
            continue
        known = set(model._meta.fields_map) | set(model._meta.fields_db_projection)
        for name in (declaration.subject_field, *declaration.fields, *declaration.anonymise):
            # A subject reached through a relation is named as a path: asset__owner_id.
            assert name.split("__")[0] in known, f"{model.__name__}.{name} is not a field"
        assert declaration.purpose


async def test_guest_records_name_real_fields_of_registered_models(env: Env) -> None:
    """Each domain's ``GUEST_RECORDS`` are collected in the order a guest's export lists them."""
    register = load_register()
    declared = guest_records()
    assert list(declared) == [
        "contact_messages",
        "abuse_reports_filed",
        "consents",
        "emails",
        "data_subject_requests",
    ]
    for section, records in declared.items():
        assert records.section == section and records.purpose
        assert records.model in register, f"{section}: {records.model.__name__} is not registered"
        known = set(records.model._meta.fields_map) | set(records.model._meta.fields_db_projection)
        found_by = (records.email_field, records.visitor_field)
        assert any(found_by), f"{section}: found by neither an email nor a visitor id"
        named = (records.account_field, *found_by, *records.fields, *records.anonymise)
        for name in (*named, *records.correctable.values()):
            assert name is None or name in known, f"{section}: {name} is not a field"


def test_erase_hooks_named_by_module_resolve_to_functions() -> None:
    """A hook named "module:function" (so the models module need not import it) is found."""
    named = [
        d
        for d in load_register().values()
        if isinstance(d, PersonalData) and isinstance(d.on_erase, str)
    ]
    assert named, "assets names its file-erasing hook by module"
    for declaration in named:
        hook = declaration.erase_hook()
        assert callable(hook), declaration.on_erase
        assert f"{hook.__module__}:{hook.__name__}" == declaration.on_erase


def test_retained_data_states_its_period() -> None:
    with pytest.raises(ValueError, match="retention"):
        PersonalData(
            model=User,
            subject_field="id",
            fields=("email",),
            erasure=Erasure.RETAIN,
            purpose="x",
            section="x",
        )


async def test_every_field_of_every_model_is_declared(env: Env) -> None:
    register = load_register()
    assert set(all_models()) <= set(register), "every model is in the register"
    assert undeclared_fields(register) == {}, "declare these fields beside their model"
    for use in field_register():
        assert use.reason, f"{use.model}.{use.field} says why"
        if use.erasure is Erasure.RETAIN:
            assert use.period, f"{use.model}.{use.field} is retained without a period"
        assert use.personal == (use.erasure is not None)


async def test_the_register_catches_an_undeclared_field(env: Env) -> None:
    from pixvault.accounts.models import Session
    from pixvault.assets.models import Asset

    register = load_register()
    session = register[Session]
    asset = register[Asset]
    assert isinstance(session, PersonalData) and isinstance(asset, PersonalData)
    register[Session] = replace(
        session, fields=tuple(f for f in session.fields if f != "ip_address")
    )
    register[Asset] = replace(
        asset, not_personal={k: v for k, v in asset.not_personal.items() if k != "original_key"}
    )
    assert undeclared_fields(register) == {"Session": ["ip_address"], "Asset": ["original_key"]}


async def test_the_access_export_holds_every_field_declared_personal(env: Env) -> None:
    """Walks the register: each personal declaration is a section of the export, naming each
    of its personal fields with what erasure does to it, and each record carries them all."""
    async with env.client() as c:
        await sign_up(c)
        await uploaded(c, encode(".png", width=21, height=13), tags=["walk"])
        submitted = await gql(c, SUBMIT, {"i": {"kind": "ACCESS", "password": PASSWORD}})
        request_id = submitted.data["submitDataSubjectRequest"]["request"]["id"]
        await drain_jobs(env)
        url = (await gql(c, EXPORT_URL, {"id": request_id})).data["dataSubjectRequest"]
        archive = await c.get(url["exportUrl"].removeprefix(env.settings.public_url))
    sections = json.loads(zipfile.ZipFile(io.BytesIO(archive.content)).read("data.json"))[
        "sections"
    ]
    uses = {(u.model, u.field): u for u in field_register()}
    seen_records = 0
    for declaration in load_register().values():
        if not isinstance(declaration, PersonalData):
            continue
        model = declaration.model.__name__
        personal = {f for (m, f), u in uses.items() if m == model and u.personal}
        personal.discard(declaration.subject_field)  # the whole export is about its subject
        section = sections[declaration.section]
        assert set(section["fields"]) == personal, model
        for name, described in section["fields"].items():
            use = uses[(model, name)]
            assert described["on_erasure"] == (use.erasure.value if use.erasure else None)
            assert described["retention"] == use.period
        for record in section["records"]:
            assert set(record) == personal, model
            seen_records += 1
    assert seen_records >= 5, "the person has records in several sections"
