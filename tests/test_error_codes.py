"""Error codes are documented: every code a payload can return is a value of the UserErrorCode
enum (with a description), and every top-level error code is in docs/api.md's table."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import httpx

from pixvault.core.error_codes import UserErrorCode
from tests.conftest import gql

BACKEND = Path(__file__).resolve().parents[1] / "backend" / "pixvault"
API_GUIDE = Path(__file__).resolve().parents[1] / "docs" / "api.md"
CODE = re.compile(r"[A-Z][A-Z0-9_]+")


def _name(call: ast.Call) -> str | None:
    func = call.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)


def _code_argument(call: ast.Call, position: int) -> ast.expr | None:
    for keyword in call.keywords:
        if keyword.arg == "code":
            return keyword.value
    return call.args[position] if len(call.args) > position else None


def raised_payload_codes() -> dict[str, str]:
    """Each code the backend passes to UserFacingError or UserError, with one place it does."""
    found: dict[str, str] = {}
    for path in sorted(BACKEND.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if not isinstance(node, ast.Call) or _name(node) not in (
                "UserFacingError",
                "UserError",
            ):
                continue
            argument = _code_argument(node, 0)
            where = f"{path.relative_to(BACKEND)}:{node.lineno}"
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                found.setdefault(argument.value, where)
            else:
                # Only the conversion of a UserFacingError passes a code it did not write.
                assert path.name == "errors.py", f"{where}: a code that is not a literal"
    return found


def top_level_codes() -> dict[str, str]:
    """Codes written into GraphQL errors' extensions (and the view's HTTP error answers)."""
    found: dict[str, str] = {}
    for path in sorted(BACKEND.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            where = f"{path.relative_to(BACKEND)}:{getattr(node, 'lineno', 0)}"
            values: list[ast.expr] = []
            if isinstance(node, ast.Dict):
                values = [v for k, v in zip(node.keys, node.values, strict=True) if _is(k, "code")]
            elif isinstance(node, ast.Call) and _name(node) == "bad_request":
                values = [v for v in (_code_argument(node, 2),) if v is not None]
            elif isinstance(node, ast.Call) and _name(node) == "PersistedQueryError":
                values = [v for v in (_code_argument(node, 1),) if v is not None]
            elif isinstance(node, ast.Assign | ast.AnnAssign) and _target(node) == "HTTP_CODES":
                assert isinstance(node.value, ast.Dict)
                values = list(node.value.values)
            elif isinstance(node, ast.FunctionDef) and node.name == "bad_request":
                values = node.args.defaults[-1:]
            for value in values:
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    found.setdefault(value.value, where)
    return {code: where for code, where in found.items() if CODE.fullmatch(code)}


def _is(node: ast.expr | None, text: str) -> bool:
    return isinstance(node, ast.Constant) and node.value == text


def _target(node: ast.Assign | ast.AnnAssign) -> str | None:
    target = node.targets[0] if isinstance(node, ast.Assign) else node.target
    return target.id if isinstance(target, ast.Name) else None


def test_every_payload_code_the_backend_raises_is_in_the_enum() -> None:
    raised = raised_payload_codes()
    assert len(raised) > 40  # the walk finds the codes (a broken walk finds none)
    listed = {member.value for member in UserErrorCode}
    missing = {code: where for code, where in raised.items() if code not in listed}
    assert missing == {}, "add these to core/error_codes.py"
    assert sorted(listed - raised.keys()) == [], "the backend no longer raises these"


def test_every_top_level_code_is_in_the_api_guide_with_its_status() -> None:
    codes = top_level_codes()
    expected = {"UNAUTHENTICATED", "FORBIDDEN", "SERVICE_UNAVAILABLE", "CSRF", "BAD_REQUEST"}
    expected |= {"PERSISTED_QUERY_NOT_FOUND", "PERSISTED_QUERY_NOT_ALLOWED"}
    assert expected | {"NOT_FOUND", "METHOD_NOT_ALLOWED"} <= set(codes)
    rows = dict(re.findall(r"^\| `([A-Z_]+)` \| (\d{3})", API_GUIDE.read_text(), re.MULTILINE))
    assert {code: where for code, where in codes.items() if code not in rows} == {}
    assert rows["RATE_LIMITED"] == "200"


async def test_the_enum_is_in_the_graph_with_a_description_per_value(
    client: httpx.AsyncClient,
) -> None:
    result = await gql(
        client, '{ __type(name: "UserErrorCode") { enumValues { name description } } }'
    )
    values = result.data["__type"]["enumValues"]
    assert {v["name"] for v in values} == {member.value for member in UserErrorCode}
    assert [v["name"] for v in values if not (v["description"] or "").strip()] == []


async def test_a_payload_error_gives_its_code_as_the_enum_too(client: httpx.AsyncClient) -> None:
    result = await gql(
        client,
        "mutation($i: LogInInput!) { logIn(input: $i) { errors { code kind field } } }",
        {"i": {"email": "nobody-here@example.com", "password": "not the password"}},
    )
    assert result.data["logIn"]["errors"] == [
        {"code": "INVALID_CREDENTIALS", "kind": "INVALID_CREDENTIALS", "field": None}
    ]
