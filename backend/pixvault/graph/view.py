"""The /graphql endpoint: Strawberry's ASGI view with Pixvault's context and CSRF rule."""

from __future__ import annotations

from typing import Any

import orjson
from cross_web import AsyncHTTPRequestAdapter, HTTPException
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.types import Message, Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import MissingQueryError
from strawberry.file_uploads.utils import replace_placeholders_with_files
from strawberry.http import GraphQLHTTPResponse, process_result
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.types import ExecutionResult
from strawberry.types.graphql import OperationType

from pixvault.accounts.authentication import authenticate, client_info
from pixvault.accounts.sessions import set_session_cookie
from pixvault.audit.service import record
from pixvault.core import ratelimit
from pixvault.core.client_ip import client_ip
from pixvault.core.logs import annotate
from pixvault.graph import ide
from pixvault.graph.bodies import (
    BadBodyError,
    bad_request,
    check_numbers,
    decode_json,
    operation_of,
    query_parameters,
)
from pixvault.graph.persisted import PersistedQueryError, resolve
from pixvault.graph.request_audit import audit_events
from pixvault.graph.trivial import trivial_data
from pixvault.graphkit.context import Context
from pixvault.observability.metrics import operation_label
from pixvault.readiness import unavailable
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
    if media_type(request) == "application/json":
        return False
    return not request.headers.get("x-requested-with", "").strip()


POST_OPERATIONS = OperationType.from_http("POST")
GET_OPERATIONS = OperationType.from_http("GET")
#: Accept types that ask Strawberry for a streaming transport (incremental delivery, SSE).
STREAMING = ("multipart/mixed", "text/event-stream")


#: Error codes of the HTTP errors Strawberry raises (405 for other methods, 404 for GraphiQL
#: when it is off).
HTTP_CODES = {404: "NOT_FOUND", 405: "METHOD_NOT_ALLOWED"}


def media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


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


def with_retry_after(response: GraphQLHTTPResponse) -> GraphQLHTTPResponse:
    """A rate-limited answer says how long to wait in ``extensions.retryAfter``, at the top
    and on each RATE_LIMITED error (the middleware adds the Retry-After header)."""
    wait = ratelimit.retry_after()
    if wait is None:
        return response
    response["extensions"] = {**(response.get("extensions") or {}), "retryAfter": wait}
    for error in response.get("errors") or []:
        if not isinstance(error, dict):
            continue
        extensions: dict[str, Any] = dict(error.get("extensions") or {})
        if extensions.get("code") == "RATE_LIMITED":
            error["extensions"] = {**extensions, "retryAfter": extensions.get("retryAfter", wait)}
    return response


