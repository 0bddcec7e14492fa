"""importAssetFromUrl: fetch an image from a public http(s) URL, then store it like an upload."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from pixvault.assets import library, remote
from pixvault.assets.ingest import Placement, ingest
from pixvault.assets.remote import fetch_into, filename_of
from pixvault.assets.spool import Spool, temp_dir
from pixvault.assets.types import Asset, AssetPayload, NewFolder, NewVisibility, Visibility
from pixvault.core import described
from pixvault.graphkit.context import Context
from pixvault.graphkit.payloads import require_user, returns_errors
from pixvault.policies.services import require_no_pending_decisions


@strawberry.type
class ImportMutations:
    @described.mutation(
        "fetch an image from a public http(s) URL; never from private or loopback addresses"
    )
    @returns_errors(AssetPayload)
    async def import_asset_from_url(
        self,
        info: Info[Context, None],
        url: Annotated[
            str,
            strawberry.argument(
                description="An http or https URL of the image, on a public address (redirects "
                "are followed and checked the same way)."
            ),
        ],
        visibility: NewVisibility = Visibility.PRIVATE,
        folder: NewFolder = None,
    ) -> AssetPayload:
        context = info.context
        settings = context.runtime.settings
        owner_id = require_user(context)
        await require_no_pending_decisions(owner_id)
        await remote.count_import(context.runtime, owner_id)
        spool = Spool(temp_dir(settings), settings.max_upload_bytes)
        try:
            final_url = await fetch_into(url, spool, settings)
        except BaseException:
            spool.discard()
            raise
        placement = Placement(
            filename_of(final_url), (visibility or Visibility.PRIVATE).value, folder, None
        )
        row = await ingest(context.runtime, owner_id, spool, placement, context.viewer.client)
        found = await library.visible_asset(context.viewer, str(row.id))
        return AssetPayload(asset=Asset.from_model(found) if found else None, errors=[])
