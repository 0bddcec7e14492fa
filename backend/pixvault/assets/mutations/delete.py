"""deleteAsset: the row, the original and every rendition, in whichever storage backend."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from pixvault.assets import library
from pixvault.core import described
from pixvault.graphkit.context import Context
from pixvault.graphkit.payloads import DeletePayload, require_user, returns_errors


@strawberry.type
class DeleteMutations:
    @described.mutation("Delete your own asset, its original and every rendition.")
    @returns_errors(DeletePayload)
    async def delete_asset(
        self,
        info: Info[Context, None],
        id: Annotated[strawberry.ID, strawberry.argument(description="The image's id.")],
    ) -> DeletePayload:
        context = info.context
        owner_id = require_user(context)
        deleted = await library.delete_asset(context.runtime.storage, owner_id, str(id))
        return DeletePayload(deleted_id=strawberry.ID(deleted), errors=[])
