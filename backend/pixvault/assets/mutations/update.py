"""updateAsset: rename, move to another folder, retag, change visibility."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from pixvault.assets import library
from pixvault.assets.types import Asset, AssetPayload, Visibility
from pixvault.core import described
from pixvault.graphkit.context import Context
from pixvault.graphkit.payloads import require_user, returns_errors
from pixvault.policies.services import require_no_pending_decisions


@strawberry.input(description="The changes to an image; a field left null stays as it is.")
class UpdateAssetInput:
    filename: str | None = strawberry.field(
        default=None, description="A new filename, up to 255 characters."
    )
    visibility: Visibility | None = strawberry.field(
        default=None, description="Who may see it from now on."
    )
    folder: str | None = strawberry.field(default=None, description='"" moves it out of folders')
    tags: list[str] | None = strawberry.field(default=None, description="replaces all its tags")
    publish_details: bool | None = strawberry.field(
        default=None,
        description="show the filename, folder and tags to everyone who can see the image "
        "(off by default: others see a neutral filename and no folder or tags)",
    )


@strawberry.type
class UpdateMutations:
    @described.mutation("Change your own asset; fields left out stay as they are.")
    @returns_errors(AssetPayload)
    async def update_asset(
        self,
        info: Info[Context, None],
        id: Annotated[strawberry.ID, strawberry.argument(description="The image's id.")],
        input: Annotated[UpdateAssetInput, strawberry.argument(description="What to change.")],
    ) -> AssetPayload:
        owner_id = require_user(info.context)
        await require_no_pending_decisions(owner_id)
        changes = library.Changes(
            filename=input.filename,
            visibility=input.visibility.value if input.visibility else None,
            folder=input.folder,
            tags=input.tags,
            details_public=input.publish_details,
        )
        row = await library.update_asset(owner_id, str(id), changes)
        return AssetPayload(asset=Asset.from_model(row), errors=[])
