"""The public feed and public assets over HTTP: filenames, folders and tags are the owner's,
shown to others only once the owner publishes them (issue 22, point 10)."""

from __future__ import annotations

import uuid

from tests.conftest import Env, gql, log_in, make_staff, sign_up
from tests.media import encode, uploaded

FIELDS = "id filename folder tags"
FEED = f"{{ publicAssets(first: 200) {{ edges {{ node {{ {FIELDS} }} }} }} }}"
ONE = f"query($id: ID!) {{ asset(id: $id) {{ {FIELDS} }} }}"
PUBLISH = """mutation($id: ID!, $on: Boolean!) {
  updateAsset(id: $id, input: {publishDetails: $on}) {
    asset { id detailsPublic } errors { code } } }"""


async def test_others_see_no_filename_folder_or_tags_until_the_owner_publishes_them(
    env: Env,
) -> None:
    secret = uuid.uuid4().hex[:8]
    async with env.client() as owner:
        own_email = (await sign_up(owner))["email"]
        asset = await uploaded(
            owner,
            encode(".jpg"),
            filename=f"IMG_passport_{secret}.jpg",
            visibility="PUBLIC",
            folder=f"Medical/{secret}",
            tags=[f"kyc-{secret}"],
        )
        own = (await gql(owner, ONE, {"id": asset["id"]})).data["asset"]
        assert own["filename"] == f"IMG_passport_{secret}.jpg" and own["tags"] == [f"kyc-{secret}"]
    hidden = {"id": asset["id"], "filename": "image.jpg", "folder": None, "tags": []}

    async def seen_by_others() -> list[dict[str, object]]:
        views = []
        async with env.client() as anonymous:
            feed = await gql(anonymous, FEED)
            one = await gql(anonymous, ONE, {"id": asset["id"]})
        async with env.client() as stranger:
            await sign_up(stranger)
            theirs = await gql(stranger, ONE, {"id": asset["id"]})
        for response in (feed, one, theirs):
            assert response.errors == []
        views.append(
            next(
                e["node"]
                for e in feed.data["publicAssets"]["edges"]
                if e["node"]["id"] == asset["id"]
            )
        )
        views += [one.data["asset"], theirs.data["asset"]]
        if views[0]["filename"] == "image.jpg":
            for response in (feed, one, theirs):
                assert secret not in response.http.text
        return views

    assert await seen_by_others() == [hidden] * 3
    # The staff who handle images see the details (a support case, an abuse report).
    _, support_email = await make_staff(env, "SUPPORT")
    async with env.client() as support:
        await log_in(support, support_email)
        assert (await gql(support, ONE, {"id": asset["id"]})).data["asset"]["folder"] == (
            f"Medical/{secret}"
        )

    async with env.client() as owner:
        await log_in(owner, own_email)
        published = await gql(owner, PUBLISH, {"id": asset["id"], "on": True})
        assert published.data["updateAsset"] == {
            "asset": {"id": asset["id"], "detailsPublic": True},
            "errors": [],
        }
    shown = {
        "id": asset["id"],
        "filename": f"IMG_passport_{secret}.jpg",
        "folder": f"Medical/{secret}",
        "tags": [f"kyc-{secret}"],
    }
    assert await seen_by_others() == [shown] * 3
    async with env.client() as anonymous:
        flag = await gql(
            anonymous, "query($id: ID!) { asset(id: $id) { detailsPublic } }", {"id": asset["id"]}
        )
        assert flag.error_codes() == {"asset.detailsPublic": "UNAUTHENTICATED"}
    async with env.client() as owner:
        await log_in(owner, own_email)
        await gql(owner, PUBLISH, {"id": asset["id"], "on": False})
    assert await seen_by_others() == [hidden] * 3
