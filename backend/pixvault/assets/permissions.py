"""Who may read each field of the assets domain (rows of the one access table).

Assets are reached only through resolvers that already decided the viewer may see them
(Query.asset: the owner, staff with an audited read, or anyone when PUBLIC and ACTIVE), so
most fields are open; the owner's private figures are SELF only.
"""

from __future__ import annotations

from pixvault.graphkit.access import OPEN, SIGNED_IN_BY_RESOLVER, Audience, Rule, rule

A = Audience
OWNER_ONLY = rule(A.SELF)
#: The owner and the staff who handle images (not BILLING: see library.ASSET_STAFF_ROLES).
OWNER_AND_ASSET_STAFF = rule(A.SELF, A.SUPPORT, A.PRIVACY_OFFICER, A.ADMIN)

RULES: dict[str, Rule] = {
    **{
        f"Asset.{f}": OPEN
        for f in [
            "id",
            "filename",
            "contentType",
            "byteSize",
            "width",
            "height",
            "visibility",
            "status",
            "folder",
            "tags",
            "createdAt",
            "url",
            "variantUrl",
            "thumbnailUrl",
        ]
    },
    "Asset.owner": OWNER_AND_ASSET_STAFF,
    "Asset.downloadUrl": OWNER_ONLY,
    "Asset.hasLocationData": OWNER_ONLY,
    "Asset.moderationNote": OWNER_AND_ASSET_STAFF,
    "Asset.viewCount": OWNER_ONLY,
    "Asset.detailsPublic": OWNER_ONLY,
    "Asset.downloadCount": OWNER_ONLY,
    "AssetEdge.cursor": OPEN,
    "AssetEdge.node": OPEN,
    "AssetConnection.edges": OPEN,
    "AssetConnection.pageInfo": OPEN,
    "AssetConnection.totalCount": OPEN,
    "AssetPayload.asset": OPEN,
    "AssetPayload.errors": OPEN,
    "User.assets": rule(A.SELF, note="Staff reach a non-public asset only through Query.asset."),
    "Query.asset": OPEN,
    "Query.assets": rule(A.SIGNED_IN),
    "Query.assetFolders": rule(A.SIGNED_IN),
    "Query.publicAssets": OPEN,
    "Mutation.uploadAsset": SIGNED_IN_BY_RESOLVER,
    "Mutation.importAssetFromUrl": SIGNED_IN_BY_RESOLVER,
    "Mutation.updateAsset": SIGNED_IN_BY_RESOLVER,
    "Mutation.deleteAsset": SIGNED_IN_BY_RESOLVER,
}
