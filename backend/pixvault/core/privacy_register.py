"""The personal-data register: what each model holds about a person, how it is exported and
what erasure does to it.

Each domain declares its models beside them, as ``PERSONAL_DATA`` in its models module (see
accounts/models.py). Access exports and erasure are driven by this register alone.

The register is per field (``field_register``): every column of every model is either
personal, with what erasure does to it (delete, anonymise, or retain for a reason and a period),
or not personal, with the reason why. tests/test_personal_data_register.py fails on a model or a
field without a declaration, so neither can be forgotten, and checks that the access export
holds every field declared personal.
"""

from __future__ import annotations

import importlib
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from tortoise.expressions import Q
from tortoise.models import Model
from tortoise.queryset import QuerySet

from pixvault.core.settings import Settings


class Erasure(StrEnum):
    #: The rows are deleted.
    DELETE = "DELETE"
    #: The rows stay, with their personal fields overwritten (``anonymise``).
    ANONYMISE = "ANONYMISE"
    #: The rows are kept for a stated legal reason and period, minimised by ``anonymise``.
    RETAIN = "RETAIN"


Replacement = object | Callable[[Model], object]


@dataclass(frozen=True)
class PersonalData:
    """One model's declaration."""

    model: type[Model]
    #: The field that holds the subject's user id ("id" on the user itself).
    subject_field: str
    #: Personal fields, in the order the export lists them.
    fields: tuple[str, ...]
    erasure: Erasure
    #: Why the data is held; for RETAIN, the legal reason.
    purpose: str
    #: The export's name for this model's records.
    section: str
    #: For ANONYMISE and RETAIN: field to replacement value (or a function of the row).
    anonymise: Mapping[str, Replacement] = field(default_factory=dict)
    #: For RETAIN: how long, e.g. "10 years after the payment (tax law)".
    retention: str | None = None
    #: Fields exported as "[redacted]": other people's personal data in the subject's records.
    redacted: tuple[str, ...] = ()
    #: The model's other columns: each is not personal data, for the reason given.
    not_personal: Mapping[str, str] = field(default_factory=dict)
    #: A field holding an email address: rows carrying the subject's address are theirs too
    #: (e.g. a contact message sent while signed out).
    email_field: str | None = None
    #: Runs before the rows are erased, e.g. to delete stored files: (settings, user id).
    on_erase: Callable[[Settings, str], Awaitable[None]] | None = None
    #: Erasure runs in ascending order (children before the user row).
    order: int = 100

    def __post_init__(self) -> None:
        if self.erasure is Erasure.RETAIN and not self.retention:
            raise ValueError(f"{self.model.__name__}: RETAIN needs a retention period")
        if self.erasure is Erasure.ANONYMISE and not self.anonymise:
            raise ValueError(f"{self.model.__name__}: ANONYMISE needs replacements")


@dataclass(frozen=True)
class NotPersonal:
    """A model whose fields look personal but are not about a person, and why."""

    model: type[Model]
    reason: str


Declaration = PersonalData | NotPersonal

#: A column holding the hash of a secret token (sessions, API tokens, verification links).
TOKEN_HASH_REASON = "A hash of a secret token: useless without the token, and never given out."

#: Every model's primary key: a random or sequential row identifier, about no one.
PRIMARY_KEY_REASON = "A row identifier, made at random or in sequence: it says nothing of anyone."


@dataclass(frozen=True)
class FieldUse:
    """One column's entry in the register."""

    model: str
    field: str
    personal: bool
    #: For personal fields: what erasure does to this field.
    erasure: Erasure | None
    #: Why it is held (personal) or why it is not personal data.
    reason: str
    #: For retained fields: how long.
    period: str | None = None


def columns(model: type[Model]) -> list[str]:
    """The model's stored fields, foreign keys by their ``_id`` column."""
    return list(model._meta.fields_db_projection)


def personal_fields(declaration: PersonalData) -> list[str]:
    """The fields the access export holds (redacted ones as "[redacted]")."""
    return [*declaration.fields, *declaration.redacted]


