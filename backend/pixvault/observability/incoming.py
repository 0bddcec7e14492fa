"""The request identity a client or proxy sends: X-Request-ID and W3C traceparent, each taken
only when well formed (bounded length, safe characters), since both end up in logs."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

from starlette.types import Scope

#: Letters, digits and a few separators; at most 128 characters (a UUID, a ULID, a proxy's id).
_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}")
#: version 00: trace id (32 hex), parent span id (16 hex), flags (2 hex).
_TRACEPARENT = re.compile(r"00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})")


@dataclass(frozen=True)
class Incoming:
    request_id: str
    trace_id: str | None
    parent_span_id: str | None


def _header(scope: Scope, wanted: bytes) -> str | None:
    for name, value in scope["headers"]:
        if name == wanted:
            return str(value.decode("latin-1")).strip()
    return None


def incoming(scope: Scope) -> Incoming:
    given = _header(scope, b"x-request-id")
    request_id = given if given and _REQUEST_ID.fullmatch(given) else uuid.uuid4().hex
    trace_id = parent = None
    traceparent = _header(scope, b"traceparent")
    match = _TRACEPARENT.fullmatch(traceparent.lower()) if traceparent else None
    # All-zero ids are invalid by the W3C spec: start a new trace instead.
    if match and set(match.group(1)) != {"0"} and set(match.group(2)) != {"0"}:
        trace_id, parent = match.group(1), match.group(2)
    return Incoming(request_id=request_id, trace_id=trace_id, parent_span_id=parent)
