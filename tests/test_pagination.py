"""Keyset cursors over HTTP: pages neither repeat nor skip items when items are added or
removed between them; last/before page back; sessions, API tokens and contact messages page
like the rest (graphkit/pagination.py)."""

from __future__ import annotations

import base64
from typing import Any

import httpx

from tests.conftest import Env, gql, log_in, unique_email
from tests.conftest import staff_client as staff
from tests.media import encode, signed_in, uploaded

PAGE = """query($first: Int, $after: String, $last: Int, $before: String) {
  assets(first: $first, after: $after, last: $last, before: $before) {
    totalCount
    edges { cursor node { id } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }"""


async def page(client: httpx.AsyncClient, **arguments: Any) -> dict[str, Any]:
    result = await gql(client, PAGE, arguments)
    assert result.errors == [], result.errors
    found: dict[str, Any] = result.data["assets"]
    return found


def ids(connection: dict[str, Any]) -> list[str]:
    return [edge["node"]["id"] for edge in connection["edges"]]


async def test_pages_stay_stable_while_assets_are_added_and_deleted(env: Env) -> None:
    async with signed_in(env) as (owner, _):
        made = [(await uploaded(owner, encode(".png", width=20 + i)))["id"] for i in range(8)]
        newest_first = made[::-1]  # a8 a7 ... a1

        first = await page(owner, first=3)
        assert ids(first) == newest_first[:3]
        assert first["pageInfo"]["hasNextPage"] and not first["pageInfo"]["hasPreviousPage"]
        assert first["pageInfo"]["startCursor"] == first["edges"][0]["cursor"]

        # Between pages: two new assets arrive ahead of every page, one asset of the first
        # page and the one the next page would start with are deleted.
        added = [(await uploaded(owner, encode(".png", width=40 + i)))["id"] for i in range(2)]
        for gone in (newest_first[1], newest_first[3]):
            deleted = await gql(
                owner, "mutation($id: ID!) { deleteAsset(id: $id) { deletedId } }", {"id": gone}
            )
            assert deleted.data["deleteAsset"]["deletedId"] == gone

        second = await page(owner, first=3, after=first["pageInfo"]["endCursor"])
        assert ids(second) == newest_first[4:7]
        assert second["pageInfo"]["hasPreviousPage"] and second["pageInfo"]["hasNextPage"]
        assert second["totalCount"] == 8  # 8 + 2 - 2

        third = await page(owner, first=3, after=second["pageInfo"]["endCursor"])
        assert ids(third) == newest_first[7:]
        assert not third["pageInfo"]["hasNextPage"]

        seen = ids(first) + ids(second) + ids(third)
        assert len(seen) == len(set(seen))
        survivors = [i for i in newest_first if i not in (newest_first[1], newest_first[3])]
        assert [i for i in seen if i in survivors] == survivors

        # Back from the second page: the three before it, as they are now.
        back = await page(owner, last=3, before=second["pageInfo"]["startCursor"])
        assert ids(back) == [added[0], newest_first[0], newest_first[2]]
        assert back["pageInfo"]["hasPreviousPage"] and back["pageInfo"]["hasNextPage"]
        front = await page(owner, last=3, before=back["pageInfo"]["startCursor"])
        assert ids(front) == [added[1]]
        assert not front["pageInfo"]["hasPreviousPage"]

        # The last items, with no cursor.
        tail = await page(owner, last=2)
        assert ids(tail) == newest_first[6:]
        assert tail["pageInfo"]["hasPreviousPage"] and not tail["pageInfo"]["hasNextPage"]


async def test_bad_cursors_and_sizes_are_clear_errors(env: Env) -> None:
    async with signed_in(env) as (owner, _):
        offset_cursor = base64.urlsafe_b64encode(b"o:3").decode()
        for arguments, message in (
            ({"after": "not a cursor"}, "Invalid cursor."),
            ({"after": offset_cursor}, "Invalid cursor."),
            ({"before": base64.urlsafe_b64encode(b'k["x"]').decode()}, "Invalid cursor."),
            ({"last": 201}, "last must be between 0 and 200."),
            ({"first": -1}, "first must be between 0 and 200."),
        ):
            result = await gql(owner, PAGE, arguments)
            assert result.body["data"]["assets"] is None
            (error,) = result.errors
            assert error["message"] == message
            assert error["extensions"]["code"] == "BAD_USER_INPUT"


async def test_api_tokens_and_sessions_are_paginated(env: Env) -> None:
    tokens = """query($after: String) { me { apiTokensConnection(first: 2, after: $after) {
      totalCount edges { node { id name } } pageInfo { hasNextPage endCursor } } } }"""
    sessions = """query($last: Int) { me { sessionsConnection(last: $last) {
      totalCount edges { node { id current } } pageInfo { hasPreviousPage } } } }"""
    async with signed_in(env) as (owner, _):
        names = [f"token {i}" for i in range(5)]
        for name in names:
            created = await gql(
                owner,
                "mutation($n: String!) { createApiToken(name: $n) { errors { code } } }",
                {"n": name},
            )
            assert created.data["createApiToken"]["errors"] == []
        seen: list[str] = []
        after = None
        while True:
            result = (await gql(owner, tokens, {"after": after})).data["me"]
            connection = result["apiTokensConnection"]
            assert connection["totalCount"] == 5
            seen += [edge["node"]["name"] for edge in connection["edges"]]
            if not connection["pageInfo"]["hasNextPage"]:
                break
            after = connection["pageInfo"]["endCursor"]
        assert seen == names[::-1]

        async with env.client() as other_device:
            email = (await gql(owner, "{ me { email } }")).data["me"]["email"]
            assert (await log_in(other_device, email)).data["logIn"]["errors"] == []
        mine = (await gql(owner, sessions, {"last": 1})).data["me"]["sessionsConnection"]
    assert mine["totalCount"] == 2
    # Newest first: the last one is this client's own, older session.
    assert [edge["node"]["current"] for edge in mine["edges"]] == [True]
    assert mine["pageInfo"]["hasPreviousPage"]


async def test_contact_messages_are_paginated_for_staff(env: Env) -> None:
    send = """mutation($input: ContactInput!) { sendContactMessage(input: $input) {
      message { id } errors { code } } }"""
    listing = """query($after: String) { contactMessagesConnection(topic: BILLING, first: 2,
      after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }"""
    sent = []
    for i in range(3):
        async with env.client(ip=f"198.51.100.{120 + i}") as c:
            form = {
                "topic": "BILLING",
                "name": "Ada",
                "email": unique_email("pages"),
                "subject": f"Invoice {i}",
                "message": "A question.",
            }
            result = await gql(c, send, {"input": form})
            sent.append(result.data["sendContactMessage"]["message"]["id"])
    async with staff(env, "SUPPORT") as support:
        first = (await gql(support, listing)).data["contactMessagesConnection"]
        second_result = await gql(support, listing, {"after": first["pageInfo"]["endCursor"]})
        second = second_result.data["contactMessagesConnection"]
    assert [e["node"]["id"] for e in first["edges"] + second["edges"]] == sent[::-1]
    assert not second["pageInfo"]["hasNextPage"]
    async with env.client() as anonymous:
        refused = await gql(anonymous, listing)
    assert refused.body["data"]["contactMessagesConnection"] is None
    assert refused.errors[0]["extensions"]["code"] == "UNAUTHENTICATED"
