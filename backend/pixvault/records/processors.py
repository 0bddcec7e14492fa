"""The register of processors: the service providers and affiliates personal data goes to.

It comes from a versioned TOML file committed with the code (``processors.toml`` beside this
module, or PIXVAULT_PROCESSORS_FILE), is checked when the app starts, and is read once per
process. Other domains (the access export) call :func:`processor_register` for the list and
the version it was made under.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pixvault.core.settings import Settings

DEFAULT_FILE = Path(__file__).with_name("processors.toml")
KINDS = ("SERVICE_PROVIDER", "AFFILIATE")
_REQUIRED = ("name", "kind", "purpose", "data_categories", "location")
_OPTIONAL = ("transfer_mechanism",)


class ProcessorConfigError(ValueError):
    """The processors file is missing, unreadable or not of the expected shape."""


@dataclass(frozen=True)
class Processor:
    name: str
    #: SERVICE_PROVIDER or AFFILIATE.
    kind: str
    purpose: str
    data_categories: tuple[str, ...]
    location: str
    transfer_mechanism: str | None


@dataclass(frozen=True)
class ProcessorRegister:
    version: str
    processors: tuple[Processor, ...]


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ProcessorConfigError(f"{where} must be a non-empty string")
    return value.strip()


def _processor(entry: Any, where: str) -> Processor:
    if not isinstance(entry, dict):
        raise ProcessorConfigError(f"{where} must be a table")
    if isinstance(entry.get("name"), str) and entry["name"].strip():
        where = f"{where} ({entry['name'].strip()})"
    unknown = sorted(set(entry) - set(_REQUIRED) - set(_OPTIONAL))
    if unknown:
        raise ProcessorConfigError(f"{where} has unknown keys: {', '.join(unknown)}")
    missing = [key for key in _REQUIRED if key not in entry]
    if missing:
        raise ProcessorConfigError(f"{where} lacks {', '.join(missing)}")
    kind = _text(entry["kind"], f"{where}.kind")
    if kind not in KINDS:
        raise ProcessorConfigError(f"{where}.kind must be one of {', '.join(KINDS)}, not {kind!r}")
    categories = entry["data_categories"]
    if not isinstance(categories, list) or not categories:
        raise ProcessorConfigError(f"{where}.data_categories must be a non-empty list")
    transfer = entry.get("transfer_mechanism")
    return Processor(
        name=_text(entry["name"], f"{where}.name"),
        kind=kind,
        purpose=_text(entry["purpose"], f"{where}.purpose"),
        data_categories=tuple(
            _text(c, f"{where}.data_categories[{i}]") for i, c in enumerate(categories)
        ),
        location=_text(entry["location"], f"{where}.location"),
        transfer_mechanism=None
        if transfer is None
        else _text(transfer, f"{where}.transfer_mechanism"),
    )


def parse_register(text: str, source: str) -> ProcessorRegister:
    """Parse and check a processors file; errors name the file and the entry at fault."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProcessorConfigError(f"{source}: not valid TOML: {exc}") from exc
    unknown = sorted(set(data) - {"version", "processors"})
    if unknown:
        raise ProcessorConfigError(f"{source}: unknown keys: {', '.join(unknown)}")
    version = _text(data.get("version"), f"{source}: version")
    entries = data.get("processors")
    if not isinstance(entries, list) or not entries:
        raise ProcessorConfigError(f"{source}: needs at least one [[processors]] entry")
    processors = tuple(
        _processor(entry, f"{source}: processors[{i}]") for i, entry in enumerate(entries)
    )
    names = [p.name for p in processors]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise ProcessorConfigError(f"{source}: processors named twice: {', '.join(repeated)}")
    return ProcessorRegister(version=version, processors=processors)


@lru_cache(maxsize=4)
def load_register(path: Path) -> ProcessorRegister:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ProcessorConfigError(f"{path}: cannot be read: {exc.strerror}") from exc
    return parse_register(text, str(path))


def processor_register(settings: Settings) -> ProcessorRegister:
    """The processors and the register's version (for the `processors` query and exports)."""
    return load_register((settings.processors_file or DEFAULT_FILE).resolve())
