"""One ASGI middleware for what every response needs: a request id, a log line, security
headers, and a bound on the request body."""

from __future__ import annotations

import logging
import time

from starlette.datastructures import MutableHeaders
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from pixvault.accounts.tokens import InvalidBearerTokenError
from pixvault.core import ratelimit
from pixvault.core.logs import request_fields_var, request_id_var
from pixvault.core.settings import Settings
from pixvault.core.store import StoreUnavailableError
from pixvault.db import database_unavailable
from pixvault.observability.incoming import incoming
from pixvault.observability.metrics import DELIVERY_SECONDS, GRAPHQL_SECONDS
from pixvault.observability.tracing import Tracing, trace_id_of
from pixvault.storage import StorageUnavailableError

log = logging.getLogger("pixvault.http")

CSP = (
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
#: GraphiQL's page (when on) runs an inline script; its files are Pixvault's own
#: (/graphql/ide/, graph/ide.py), so nothing comes from elsewhere.
GRAPHIQL_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'"
)


#: Request facts (core/logs.py's fields) written onto the request's span, by their
#: OpenTelemetry semantic-convention names.
SPAN_ATTRIBUTES = {"operation": "graphql.operation.name", "user_id": "enduser.id"}

#: What a 503 asks clients to wait before trying again, in seconds.
RETRY_AFTER_SECONDS = 5


class BodyTooLargeError(Exception):
    pass


def unavailable(error: BaseException) -> bool:
    """Whether ``error`` means a service the app needs is away for a moment (Redis, the
    storage backend, or the database restarting), which clients should retry, rather than a
    fault of the app."""
    return isinstance(error, StoreUnavailableError | StorageUnavailableError) or (
        database_unavailable(error)
    )


def invalid_bearer_token() -> JSONResponse:
    """The answer to a wrong, expired or revoked bearer token (RFC 6750 section 3.1), in the
    GraphQL error shape, on every route."""
    return JSONResponse(
        {
            "data": None,
            "errors": [
                {
                    "message": "The API token is wrong, expired or revoked.",
                    "extensions": {"code": "UNAUTHENTICATED"},
                }
            ],
        },
        status_code=401,
        headers={
            "WWW-Authenticate": 'Bearer error="invalid_token", '
            'error_description="The API token is wrong, expired or revoked."'
        },
    )


def service_unavailable() -> JSONResponse:
    """The answer while a service the request needs (Redis, storage, the database) is away:
    503 with Retry-After, in the GraphQL error shape, the same on every route."""
    return JSONResponse(
        {
            "data": None,
            "errors": [
                {
                    "message": "The service is briefly unavailable; try again shortly.",
                    "extensions": {"code": "SERVICE_UNAVAILABLE"},
                }
            ],
        },
        status_code=503,
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    )


class PixvaultMiddleware:
    def __init__(self, app: ASGIApp, settings: Settings, tracing: Tracing | None = None) -> None:
        self.app = app
        self.settings = settings
        self.tracing = tracing

    def body_limit(self, scope: Scope) -> int:
        content_type = ""
        for name, value in scope["headers"]:
            if name == b"content-type":
                content_type = value.decode("latin-1").lower()
        if content_type.startswith("multipart/form-data"):
            return self.settings.max_upload_bytes + 64 * 1024
        return self.settings.max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        identity = incoming(scope)
        #: What the request's layers learn (core/logs.py), for its logs, metrics and span.
        fields: dict[str, str] = {}
        if identity.trace_id:
            fields["trace_id"] = identity.trace_id
        if self.tracing is None:
            await self._handle(scope, receive, send, identity.request_id, fields)
            return
        with self.tracing.request_span(scope["method"], scope["path"], identity) as span:
            fields["trace_id"] = trace_id_of(span)
            try:
                await self._handle(scope, receive, send, identity.request_id, fields)
            finally:
                span.set_attribute("http.response.status_code", int(fields.get("status", 500)))
                for key, attribute in SPAN_ATTRIBUTES.items():
                    if key in fields:
                        span.set_attribute(attribute, fields[key])

    async def _handle(
        self, scope: Scope, receive: Receive, send: Send, request_id: str, fields: dict[str, str]
    ) -> None:
        token = request_id_var.set(request_id)
        fields_token = request_fields_var.set(fields)
        started = time.perf_counter()
        status = 500
        limit = self.body_limit(scope)
        path: str = scope["path"]
        is_graphql = path.startswith("/graphql")

        for name, value in scope["headers"]:
            if name == b"content-length" and value.isdigit() and int(value) > limit:
                await self._too_large(scope, receive, send, limit, request_id)
                request_id_var.reset(token)
                request_fields_var.reset(fields_token)
                return

        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLargeError
            return message

        response_started = False
        windows: list[ratelimit.Window] = []

        async def send_with_headers(message: Message) -> None:
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                response_started = True
                status = message["status"]
                headers = MutableHeaders(scope=message)
                headers["X-Request-ID"] = request_id
                self._security_headers(headers, is_graphql)
                for name, value in ratelimit.headers(windows).items():
                    headers.setdefault(name, value)
            await send(message)

        try:
            with ratelimit.observe() as windows:
                await self.app(scope, limited_receive, send_with_headers)
        except BodyTooLargeError:
            if not response_started:
                await self._too_large(scope, receive, send, limit, request_id)
            status = 413
        except InvalidBearerTokenError:
            if response_started:
                raise
            await invalid_bearer_token()(scope, receive, send_with_headers)
        except Exception as error:
            if response_started or not unavailable(error):
                raise
            log.warning("503: a service is unavailable (%s: %s)", type(error).__name__, error)
            await service_unavailable()(scope, receive, send_with_headers)
        finally:
            elapsed = time.perf_counter() - started
            fields["status"] = str(status)
            log.info(
                "%s %s %s",
                scope["method"],
                path,
                status,
                extra={"status": status, "duration_ms": round(elapsed * 1000, 2)},
            )
            if path == "/graphql":
                GRAPHQL_SECONDS.labels(operation=fields.get("operation", "none")).observe(elapsed)
            elif "delivery" in fields:
                DELIVERY_SECONDS.labels(kind=fields["delivery"]).observe(elapsed)
            request_id_var.reset(token)
            request_fields_var.reset(fields_token)

    def _security_headers(self, headers: MutableHeaders, is_graphql: bool) -> None:
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        headers.setdefault("X-Frame-Options", "DENY")
        content_type = headers.get("content-type", "")
        graphiql = is_graphql and content_type.startswith("text/html")
        headers.setdefault("Content-Security-Policy", GRAPHIQL_CSP if graphiql else CSP)
        if self.settings.https:
            headers.setdefault("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
        if is_graphql:
            headers["Cache-Control"] = "no-store"

    async def _too_large(
        self, scope: Scope, receive: Receive, send: Send, limit: int, request_id: str
    ) -> None:
        response = JSONResponse(
            {
                "errors": [
                    {
                        "message": f"The request body exceeds {limit} bytes.",
                        "extensions": {"code": "PAYLOAD_TOO_LARGE"},
                    }
                ]
            },
            status_code=413,
            headers={"X-Request-ID": request_id},
        )
        headers = MutableHeaders(raw=response.raw_headers)
        self._security_headers(headers, scope["path"].startswith("/graphql"))
        await response(scope, receive, send)
