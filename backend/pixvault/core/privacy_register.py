"""The personal-data register: what each model holds about a person, how it is exported and
what erasure does to it.

Each domain declares its models beside them, as ``PERSONAL_DATA`` in its models module (see
accounts/models.py). Access exports and erasure are driven by this register alone.

Records of people without an account (a contact message sent while signed out, a visitor's
cookie choices) are declared the same way, as ``GUEST_RECORDS`` beside ``PERSONAL_DATA`` (see
safety/models.py): the privacy domain's guest requests (privacy/guests.py) are driven by those
declarations, without importing another domain's models.

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
from typing import Any, cast

from tortoise.expressions import Q
from tortoise.models import Model

from pixvault.core.model_modules import MODEL_MODULES
from pixvault.core.settings import Settings

EraseHook = Callable[[Settings, str], Awaitable[None]]


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
    #: Runs before the rows are erased, e.g. to delete stored files: (settings, user id). Or
    #: its "module:function" name, when that module imports the model (see ``erase_hook``).
    on_erase: EraseHook | str | None = None
    #: Erasure runs in ascending order (children before the user row).
    order: int = 100

    def erase_hook(self) -> EraseHook | None:
        """``on_erase``, imported by name when it is one: the models module cannot import a
        hook whose module imports the models (assets' files are erased by assets/library.py)."""
        if isinstance(self.on_erase, str):
            module, _, name = self.on_erase.partition(":")
            return cast(EraseHook, getattr(importlib.import_module(module), name))
        return self.on_erase

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


#: The value an anonymised email address becomes.
ERASED = "erased"


@dataclass(frozen=True)
class GuestRecords:
    """Where one register section holds records of people without an account, found by the
    email address a request was verified from and by the visitor id of the browser it came
    from."""

    model: type[Model]
    #: The register's name for these records (the guest's export section).
    section: str
    #: The field tying a row to an account: only rows where it is null are a guest's.
    account_field: str
    fields: tuple[str, ...]
    erasure: Erasure
    purpose: str
    email_field: str | None = None
    visitor_field: str | None = None
    #: For ANONYMISE: field to replacement.
    anonymise: Mapping[str, object] = field(default_factory=dict)
    #: Rows erasure leaves (e.g. the email confirming the erasure itself, still to be sent).
    keep: Q | None = None
    #: What a RECTIFICATION may correct here: the graph's field name to the model's field.
    correctable: Mapping[str, str] = field(default_factory=dict)
    #: The guest's export lists the sections, and erasure runs, in ascending order.
    order: int = 100

    def query(self, email: str, visitor: str | None) -> Q | None:
        """The rows of no account carrying the email address or the visitor id; None when
        these records can be found by neither."""
        match: Q | None = None
        if self.email_field is not None:
            match = Q(**{self.email_field: email})
        if self.visitor_field is not None and visitor:
            by_visitor = Q(**{self.visitor_field: visitor})
            match = by_visitor if match is None else match | by_visitor
        if match is None:
            return None
        unlinked: dict[str, Any] = {self.account_field: None}
        return match & Q(**unlinked)

    def __post_init__(self) -> None:
        if self.erasure is Erasure.ANONYMISE and not self.anonymise:
            raise ValueError(f"{self.section}: ANONYMISE needs replacements")


def guest_records() -> dict[str, GuestRecords]:
    """Every ``GUEST_RECORDS`` declaration of the registered model modules, by section, in
    their order."""
    declared: dict[str, GuestRecords] = {}
    for name in MODEL_MODULES:
        module = importlib.import_module(name)
        for records in getattr(module, "GUEST_RECORDS", ()):
            if records.section in declared:
                raise ValueError(f"guest records {records.section} are declared twice")
            declared[records.section] = records
    ordered = sorted(declared.values(), key=lambda r: (r.order, r.section))
    return {records.section: records for records in ordered}
