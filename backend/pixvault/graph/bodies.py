"""Reading a GraphQL request's JSON: every malformed body is a 400 that says what is wrong.

Strawberry's own reader lets some bodies through to a 500 (invalid UTF-8, a JSON document that
is not an object, a number past Python's digit limit, nesting past the recursion limit); the
view reads bodies here instead, and Strawberry's remaining 400s get the same JSON shape.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl

import orjson
from graphql import GraphQLSyntaxError, Source
from graphql.language import Lexer, TokenKind
from starlette.responses import JSONResponse

#: The deepest nesting of arrays and objects accepted in variables and extensions. Real inputs
#: nest a few levels; the limit keeps coercion and validation far from any recursion limit.
MAX_NESTING = 32
BOM = b"\xef\xbb\xbf"
#: The longest number literal a document may hold (Int is 32-bit; Float a double).
MAX_DIGITS = 100
LONG_NUMBER = re.compile(rf"[0-9]{{{MAX_DIGITS + 1},}}")


class BadBodyError(Exception):
    """A request body or parameter Pixvault cannot read; its message is safe to show."""


def decode_json(data: str | bytes, what: str = "request body") -> Any:
    """Parse JSON strictly (UTF-8 only, no NaN or Infinity, nesting bounded)."""
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    if raw.startswith(BOM):
        raw = raw[len(BOM) :]
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BadBodyError(
            f"Unable to parse {what} as JSON: it is not valid UTF-8 (byte {error.start})."
        ) from None
    try:
        value = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise BadBodyError(f"Unable to parse {what} as JSON: {error}.") from None
    if nesting(value) > MAX_NESTING:
        raise BadBodyError(f"The {what} nests arrays and objects deeper than {MAX_NESTING} levels.")
    return value


def query_parameters(query_string: bytes) -> list[tuple[str, str]]:
    """A URL's parameters, refusing percent-escapes that are not UTF-8 (Starlette would
    quietly turn them into U+FFFD)."""
    try:
        return parse_qsl(query_string.decode("latin-1"), errors="strict")
    except UnicodeDecodeError:
        raise BadBodyError("The URL's parameters are not valid UTF-8.") from None


def check_numbers(query: str) -> None:
    """Refuse a document with a number literal longer than MAX_DIGITS digits, which GraphQL
    would otherwise try to convert (past Python's limit, an unexpected error)."""
    if not LONG_NUMBER.search(query):
        return  # the common case: no lexing at all
    lexer = Lexer(Source(query))
    try:
        token = lexer.advance()
        while token.kind != TokenKind.EOF:
            number = token.kind in (TokenKind.INT, TokenKind.FLOAT)
            if number and len(token.value or "") > MAX_DIGITS:
                raise BadBodyError(f"A number in the document has more than {MAX_DIGITS} digits.")
            token = lexer.advance()
    except GraphQLSyntaxError:
        return  # GraphQL's own answer says what is wrong


def nesting(value: Any) -> int:
    """How deeply arrays and objects nest in ``value`` (0 for a scalar), without recursion."""
    deepest = 0
    pending: list[tuple[Any, int]] = [(value, 0)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            deepest = max(deepest, depth)
            continue
        deepest = max(deepest, depth + 1)
        if deepest > MAX_NESTING:
            return deepest
        pending.extend((child, depth + 1) for child in children)
    return deepest


def operation_of(data: Any) -> tuple[str | None, dict[str, Any] | None, str | None, Any]:
    """(query, variables, operationName, extensions) of a decoded body, or BadBodyError."""
    if isinstance(data, list):
        raise BadBodyError("Batching is not enabled: send one operation as a JSON object.")
    if not isinstance(data, dict):
        raise BadBodyError(
            "The request body must be a JSON object with a `query` string "
            "(and optional `variables`, `operationName`, `extensions`)."
        )
    query, variables = data.get("query"), data.get("variables")
    name, extensions = data.get("operationName"), data.get("extensions")
    if not isinstance(query, str | None):
        raise BadBodyError("The GraphQL operation's `query` must be a string or null, if provided.")
    if not isinstance(variables, dict | None):
        raise BadBodyError(
            "The GraphQL operation's `variables` must be an object or null, if provided."
        )
    if not isinstance(name, str | None):
        raise BadBodyError(
            "The GraphQL operation's `operationName` must be a string or null, if provided."
        )
    if not isinstance(extensions, dict | None):
        raise BadBodyError(
            "The GraphQL operation's `extensions` must be an object or null, if provided."
        )
    return query, variables, name, extensions


def bad_request(message: str, status: int = 400, code: str = "BAD_REQUEST") -> JSONResponse:
    """The answer to a request the graph cannot read, in the GraphQL error shape."""
    return JSONResponse(
        {"data": None, "errors": [{"message": message, "extensions": {"code": code}}]},
        status_code=status,
    )
