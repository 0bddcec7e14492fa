"""Persisted queries: Apollo's automatic persisted queries (APQ) and an allow-list mode.

A client may send ``extensions.persistedQuery = {"version": 1, "sha256Hash": "<hex>"}``
without the query: Pixvault runs the document it knows by that hash, or answers the error
``PersistedQueryNotFound`` (code PERSISTED_QUERY_NOT_FOUND), after which the client sends
the hash with the query text once and Pixvault remembers it (in the shared store, a day).

``PIXVAULT_PERSISTED_QUERIES=only`` runs only the documents of the manifest the web app's
build writes (``persisted-queries.json`` beside this module, from
frontend/scripts/persisted-queries.mjs), sent by text or by hash; anything else is refused.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from pathlib import Path
from typing import Any

import orjson

from pixvault.core.settings import PersistedQueryMode
from pixvault.core.store import KeyValueStore
from pixvault.graph.bodies import BadBodyError

MANIFEST = Path(__file__).with_name("persisted-queries.json")
#: How long a document registered by a client is remembered, renewed by each registration.
REMEMBER_SECONDS = 24 * 60 * 60
HASH = re.compile(r"[0-9a-f]{64}")


class PersistedQueryError(Exception):
    """A persisted-query answer other than running the document: (status, code, message)."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


@cache
def manifest() -> dict[str, str]:
    """The web app's documents by their sha256 (empty when the build wrote none)."""
    if not MANIFEST.exists():
        return {}
    documents: dict[str, str] = orjson.loads(MANIFEST.read_bytes())
    return documents


def sha256(query: str) -> str:
    return hashlib.sha256(query.encode()).hexdigest()


def _requested_hash(extensions: dict[str, Any] | None) -> str | None:
    if not extensions or "persistedQuery" not in extensions:
        return None
    asked = extensions["persistedQuery"]
    if not isinstance(asked, dict) or asked.get("version") != 1:
        raise BadBodyError("extensions.persistedQuery must be {version: 1, sha256Hash: ...}.")
    digest = asked.get("sha256Hash")
    if not isinstance(digest, str) or not HASH.fullmatch(digest):
        raise BadBodyError("extensions.persistedQuery.sha256Hash must be 64 lowercase hex digits.")
    return digest


async def resolve(
    mode: PersistedQueryMode,
    store: KeyValueStore,
    query: str | None,
    extensions: dict[str, Any] | None,
) -> str | None:
    """The document to run for this request's ``query`` and ``extensions``."""
    digest = _requested_hash(extensions)
    known = manifest()
    if digest is None:
        if mode is PersistedQueryMode.ONLY and query is not None and sha256(query) not in known:
            raise not_allowed()
        return query
    if mode is PersistedQueryMode.OFF:
        raise PersistedQueryError(
            200, "PERSISTED_QUERY_NOT_SUPPORTED", "PersistedQueryNotSupported"
        )
    if query is not None:
        if sha256(query) != digest:
            raise BadBodyError("extensions.persistedQuery.sha256Hash is not the query's sha256.")
        if digest not in known:
            if mode is PersistedQueryMode.ONLY:
                raise not_allowed()
            await store.set(f"apq:{digest}", query, REMEMBER_SECONDS)
        return query
    if digest in known:
        return known[digest]
    if mode is PersistedQueryMode.AUTO:
        remembered = await store.get(f"apq:{digest}")
        if remembered is not None:
            return remembered
        raise PersistedQueryError(200, "PERSISTED_QUERY_NOT_FOUND", "PersistedQueryNotFound")
    raise not_allowed()


def not_allowed() -> PersistedQueryError:
    return PersistedQueryError(
        403,
        "PERSISTED_QUERY_NOT_ALLOWED",
        "This server runs only the web app's persisted documents.",
    )