class GraphQLView(GraphQL[Context, None]):
    def __init__(self, runtime: Runtime, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.runtime = runtime

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        request = Request(scope, receive)
        if csrf_refused(request):
            response: Response = bad_request(
                "Requests that are not application/json need an X-Requested-With header.",
                403,
                "CSRF",
            )
        else:
            # Redis or the database away (in the context or a resolver) propagates to the
            # middleware, which answers 503 (http/middleware.py).
            try:
                response = await self.answer(request)
            except BadBodyError as error:
                response = bad_request(str(error))
            except PersistedQueryError as error:
                response = bad_request(error.message, error.status, error.code)
            except (HTTPException, StarletteHTTPException) as error:
                reason = getattr(error, "reason", None) or getattr(error, "detail", "")
                code = HTTP_CODES.get(error.status_code, "BAD_REQUEST")
                response = bad_request(str(reason), error.status_code, code)
        await response(scope, receive, send)

    async def answer(self, request: Request) -> Response:
        """Every HTTP request to /graphql; a body that cannot be read raises BadBodyError."""
        if request.method == "GET" and request.query_params.keys() & {"query", "extensions"}:
            return await self.answer_get(request)
        if request.method != "POST":
            return await self.run(request)
        content_type = media_type(request)
        if content_type == "multipart/form-data":
            return await self.run(request)
        if content_type != "application/json":
            raise BadBodyError(
                f"Unsupported content type {content_type or '(none)'!r}: POST the operation as "
                "application/json, or as multipart/form-data for uploads."
            )
        body = await request.body()
        query, variables, operation_name, extensions = operation_of(decode_json(body))
        query = await self.persisted(query, extensions)
        if any(t in request.headers.get("accept", "") for t in STREAMING):
            return await self.run(Request(request.scope, replay(body)))
        return await self.execute_plain(
            request, query, variables, operation_name, extensions, POST_OPERATIONS
        )

    async def answer_get(self, request: Request) -> Response:
        """A query sent as GET parameters (read strictly; persisted queries like POST)."""
        params = dict(query_parameters(request.scope["query_string"]))
        data: dict[str, Any] = {
            "query": params.get("query"),
            "operationName": params.get("operationName"),
        }
        for name in ("variables", "extensions"):
            if params.get(name):
                data[name] = decode_json(params[name], f"the `{name}` parameter")
        query, variables, operation_name, extensions = operation_of(data)
        query = await self.persisted(query, extensions)
        return await self.execute_plain(
            request, query, variables, operation_name, extensions, GET_OPERATIONS
        )

    async def persisted(self, query: str | None, extensions: dict[str, Any] | None) -> str | None:
        settings = self.runtime.settings
        return await resolve(settings.persisted_queries, self.runtime.store, query, extensions)

    async def execute_plain(
        self,
        request: Request,
        query: str | None,
        variables: dict[str, Any] | None,
        operation_name: str | None,
        extensions: dict[str, Any] | None,
        allowed: set[OperationType],
    ) -> Response:
        """The common request (one operation, as JSON or GET parameters) without Strawberry's
        general HTTP layer (content negotiation, batching, multipart, streaming transports).

        Measured (bench/graphql_budget.py) that layer was most of a trivial query's fixed cost.
        The operation itself runs through the same schema, context, result processing and
        response as Strawberry's path.
        """
        if query is None:
            raise BadBodyError("No GraphQL query found in the request.")
        check_numbers(query)
        sub_response = await self.get_sub_response(request)
        limits = getattr(self.schema, "limits", None)
        trivial = limits and trivial_data(
            self.schema, limits, query, operation_name, variables, extensions, allowed
        )
        if trivial:
            return await self.answer_trivial(request, sub_response, *trivial)
        context = await self.get_context(request, response=sub_response)
        try:
            result = await self.schema.execute(
                query,
                variable_values=variables,
                context_value=context,
                operation_name=operation_name,
                allowed_operation_types=allowed,
                operation_extensions=extensions,
            )
        except CannotGetOperationTypeError as error:
            raise BadBodyError(error.as_http_error_reason()) from None
        except InvalidOperationTypeError as error:
            raise BadBodyError(error.as_http_error_reason(request.method)) from None
        except MissingQueryError:
            raise BadBodyError("No GraphQL query found in the request.") from None
        return self.create_response(await self.process_result(request, result), sub_response)

    async def answer_trivial(
        self, request: Request, sub_response: Response, name: str | None, data: dict[str, str]
    ) -> Response:
        """An operation that reads nothing (graph/trivial.py). The context is built only when
        the request carries credentials, so that a bad bearer token is still refused, a
        session still slides and its viewer is still logged; without any, it would be the
        anonymous viewer and change nothing."""
        annotate(operation=operation_label(name))
        if "authorization" in request.headers or "cookie" in request.headers:
            await self.get_context(request, response=sub_response)
        result = ExecutionResult(data=data, errors=None)
        return self.create_response(await self.process_result(request, result), sub_response)

    def decode_json(self, data: str | bytes) -> object:
        """Strawberry's reader of JSON (the bodies of streaming requests): as strict."""
        return decode_json(data, "request body")

    async def parse_multipart(self, request: AsyncHTTPRequestAdapter) -> dict[str, str]:
        """The GraphQL multipart request spec's `operations` and `map` fields, read strictly."""
        try:
            form_data = await request.get_form_data()
        except ValueError:
            raise BadBodyError("Unable to parse the multipart body.") from None
        operations = form_data.form.get("operations")
        files_map = form_data.form.get("map", "{}")
        if not isinstance(operations, str) or not isinstance(files_map, str):
            raise BadBodyError(
                "A multipart request needs an `operations` field (and a `map` field for files)."
            )
        data = decode_json(operations, "the multipart `operations` field")
        query, _, _, extensions = operation_of(data)
        data["query"] = await self.persisted(query, extensions)
        if data["query"] is not None:
            check_numbers(data["query"])
        paths = decode_json(files_map, "the multipart `map` field")
        if not isinstance(paths, dict) or not all(
            isinstance(value, list) and all(isinstance(path, str) for path in value)
            for value in paths.values()
        ):
            raise BadBodyError(
                "The multipart `map` field must map each file's name to a list of paths, as in "
                '{"0": ["variables.file"]}.'
            )
        try:
            return replace_placeholders_with_files(data, paths, form_data.files)
        except (KeyError, IndexError, TypeError):
            raise BadBodyError(
                "The multipart `map` names a file that is not in the form, or a path that is not "
                "in the operation's variables."
            ) from None

    async def render_graphql_ide(self, request: Request) -> Response:
        return HTMLResponse(ide.offline(self.graphql_ide_html))

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
            await record(audit_events(context))
        return with_retry_after(process_result(result))
