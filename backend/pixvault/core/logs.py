"""Structured JSON logs; every line written during a request carries its request id, its trace
id (from an incoming W3C traceparent), the GraphQL operation's name and the signed-in user's id,
as far as they are known when the line is written. Never an email or a token: only ids."""

from __future__ import annotations

import logging
import sys
from contextvars import ContextVar
from datetime import UTC, datetime

import orjson

request_id_var: ContextVar[str | None] = ContextVar("request_id", default=None)
#: What later layers learn about the request (operation, user_id, delivery): one mutable dict
#: per request, set by the middleware, so what a resolver adds is seen by the middleware's own
#: line at the end even where a layer ran in a copied context.
request_fields_var: ContextVar[dict[str, str] | None] = ContextVar("request_fields", default=None)

#: The fields copied from request_fields onto each log line.
LOGGED_FIELDS = ("trace_id", "operation", "user_id")

_STANDARD = set(logging.LogRecord("", 0, "", 0, "", (), None).__dict__) | {
    "message",
    "asctime",
    "request_id",
    *LOGGED_FIELDS,
}
_base_factory = logging.getLogRecordFactory()


def annotate(**values: str | None) -> None:
    """Record facts about the current request (for its log lines and metrics)."""
    fields = request_fields_var.get()
    if fields is not None:
        fields.update({k: v for k, v in values.items() if v is not None})


def request_field(name: str) -> str | None:
    fields = request_fields_var.get()
    return None if fields is None else fields.get(name)


def _stamped_record(*args: object, **kwargs: object) -> logging.LogRecord:
    record = _base_factory(*args, **kwargs)
    record.request_id = request_id_var.get()
    fields = request_fields_var.get() or {}
    for name in LOGGED_FIELDS:
        setattr(record, name, fields.get(name))
    return record


def stamp_request_ids() -> None:
    """Stamp every log record with the request id when it is made, not when it is written,
    so handlers that format later (queues, test capture) still see the right id."""
    logging.setLogRecordFactory(_stamped_record)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = getattr(record, "request_id", None) or request_id_var.get()
        if request_id:
            entry["request_id"] = request_id
        for name in LOGGED_FIELDS:
            value = getattr(record, name, None)
            if value:
                entry[name] = value
        for key, value in record.__dict__.items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return orjson.dumps(entry, default=str).decode()


def configure_logging(level: str = "INFO") -> None:
    stamp_request_ids()
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logger = logging.getLogger(name)
        logger.handlers[:] = []
        logger.propagate = True
    # Pixvault logs each request itself, with its id; uvicorn's access line would repeat it.
    logging.getLogger("uvicorn.access").disabled = True
    logging.getLogger("strawberry.execution").disabled = True