def _personal_use(declaration: PersonalData, name: str) -> FieldUse:
    model = declaration.model.__name__
    if declaration.erasure is Erasure.DELETE:
        return FieldUse(model, name, True, Erasure.DELETE, declaration.purpose)
    if name in declaration.anonymise:
        return FieldUse(model, name, True, Erasure.ANONYMISE, declaration.purpose)
    if declaration.erasure is Erasure.RETAIN:
        return FieldUse(
            model, name, True, Erasure.RETAIN, declaration.purpose, declaration.retention
        )
    # An anonymised row keeps this value, but the row names no one any more.
    return FieldUse(
        model, name, True, Erasure.ANONYMISE, f"{declaration.purpose} Kept in the anonymised row."
    )


def field_uses(declaration: Declaration) -> dict[str, FieldUse]:
    """The declaration's entries, by column; a column missing here is undeclared."""
    model = declaration.model
    pk = model._meta.pk_attr
    uses = {pk: FieldUse(model.__name__, pk, False, None, PRIMARY_KEY_REASON)}
    if isinstance(declaration, NotPersonal):
        for name in columns(model):
            uses.setdefault(name, FieldUse(model.__name__, name, False, None, declaration.reason))
        return uses
    for name, reason in declaration.not_personal.items():
        uses[name] = FieldUse(model.__name__, name, False, None, reason)
    subject = declaration.subject_field
    if "__" not in subject and subject != pk:
        uses[subject] = replace(
            _personal_use(declaration, subject), reason="Links the record to you."
        )
    for name in personal_fields(declaration):
        uses[name] = _personal_use(declaration, name)
    return uses


def undeclared_fields(register: Mapping[type[Model], Declaration]) -> dict[str, list[str]]:
    """Columns of registered models that no declaration covers (unregistered models are
    caught model by model, in the register's test)."""
    missing: dict[str, list[str]] = {}
    for model, declaration in register.items():
        uses = field_uses(declaration)
        names = [n for n in columns(model) if n not in uses]
        if names:
            missing[model.__name__] = names
    return missing


def field_register() -> list[FieldUse]:
    """Every column of every registered model, as the register declares it."""
    return [
        use
        for model, declaration in sorted(load_register().items(), key=lambda i: i[0].__name__)
        for name, use in field_uses(declaration).items()
        if name in columns(model)
    ]


def load_register(modules: list[str] | None = None) -> dict[type[Model], Declaration]:
    """Every declaration from the registered model modules."""
    from pixvault.db import MODEL_MODULES

    register: dict[type[Model], Declaration] = {}
    for name in modules or MODEL_MODULES:
        module = importlib.import_module(name)
        for declaration in getattr(module, "PERSONAL_DATA", ()):
            if declaration.model in register:
                raise ValueError(f"{declaration.model.__name__} is declared twice")
            register[declaration.model] = declaration
    return register


def personal_declarations() -> list[PersonalData]:
    return sorted(
        (d for d in load_register().values() if isinstance(d, PersonalData)),
        key=lambda d: (d.order, d.section),
    )


def replacement(value: Replacement, row: Model) -> Any:
    return value(row) if callable(value) else value


async def verified_email(user_id: str) -> str | None:
    """The account's current address, if its holder has proved it is theirs: by following an
    email-change link to it, or the verification link of a data request sent to it. Sign-up
    does not prove an address, and an address someone merely typed proves nothing."""
    from pixvault.accounts.models import EmailChange, User
    from pixvault.privacy.models import DataSubjectRequest

    emails = await User.filter(id=user_id).values_list("email", flat=True)
    if not emails:
        return None
    email = str(emails[0])
    confirmed = await EmailChange.filter(
        user_id=user_id, new_email=email, confirmed_at__isnull=False
    ).exists()
    proved_by_request = await DataSubjectRequest.filter(
        subject_id=user_id,
        requester_email=email,
        verification_expires_at__isnull=False,  # verified by the link, not a password
        verified_at__isnull=False,
    ).exists()
    return email if confirmed or proved_by_request else None


async def records_query(declaration: PersonalData, user_id: str) -> QuerySet[Model]:
    """The rows a declaration holds about ``user_id``: by the subject field, and, where the
    declaration names an email field, by the subject's address once they have proved it is
    theirs (verified_email). Matching on an unproved address would put whoever really owns it
    (their contact messages, say) into this account's export, or its erasure."""
    match = Q(**{declaration.subject_field: user_id})
    if declaration.email_field is not None:
        email = await verified_email(user_id)
        if email is not None:
            match |= Q(**{declaration.email_field: email})
    return declaration.model.filter(match)
