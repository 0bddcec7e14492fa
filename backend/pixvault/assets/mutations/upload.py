"""uploadAsset: a GraphQL multipart upload, spooled to disk and checked before it is stored."""

from __future__ import annotations

from typing import Annotated

import anyio
import strawberry
from starlette.datastructures import UploadFile
from strawberry.file_uploads import Upload
from strawberry.types import Info

from pixvault.assets import library
from pixvault.assets.ingest import Placement, ingest
from pixvault.assets.spool import Spool, temp_dir
from pixvault.assets.types import Asset, AssetPayload, NewFolder, NewVisibility, Visibility
from pixvault.core import described
from pixvault.core.errors import UserFacingError
from pixvault.graphkit.context import Context
from pixvault.graphkit.payloads import require_user, returns_errors
from pixvault.policies.services import require_no_pending_decisions


@strawberry.type
class UploadMutations:
    @described.mutation("Upload an image (JPEG, PNG, WebP, GIF, AVIF or HEIC), PRIVATE by default.")
    @returns_errors(AssetPayload)
    async def upload_asset(
        self,
        info: Info[Context, None],
        file: Annotated[
            Upload,
            strawberry.argument(
                description="The image file, sent as a GraphQL multipart request part; its "
                "content decides the type, not its name."
            ),
        ],
        visibility: NewVisibility = Visibility.PRIVATE,
        folder: NewFolder = None,
        tags: Annotated[
            list[str] | None,
            strawberry.argument(description="Tags to find it by, each up to 50 characters."),
        ] = None,
    ) -> AssetPayload:
        context = info.context
        settings = context.runtime.settings
        owner_id = require_user(context)
        await require_no_pending_decisions(owner_id)
        if not isinstance(file, UploadFile):
            raise UserFacingError("INVALID_FILE", "Send the file as a multipart upload.", "file")
        spool = Spool(temp_dir(settings), settings.max_upload_bytes)
        try:
            await anyio.to_thread.run_sync(spool.copy_from, file.file)
        except BaseException:
            spool.discard()
            raise
        placement = Placement(file.filename, (visibility or Visibility.PRIVATE).value, folder, tags)
        row = await ingest(context.runtime, owner_id, spool, placement, context.viewer.client)
        found = await library.visible_asset(context.viewer, str(row.id))
        return AssetPayload(asset=Asset.from_model(found) if found else None, errors=[])
