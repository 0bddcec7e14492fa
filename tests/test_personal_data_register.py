"""The personal-data register: every model that holds personal data is declared, and each
declaration names real fields."""

from __future__ import annotations

import re

import pytest
from tortoise import Tortoise, fields
from tortoise.models import Model

from pixvault.accounts.models import User
from pixvault.privacy.register import Erasure, NotPersonal, PersonalData, load_register
from tests.conftest import Env

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
