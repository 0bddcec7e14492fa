"""Synchronous GraphQL helpers over a real HTTP connection to the services' app."""

from __future__ import annotations

import json
import time
from typing import Any

import httpx

from tests.conftest import LOG_IN, PASSWORD, SIGN_UP, unique_email
from tests.media import UPLOAD

DSAR_SUBMIT = """mutation($i: DataSubjectRequestInput!) {
  submitDataSubjectRequest(input: $i) { request { id status } errors { code message } } }"""
DSAR_STATUS = "query($id: ID!) { dataSubjectRequest(id: $id) { status exportUrl } }"


def gql(client: httpx.Client, query: str, variables: dict[str, Any] | None = None) -> Any:
    """POST a query; returns the response (the caller checks status and body)."""
    return client.post("/graphql", json={"query": query, "variables": variables or {}})


def data(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code == 200, (response.status_code, response.text)
    body = response.json()
    assert isinstance(body.get("data"), dict) and not body.get("errors"), body
    result: dict[str, Any] = body["data"]
    return result


def sign_up(client: httpx.Client, email: str | None = None) -> tuple[str, str]:
    """A new account, signed in on ``client``; returns (user id, email)."""
    email = email or unique_email("faults")
    payload = {
        "name": "Fault Tester",
        "email": email,
        "password": PASSWORD,
        "acceptPolicies": True,
        "minimumAgeConfirmed": True,
    }
    signed = data(gql(client, SIGN_UP, {"input": payload}))["signUp"]
    assert signed["errors"] == [], signed
    return str(signed["user"]["id"]), email


def log_in(client: httpx.Client, email: str) -> httpx.Response:
    variables = {"input": {"email": email, "password": PASSWORD, "rememberMe": False}}
    response: httpx.Response = gql(client, LOG_IN, variables)
    return response


def upload(client: httpx.Client, image: bytes, filename: str = "pic.png", **variables: Any) -> Any:
    operations = {"query": UPLOAD, "variables": {"file": None, **variables}}
    response = client.post(
        "/graphql",
        data={"operations": json.dumps(operations), "map": json.dumps({"0": ["variables.file"]})},
        files={"0": (filename, image, "image/png")},
        headers={"X-Requested-With": "pixvault-fault-tests"},
    )
    payload = data(response)["uploadAsset"]
    assert payload["errors"] == [], payload
    return payload["asset"]


def submit_access_request(client: httpx.Client) -> str:
    submitted = data(gql(client, DSAR_SUBMIT, {"i": {"kind": "ACCESS", "password": PASSWORD}}))
    payload = submitted["submitDataSubjectRequest"]
    assert payload["errors"] == [], payload
    return str(payload["request"]["id"])


def request_status(client: httpx.Client, request_id: str) -> dict[str, Any]:
    found: dict[str, Any] = data(gql(client, DSAR_STATUS, {"id": request_id}))["dataSubjectRequest"]
    return found


def wait_for_status(
    client: httpx.Client, request_id: str, status: str, timeout: float
) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        found = request_status(client, request_id)
        if found["status"] == status or time.monotonic() > deadline:
            assert found["status"] == status, found
            return found
        time.sleep(0.2)


BEGIN_TWO_FACTOR = "mutation { beginTwoFactorSetup { secret errors { code } } }"
ENABLE_TWO_FACTOR = """mutation($c: String!) {
  enableTwoFactor(code: $c) { recoveryCodes errors { code } } }"""


def turn_on_second_factor(client: httpx.Client) -> None:
    """Set up two-factor log-in for the signed-in client, as its app would: staff roles count
    only once it is on."""
    from pixvault.accounts.totp import code_at, current_step

    seed = data(gql(client, BEGIN_TWO_FACTOR))["beginTwoFactorSetup"]["secret"]
    code = code_at(seed, current_step())
    enabled = data(gql(client, ENABLE_TWO_FACTOR, {"c": code}))["enableTwoFactor"]
    assert enabled["errors"] == [], enabled
