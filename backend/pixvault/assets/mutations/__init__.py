"""Mutations of the assets domain, one concern per module."""

from __future__ import annotations

import strawberry

from pixvault.assets.mutations.delete import DeleteMutations
from pixvault.assets.mutations.import_url import ImportMutations
from pixvault.assets.mutations.update import UpdateMutations
from pixvault.assets.mutations.upload import UploadMutations


@strawberry.type
class AssetsMutation(UploadMutations, ImportMutations, UpdateMutations, DeleteMutations):
    pass
