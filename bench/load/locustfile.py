"""A realistic mix of what signed-in customers do, for locust (started by bench/load/run.py).

Each simulated user signs in as one of the seeded accounts (BENCH_USERS, a JSON list of
emails, all with BENCH_PASSWORD) and then, with a pause of BENCH_WAIT_MIN..BENCH_WAIT_MAX
seconds between actions, mostly browses the library and views renditions, now and then uploads
an image, changes consents, signs in again or requests an access export.

Every simulated user has its own client address, sent as X-Forwarded-For (the server trusts
127.0.0.1 as a proxy), so per-address rate limits apply per simulated person as they would in
production instead of lumping everyone onto the load generator's address.

A request counts as failed on any HTTP status other than 200, any GraphQL error, or any user
error in a mutation's payload.
"""

from __future__ import annotations

import itertools
import json
import os
import random
from typing import Any
from urllib.parse import urlsplit

from load_photos import PHOTOS
from locust import HttpUser, between, task
from locust.clients import ResponseContextManager

EMAILS: list[str] = json.loads(os.environ.get("BENCH_USERS", "[]"))
PASSWORD = os.environ.get("BENCH_PASSWORD", "")
_numbers = itertools.count()

LIBRARY = """
query Library($first: Int) {
  assets(first: $first) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node {
      id filename width height visibility folder tags createdAt
      thumbnail: variantUrl(width: 400, height: 400)
      preview: variantUrl(width: 1200, fit: INSIDE)
      owner { id name }
    } }
  }
}
"""
LOG_IN = """
mutation LogIn($input: LogInInput!) { logIn(input: $input) { user { id } errors { code } } }
"""
UPLOAD = """
mutation Upload($file: Upload!, $tags: [String!]) {
  uploadAsset(file: $file, tags: $tags) { asset { id } errors { code message } }
}
"""
CONSENTS = """
mutation Consents($decisions: [ConsentInput!]!) {
  setConsents(decisions: $decisions) { consentState { bannerRequired } errors { code } }
}
"""
EXPORT = """
mutation Export($input: DataSubjectRequestInput!) {
  submitDataSubjectRequest(input: $input) { request { id status } errors { code message } }
}
"""


class Customer(HttpUser):
    wait_time = between(
        float(os.environ.get("BENCH_WAIT_MIN", "0.5")),
        float(os.environ.get("BENCH_WAIT_MAX", "2")),
    )

    def on_start(self) -> None:
        number = next(_numbers)
        self.email = EMAILS[number % len(EMAILS)]
        self.address = f"10.{number // 62500 % 250}.{number // 250 % 250}.{number % 250 + 1}"
        self.client.headers.update({"X-Forwarded-For": self.address, "User-Agent": "locust"})
        self.renditions: list[str] = []
        self.log_in()
        self.browse()

    def graphql(
        self, name: str, query: str, variables: dict[str, Any], field: str
    ) -> dict[str, Any] | None:
        with self.client.post(
            "/graphql",
            json={"query": query, "variables": variables},
            name=name,
            catch_response=True,
        ) as response:
            return _check(response, field)

    @task(1)
    def log_in(self) -> None:
        self.graphql(
            "sign in (logIn)",
            LOG_IN,
            {"input": {"email": self.email, "password": PASSWORD}},
            "logIn",
        )

    @task(10)
    def browse(self) -> None:
        data = self.graphql("browse library (assets first: 20)", LIBRARY, {"first": 20}, "")
        if data is None:
            return
        nodes = [edge["node"] for edge in data["assets"]["edges"]]
        urls = [n["thumbnail"] for n in nodes] + [n["preview"] for n in nodes[:4]]
        self.renditions = [_path(url) for url in urls]

    @task(12)
    def view_rendition(self) -> None:
        if not self.renditions:
            return
        with self.client.get(
            random.choice(self.renditions), name="view rendition (GET /i/…)", catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
            elif not response.headers.get("content-type", "").startswith("image/"):
                response.failure(f"not an image: {response.headers.get('content-type')}")
            else:
                response.success()

    @task(1)
    def upload(self) -> None:
        operations = {"query": UPLOAD, "variables": {"file": None, "tags": ["load", "test"]}}
        with self.client.post(
            "/graphql",
            data={
                "operations": json.dumps(operations),
                "map": json.dumps({"0": ["variables.file"]}),
            },
            files={"0": ("photo.jpg", random.choice(PHOTOS), "image/jpeg")},
            headers={"X-Requested-With": "locust"},
            name="upload (uploadAsset, multipart)",
            catch_response=True,
        ) as response:
            _check(response, "uploadAsset")

    @task(2)
    def change_consents(self) -> None:
        decisions = [
            {"purpose": "ANALYTICS", "granted": random.random() < 0.5},
            {"purpose": "PREFERENCES", "granted": random.random() < 0.5},
        ]
        self.graphql(
            "change consents (setConsents)", CONSENTS, {"decisions": decisions}, "setConsents"
        )

    @task(1)
    def request_export(self) -> None:
        self.graphql(
            "request export (submitDataSubjectRequest ACCESS)",
            EXPORT,
            {"input": {"kind": "ACCESS", "password": PASSWORD}},
            "submitDataSubjectRequest",
        )


def _path(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def _check(response: ResponseContextManager, field: str) -> dict[str, Any] | None:
    if response.status_code != 200:
        response.failure(f"HTTP {response.status_code}: {response.text[:200]}")
        return None
    try:
        body = response.json()
    except ValueError:
        response.failure(f"not JSON: {response.text[:200]}")
        return None
    if body.get("errors"):
        response.failure(f"GraphQL errors: {body['errors']}"[:300])
        return None
    data: dict[str, Any] = body["data"]
    if field and data[field].get("errors"):
        response.failure(f"{field} errors: {data[field]['errors']}"[:300])
        return None
    response.success()
    return data
