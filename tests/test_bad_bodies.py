"""Bodies /graphql cannot read: each is a 400 in the GraphQL error shape that says what is
wrong, never a 500 or a stack trace (graph/bodies.py)."""

from __future__ import annotations

import httpx
import pytest

from tests.conftest import Env, sign_up

LEAKS = ("Traceback", 'File "/', "Error:", "line 1, in")

JSON_BODIES = [
    (b'{"query": "{ __typename \xff }"}', "not valid UTF-8"),
    (b'{"query": "\xc3\x28"}', "not valid UTF-8"),
    (b'"{ __typename }"', "must be a JSON object"),
    (b"null", "must be a JSON object"),
    (b"42", "must be a JSON object"),
    (b'[{"query": "{ __typename }"}]', "Batching is not enabled"),
    (b"", "Unable to parse request body as JSON"),
    (b'{"query": ', "Unable to parse request body as JSON"),
    (b'{"query": "{ __typename }", "variables": {"n": NaN}}', "Unable to parse"),
    (b'{"query": "{ __typename }", "variables": {"n": 1' + b"0" * 5000 + b"}}", "Unable to parse"),
    (b'{"query": "{ __typename }", "variables": {"n": 1e999}}', "Unable to parse"),
    (b'{"query": "\\ud800"}', "Unable to parse"),
    (
        b'{"query": "{ __typename }", "variables": {"a": ' + b"[" * 40 + b"]" * 40 + b"}}",
        "deeper than 32 levels",
    ),
    (
        b'{"query": "{ __typename }", "variables": {"a": ' + b"[" * 5000 + b"]" * 5000 + b"}}",
        "Unable to parse",
    ),
    (b'{"query": "{ __typename }", "extensions": [1]}', "`extensions` must be an object"),
    (b'{"query": "{ __typename }", "operationName": 7}', "`operationName` must be a string"),
    (b'{"variables": {}}', "No GraphQL query found"),
    (
        b'{"query": "{ publicAssets(first: 1' + b"0" * 5000 + b') { totalCount } }"}',
        "more than 100 digits",
    ),
    (b'{"query": "{ publicAssets(first: 1.' + b"5" * 200 + b') { totalCount } }"}', "100 digits"),
]


def assert_bad_request(response: httpx.Response, reason: str) -> None:
    assert response.status_code == 400, response.text[:300]
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert body["data"] is None
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "BAD_REQUEST"
    assert reason in error["message"], error["message"]
    for leak in LEAKS:
        assert leak not in response.text


@pytest.mark.parametrize(("body", "reason"), JSON_BODIES)
async def test_a_bad_json_body_is_a_400_that_says_why(
    client: httpx.AsyncClient, body: bytes, reason: str
) -> None:
    response = await client.post(
        "/graphql", content=body, headers={"content-type": "application/json"}
    )
    assert_bad_request(response, reason)


async def test_a_bad_body_is_read_the_same_with_a_streaming_accept(
    client: httpx.AsyncClient,
) -> None:
    """Bodies asking for a streaming transport go through Strawberry's layer, after the same
    reading."""
    response = await client.post(
        "/graphql",
        content=b'{"query": "\xff"}',
        headers={"content-type": "application/json", "accept": "multipart/mixed"},
    )
    assert_bad_request(response, "not valid UTF-8")


@pytest.mark.parametrize(
    "content_type",
    [
        None,
        "text/plain",
        "application/xml",
        "application/x-www-form-urlencoded",
        "application/graphql-response+json",
    ],
)
async def test_a_wrong_content_type_is_a_400_naming_the_right_ones(
    client: httpx.AsyncClient, content_type: str | None
) -> None:
    # With X-Requested-With, as the CSRF rule asks of every non-JSON POST (else a 403 CSRF).
    headers = {"x-requested-with": "test"}
    if content_type:
        headers["content-type"] = content_type
    response = await client.post(
        "/graphql", content=b'{"query": "{ __typename }"}', headers=headers
    )
    assert_bad_request(response, "Unsupported content type")
    assert "application/json" in response.json()["errors"][0]["message"]


async def test_json_with_a_byte_order_mark_or_a_charset_parameter_is_read(
    client: httpx.AsyncClient,
) -> None:
    for body, content_type in (
        (b'\xef\xbb\xbf{"query": "{ __typename }"}', "application/json"),
        (b'{"query": "{ __typename }"}', "application/json; charset=utf-8"),
    ):
        response = await client.post(
            "/graphql", content=body, headers={"content-type": content_type}
        )
        assert response.status_code == 200
        assert response.json() == {"data": {"__typename": "Query"}}


OPERATION = (
    '{"query": "mutation($f: Upload!) { uploadAsset(file: $f) { errors { code } } }", '
    '"variables": {"f": null}}'
)


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"operations": '"text"', "map": "{}"}, "must be a JSON object"),
        ({"operations": "[1]", "map": "{}"}, "Batching is not enabled"),
        ({"operations": "{", "map": "{}"}, "`operations` field as JSON"),
        ({"map": "{}"}, "needs an `operations` field"),
        ({"operations": OPERATION, "map": "["}, "`map` field as JSON"),
        ({"operations": OPERATION, "map": "[1]"}, "must map each file"),
        ({"operations": OPERATION, "map": '{"0": "variables.f"}'}, "must map each file"),
        ({"operations": OPERATION, "map": '{"0": ["variables.f"]}'}, "not in the form"),
    ],
)
async def test_a_bad_multipart_request_is_a_400_that_says_why(
    env: Env, fields: dict[str, str], reason: str
) -> None:
    async with env.client() as c:
        await sign_up(c)
        files: dict[str, tuple[str | None, bytes]] = {
            name: (None, value.encode()) for name, value in fields.items()
        }
        response = await c.post("/graphql", files=files, headers={"x-requested-with": "t"})
    assert_bad_request(response, reason)


async def test_a_multipart_body_that_is_not_multipart_is_a_400(client: httpx.AsyncClient) -> None:
    for content_type in ("multipart/form-data; boundary=xx", "multipart/form-data"):
        response = await client.post(
            "/graphql",
            content=b"garbage",
            headers={"content-type": content_type, "x-requested-with": "test"},
        )
        assert response.status_code == 400
        assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


@pytest.mark.parametrize(
    ("query_string", "reason"),
    [
        ("query={__typename}&variables=[1]", "`variables` must be an object"),
        ("query={__typename}&variables={", "Unable to parse the `variables` parameter"),
        ("query={__typename}&variables=%ff", "not valid UTF-8"),
        ("query=%ff", "not valid UTF-8"),
        ("query={__typename}&extensions=" + "[" * 40 + "]" * 40, "deeper than 32 levels"),
    ],
)
async def test_bad_get_parameters_are_a_400_that_says_why(
    client: httpx.AsyncClient, query_string: str, reason: str
) -> None:
    response = await client.get(f"/graphql?{query_string}", headers={"accept": "application/json"})
    assert_bad_request(response, reason)
