"""Activity: who did what, when, from where and with what, paginated."""

from __future__ import annotations

from pixvault.accounts.activity import ACTIVITY_ORDER
from pixvault.accounts.models import ActivityEvent, User
from pixvault.core.clock import now
from pixvault.graphkit.pagination import paginate
from tests.conftest import Env, gql, log_in, sign_up, unique_email
from tests.media import signed_in

IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1"
)
ACTIVITY = """query($first: Int, $after: String) { me { activity(first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor }
  edges { node { kind ipAddress country browser browserVersion os platform timezone } }
} } }"""


async def test_log_in_events_carry_client_details(env: Env) -> None:
    async with env.client() as c:
        user = await sign_up(c)
        await gql(c, "mutation { logOut { ok } }")
    async with env.client(
        ip="8.8.8.8", **{"User-Agent": IPHONE, "X-Timezone": "Europe/Berlin"}
    ) as phone:
        assert (await log_in(phone, user["email"])).data["logIn"]["errors"] == []
        result = await gql(phone, ACTIVITY, {"first": 10})
    events = [e["node"] for e in result.data["me"]["activity"]["edges"]]
    assert [e["kind"] for e in events] == ["LOG_IN", "LOG_OUT", "SIGN_UP"]
    assert events[0] == {
        "kind": "LOG_IN",
        "ipAddress": "8.8.8.8",
        "country": "US",
        "browser": "Mobile Safari",
        "browserVersion": "17.0",
        "os": "iOS 17",
        "platform": "mobile",
        "timezone": "Europe/Berlin",
    }


async def test_activity_paginates(env: Env) -> None:
    async with env.client() as c:
        user = await sign_up(c)
        for _ in range(4):
            await log_in(c, user["email"])
        first = (await gql(c, ACTIVITY, {"first": 3})).data["me"]["activity"]
        assert first["totalCount"] == 5
        assert first["pageInfo"]["hasNextPage"] is True
        rest = (await gql(c, ACTIVITY, {"first": 3, "after": first["pageInfo"]["endCursor"]})).data[
            "me"
        ]["activity"]
    assert len(rest["edges"]) == 2
    assert rest["pageInfo"]["hasNextPage"] is False
    assert rest["edges"][-1]["node"]["kind"] == "SIGN_UP"


async def test_bad_cursor_and_page_size_are_clear_errors(env: Env) -> None:
    async with env.client() as c:
        await sign_up(c)
        bad = await gql(c, ACTIVITY, {"first": 3, "after": "nonsense!"})
        assert bad.http.status_code == 200
        assert bad.error_codes() == {"me.activity": "BAD_USER_INPUT"}
        huge = await gql(c, ACTIVITY, {"first": 100000})
        assert huge.error_codes() == {"me.activity": "BAD_USER_INPUT"}


PEOPLE_ACTIVITY = """query($size: Int) { users(first: 3) { edges { node { id
  activity(first: $size) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id } } } } } } }"""


async def test_a_page_of_people_gets_the_first_pages_each_would_get_alone(env: Env) -> None:
    """A page of people reads their first pages of activity in one batch (a window function);
    each is what paging that person's events alone gives: events, cursors, counts and flags,
    ties on the time broken by id."""
    async with signed_in(env, "SUPPORT") as (support, _):
        at = now()
        for events in (3, 1, 0):
            person = await User.create(
                email=unique_email("active"), name="Active", password_hash="x", created_at=now()
            )
            for _ in range(events):
                await ActivityEvent.create(user_id=person.id, kind="LOG_IN", at=at)
        for size in (0, 2, 3):
            result = await gql(support, PEOPLE_ACTIVITY, {"size": size})
            assert result.errors == [], result.errors
            for edge in result.data["users"]["edges"]:
                query = ActivityEvent.filter(user_id=edge["node"]["id"]).order_by(*ACTIVITY_ORDER)
                alone = await paginate(query, size, None, lambda row: str(row.id))
                assert edge["node"]["activity"] == {
                    "totalCount": alone.total_count,
                    "pageInfo": {
                        "hasNextPage": alone.page_info.has_next_page,
                        "hasPreviousPage": alone.page_info.has_previous_page,
                        "startCursor": alone.page_info.start_cursor,
                        "endCursor": alone.page_info.end_cursor,
                    },
                    "edges": [{"cursor": e.cursor, "node": {"id": e.node}} for e in alone.edges],
                }
