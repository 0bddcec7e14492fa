"""Queries of the assets domain."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info
from tortoise.queryset import QuerySet

from pixvault.assets import library, models
from pixvault.assets.types import CONNECTION_NAMES, Asset, AssetConnection, Visibility
from pixvault.core import described
from pixvault.graphkit.context import Context
from pixvault.graphkit.pagination import After, Before, First, Last, paginate


async def user_assets(
    owner_id: str, first: int | None, after: str | None, last: int | None, before: str | None
) -> AssetConnection:
    return await _page(library.own_assets(owner_id), first, after, last, before)


async def _page(
    query: QuerySet[models.Asset],
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
) -> AssetConnection:
    page = await paginate(
        query, first, after, Asset.from_model, CONNECTION_NAMES, last=last, before=before
    )
    assert isinstance(page, AssetConnection)
    return page


@strawberry.type
class AssetsQuery:
    @described.field("the owner, STAFF, or anyone when PUBLIC and ACTIVE")
    async def asset(
        self,
        info: Info[Context, None],
        id: Annotated[strawberry.ID, strawberry.argument(description="The image's id.")],
    ) -> Asset | None:
        context = info.context
        row = await library.visible_asset(context.viewer, id)
        if row is None:
            return None
        asset = Asset.from_model(row)
        if not library.is_public(row) and not context.viewer.is_self(asset.subject_id):
            # Staff looking at someone's non-public image: an audited read.
            context.audit_read("Query.asset", asset.subject_id)
        return asset

    @described.field("the viewer's own assets, newest first")
    async def assets(
        self,
        info: Info[Context, None],
        first: First = 50,
        after: After = None,
        search: Annotated[
            str | None,
            strawberry.argument(
                description="Only images whose filename contains this text (any case)."
            ),
        ] = None,
        folder: Annotated[
            str | None,
            strawberry.argument(description="Only images in this folder (its exact path)."),
        ] = None,
        visibility: Annotated[
            Visibility | None, strawberry.argument(description="Only images with this visibility.")
        ] = None,
        tag: Annotated[
            str | None, strawberry.argument(description="Only images carrying this tag.")
        ] = None,
        last: Last = None,
        before: Before = None,
    ) -> AssetConnection | None:
        owner_id = info.context.viewer.user_id
        assert owner_id is not None  # the access table lets only signed-in viewers here
        query = library.own_assets(
            owner_id,
            search=search,
            folder=folder,
            visibility=visibility.value if visibility else None,
            tag=tag,
        )
        return await _page(query, first, after, last, before)

    @described.field("the viewer's folder paths, sorted")
    async def asset_folders(self, info: Info[Context, None]) -> list[str] | None:
        owner_id = info.context.viewer.user_id
        assert owner_id is not None
        return await library.folders(owner_id)

    @described.field("every PUBLIC and ACTIVE asset, newest first")
    async def public_assets(
        self,
        first: First = 50,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> AssetConnection:
        return await _page(library.public_assets(), first, after, last, before)
