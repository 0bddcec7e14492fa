"""The /graphql endpoint: Strawberry's ASGI view with Pixvault's context and CSRF rule."""

from __future__ import annotations

from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.types import Message, Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import MissingQueryError
from strawberry.http import GraphQLHTTPResponse, process_result
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.types import ExecutionResult
from strawberry.types.graphql import OperationType

from pixvault.accounts.authentication import authenticate, client_info
from pixvault.accounts.sessions import set_session_cookie
from pixvault.audit.service import record
from pixvault.graph.context import Context
from pixvault.http.client_ip import client_ip
from pixvault.http.logging import annotate
from pixvault.http.middleware import unavailable
from pixvault.runtime import Runtime


def csrf_refused(request: Request) -> bool:
    """Every non-JSON POST must carry a non-empty X-Requested-With, signed in or not.

    Browsers let other sites send form and multipart posts (with cookies), but not JSON or
    custom headers without a CORS preflight, which Pixvault grants only to the origins listed
    in PIXVAULT_CORS_ORIGINS (http/cors.py, which also refuses cookies from any other origin).
    Signed-out requests are no exception: a cross-site form running logIn or signUp would plant
    a session of the attacker's choosing (login CSRF). A request with a Bearer token (an API
    client) is exempt: browsers never attach one by themselves (unlike Basic credentials).
    """
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return False
    if request.headers.get("authorization", "").lower().startswith("bearer "):
        return False
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "application/json":
        return False
    return not request.headers.get("x-requested-with", "").strip()


POST_OPERATIONS = OperationType.from_http("POST")
#: Accept types that ask Strawberry for a streaming transport (incremental delivery, SSE).
STREAMING = ("multipart/mixed", "text/event-stream")


def is_plain_json_post(request: Request) -> bool:
    if request.method != "POST":
        return False
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    accept = request.headers.get("accept", "")
    return content_type == "application/json" and not any(t in accept for t in STREAMING)


def plain_operation(
    body: bytes,
) -> tuple[str, dict[str, Any] | None, str | None, dict[str, Any] | None] | None:
    """(query, variables, operationName, extensions) of a single-operation JSON body, or None
    for anything else (left to Strawberry, which explains what is wrong with it)."""
    try:
        data = orjson.loads(body)
    except orjson.JSONDecodeError:
        return None
    if not isinstance(data, dict):
        return None
    query, variables = data.get("query"), data.get("variables")
    name, extensions = data.get("operationName"), data.get("extensions")
    if (
        not isinstance(query, str)
        or not isinstance(variables, dict | None)
        or not isinstance(name, str | None)
        or not isinstance(extensions, dict | None)
    ):
        return None
    return query, variables, name, extensions


def replay(body: bytes) -> Receive:
    """A receive channel that gives an already-read body once more."""
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


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
            if csrf_refused(request):
                response: Response = graphql_error(
                    403,
                    "CSRF",
                    "Requests that are not application/json need an X-Requested-With header.",
                )
                await response(scope, receive, send)
                return
            if is_plain_json_post(request):
                await self.answer_json_post(request, scope, send)
                return
        # Redis or the database away (in the context or a resolver) propagates to the
        # middleware, which answers 503 (http/middleware.py).
        await super().__call__(scope, receive, send)

    async def answer_json_post(self, request: Request, scope: Scope, send: Send) -> None:
        """The common request (one operation, POSTed as JSON) without Strawberry's general
        HTTP layer (content negotiation, batching, multipart, streaming transports).

        Measured (bench/graphql_budget.py) that layer was most of a trivial query's fixed cost.
        The operation itself runs through the same schema, context, result processing and
        response as Strawberry's path; any body this path does not expect (not an object, odd
        member types, invalid JSON) is handed to Strawberry unchanged for its usual answer.
        """
        body = await request.body()
        operation = plain_operation(body)
        if operation is None:
            await super().__call__(scope, replay(body), send)
            return
        query, variables, operation_name, extensions = operation
        sub_response = await self.get_sub_response(request)
        context = await self.get_context(request, response=sub_response)
        try:
            result = await self.schema.execute(
                query,
                variable_values=variables,
                context_value=context,
                operation_name=operation_name,
                allowed_operation_types=POST_OPERATIONS,
                operation_extensions=extensions,
            )
        except CannotGetOperationTypeError as error:
            response: Response = PlainTextResponse(error.as_http_error_reason(), status_code=400)
        except InvalidOperationTypeError as error:
            response = PlainTextResponse(error.as_http_error_reason("POST"), status_code=400)
        except MissingQueryError:
            response = PlainTextResponse("No GraphQL query found in the request", status_code=400)
        else:
            response = self.create_response(
                await self.process_result(request, result), sub_response
            )
        await response(scope, request.receive, send)

    def encode_json(self, data: object) -> bytes:
        return orjson.dumps(data)

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        assert isinstance(request, Request) and isinstance(response, Response)
        client = client_info(request, client_ip(request.scope, self.runtime.settings))
        # A GET, which another site can make a signed-in browser send (a link, an <img>),
        # changes nothing: no sliding of the session, no continued use of a policy.
        changes_state = request.method == "POST"
        auth = await authenticate(request, self.runtime, client, slide=changes_state)
        annotate(user_id=auth.viewer.user_id)
        if auth.refresh_token is not None:
            set_session_cookie(response, self.runtime.settings, auth.refresh_token, persistent=True)
        if auth.viewer.user_id is not None and changes_state:
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
        if context is not None and context.audited:
            await record(context.audit_events())
        return process_result(result)
