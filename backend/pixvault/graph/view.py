"""The /graphql endpoint: Strawberry's ASGI view with Pixvault's context and CSRF rule."""

from __future__ import annotations

from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse, process_result
from strawberry.types import ExecutionResult

from pixvault.accounts.authentication import authenticate, client_info
from pixvault.accounts.sessions import cookie_name, set_session_cookie
from pixvault.audit.service import record
from pixvault.graph.context import Context
from pixvault.http.client_ip import client_ip
from pixvault.http.middleware import unavailable
from pixvault.runtime import Runtime


def csrf_refused(request: Request, session_cookie: str) -> bool:
    """A cookie-authenticated, non-JSON request must carry a non-empty X-Requested-With.

    Browsers let other sites send form and multipart posts with cookies, but not JSON or custom
    headers without a CORS preflight, which Pixvault never grants.
    """
    if request.method in ("GET", "HEAD", "OPTIONS") or session_cookie not in request.cookies:
        return False
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "application/json":
        return False
    return not request.headers.get("x-requested-with", "").strip()


def graphql_error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse(
        {"data": None, "errors": [{"message": message, "extensions": {"code": code}}]},
        status_code=status,
    )


class GraphQLView(GraphQL[Context, None]):
    def __init__(self, runtime: Runtime, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.runtime = runtime

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            request = Request(scope, receive)
            if csrf_refused(request, cookie_name(self.runtime.settings)):
                response: Response = graphql_error(
                    403,
                    "CSRF",
                    "Cookie-authenticated requests that are not application/json need an "
                    "X-Requested-With header.",
                )
                await response(scope, receive, send)
                return
        # Redis or the database away (in the context or a resolver) propagates to the
        # middleware, which answers 503 (http/middleware.py).
        await super().__call__(scope, receive, send)

    def encode_json(self, data: object) -> bytes:
        return orjson.dumps(data)

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        assert isinstance(request, Request) and isinstance(response, Response)
        client = client_info(request, client_ip(request.scope, self.runtime.settings))
        auth = await authenticate(request, self.runtime, client)
        if auth.refresh_token is not None:
            set_session_cookie(response, self.runtime.settings, auth.refresh_token, persistent=True)
        if auth.viewer.user_id is not None:
            await self.runtime.policy_gate.settle(auth.viewer.user_id, client)
        context = Context(
            request=request, response=response, runtime=self.runtime, viewer=auth.viewer
        )
        request.state.graphql_context = context
        return context

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        # A resolver that needed Redis or the database while it was away: the whole request
        # is a 503 with Retry-After (from the middleware), not a 200 carrying the raw error.
        for error in result.errors or []:
            if error.original_error is not None and unavailable(error.original_error):
                raise error.original_error
        context: Context | None = getattr(request.state, "graphql_context", None)
        if context is not None and context.audit_reads:
            await record(context.audit_events())
        return process_result(result)
