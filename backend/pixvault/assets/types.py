"""GraphQL types of the assets domain. Who may read each field: assets/permissions.py."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from enum import StrEnum
from functools import cached_property
from typing import Annotated

import strawberry
from graphql import GraphQLError
from strawberry.dataloader import DataLoader
from strawberry.types import Info

from pixvault.accounts.loaders import user_loader
from pixvault.accounts.types import User
from pixvault.assets import models
from pixvault.assets.formats import TYPES, ImageType
from pixvault.assets.library import ASSET_STAFF_ROLES
from pixvault.assets.params import (
    MAX_UPSCALE,
    BadParameterError,
    Spec,
    check_bounds,
    make_spec,
    on_ladder,
)
from pixvault.assets.signing import build_url
from pixvault.core import described
from pixvault.core.errors import UserError
from pixvault.core.installed import Installed
from pixvault.graphkit.context import Context
from pixvault.graphkit.pagination import Connection, Edge

#: The largest box thumbnailUrl draws into.
MAX_THUMBNAIL = 2000
#: The request's loader of moderation notes (safety/loaders.py): safety sits above assets (its
#: abuse reports name assets), so the runtime installs it.
moderation_note_loader: Installed[Callable[[Context], DataLoader[str, str | None]]] = Installed(
    "The moderation-note loader"
)


@described.enum(
    "Who may see an image.",
    {
        "PRIVATE": "Only its owner (and staff); its URLs are signed and expire.",
        "PUBLIC": "Anyone, while ACTIVE: listed in publicAssets, with unsigned URLs at the "
        "public sizes.",
    },
)
class Visibility(StrEnum):
    PRIVATE = "PRIVATE"
    PUBLIC = "PUBLIC"


#: The visibility and folder arguments of the mutations that add an image, described once.
NewVisibility = Annotated[
    Visibility | None,
    strawberry.argument(description="Who may see it; PRIVATE when null."),
]
NewFolder = Annotated[
    str | None,
    strawberry.argument(
        description="The folder to file it in, a path such as Holidays/2024 (up to 200 "
        "characters); null: no folder."
    ),
]


@described.enum(
    "Where an image stands in moderation.",
    {
        "ACTIVE": "Served normally.",
        "QUARANTINED": "Withheld after an upheld abuse report: delivery answers 451, and "
        "moderationNote tells its owner why.",
        "REMOVED": "Taken down: delivery answers 404.",
    },
)
class AssetStatus(StrEnum):
    ACTIVE = "ACTIVE"
    QUARANTINED = "QUARANTINED"
    REMOVED = "REMOVED"


@described.enum(
    "How a rendition fills a box when both width and height are given (the URL's `fit`).",
    {
        "COVER": "Fill the box exactly, cropping what overflows (keeps the aspect ratio).",
        "CONTAIN": "The whole image inside the box, padded to the box's exact size.",
        "FILL": "Stretch to the box exactly (may distort the aspect ratio).",
        "INSIDE": "The whole image inside the box, no padding: one side may be smaller.",
    },
)
class ImageFit(StrEnum):
    COVER = "COVER"
    CONTAIN = "CONTAIN"
    FILL = "FILL"
    INSIDE = "INSIDE"


@described.enum(
    "The file format of a rendition (the URL's `fm`).",
    {
        "AUTO": "The best the requesting browser accepts (its Accept header): AVIF, else "
        "WebP, else PNG for images with transparency and JPEG for the rest.",
        "JPEG": "JPEG: photos, no transparency.",
        "PNG": "PNG: lossless, keeps transparency.",
        "WEBP": "WebP: smaller than JPEG, keeps transparency.",
        "AVIF": "AVIF: smallest, slower to encode.",
    },
)
class ImageFormat(StrEnum):
    AUTO = "AUTO"
    JPEG = "JPEG"
    PNG = "PNG"
    WEBP = "WEBP"
    AVIF = "AVIF"


def thumbnail_spec(size: int, square: bool, fm: str, width: int, height: int) -> Spec:
    """A preview within a size x size box that the original's bounds always allow: a square cut
    to fill (as large as enlarging by MAX_UPSCALE permits), or the whole image fitted inside
    the box, never enlarged."""
    if not 1 <= size <= MAX_THUMBNAIL:
        raise BadParameterError(f"size must be between 1 and {MAX_THUMBNAIL}")
    if square:
        side = min(size, MAX_UPSCALE * width, MAX_UPSCALE * height)
        return make_spec(side, side, "cover", fm)
    return make_spec(min(size, width), min(size, height), "inside", fm)


def _url(info: Info[Context, None], row: models.Asset, spec: Spec, download: bool = False) -> str:
    """Unsigned for a PUBLIC image at a public size; signed (and expiring) otherwise."""
    context = info.context
    settings = context.runtime.settings
    public = row.visibility == "PUBLIC" and row.status == "ACTIVE"
    signed = download or not public or not on_ladder(spec, settings.public_sizes)
    owner_id = str(row.owner_id)  # type: ignore[attr-defined]
    if (download or not public) and not context.viewer.is_self(owner_id):
        # A signed URL is a capability anyone holding it can use until it expires: minting one
        # to another person's private image (or original) is audited (the field, the asset).
        context.audit_action("SIGN_URL", owner_id, f"Asset.{info.field_name}:{row.id}")
    return build_url(
        settings, str(row.id), spec, signed=signed, download=download, version=row.delivery_version
    )


@strawberry.type(
    description="An image in someone's library. Its URLs are built for the asking viewer, "
    "signed where needed."
)
class Asset:
    id: strawberry.ID = strawberry.field(description="The image's id (a UUID).")
    content_type: str = strawberry.field(
        description="The original's media type, e.g. image/jpeg, image/png, image/webp."
    )
    byte_size: int = strawberry.field(description="The original file's size in bytes.")
    width: int = strawberry.field(
        description="The original's width in pixels, after its EXIF orientation is applied."
    )
    height: int = strawberry.field(
        description="The original's height in pixels, after its EXIF orientation is applied."
    )
    visibility: Visibility = strawberry.field(description="Who may see it.")
    status: AssetStatus = strawberry.field(description="Where it stands in moderation.")
    created_at: datetime = strawberry.field(description="When it was uploaded or imported.")
    row: strawberry.Private[models.Asset]

    @cached_property
    def subject_id(self) -> str:
        """The owner's id, read by the access guard of every guarded field (made once)."""
        return str(self.row.owner_id)  # type: ignore[attr-defined]

    @classmethod
    def from_model(cls, row: models.Asset) -> Asset:
        """Needs ``tag_rows`` prefetched (see library.with_tags)."""
        return cls(
            id=strawberry.ID(str(row.id)),
            content_type=row.content_type,
            byte_size=row.byte_size,
            width=row.width,
            height=row.height,
            visibility=Visibility(row.visibility),
            status=AssetStatus(row.status),
            created_at=row.created_at,
            row=row,
        )

    def details_shown(self, info: Info[Context, None]) -> bool:
        """Filenames, folders and tags are the owner's working notes ("IMG_passport.jpg",
        "Medical/2024"): others see them only when the owner published them (detailsPublic);
        the staff who handle images always do."""
        viewer = info.context.viewer
        return (
            self.row.details_public
            or viewer.is_self(self.subject_id)
            or bool(viewer.roles & ASSET_STAFF_ROLES)
        )

    @described.field(
        "the owner's filename; for others, unless the owner published the details, a neutral "
        '"image.<extension>"'
    )
    def filename(self, info: Info[Context, None]) -> str:
        if self.details_shown(info):
            return self.row.filename
        return f"image.{TYPES[ImageType(self.row.content_type)].extension}"

    @described.field("the owner's folder; null for others unless the owner published the details")
    def folder(self, info: Info[Context, None]) -> str | None:
        return self.row.folder if self.details_shown(info) else None

    @described.field("the owner's tags; empty for others unless the owner published the details")
    def tags(self, info: Info[Context, None]) -> list[str]:
        if not self.details_shown(info):
            return []
        return [t.name for t in sorted(self.row.tag_rows, key=lambda t: t.id)]

    @described.field("whether the filename, folder and tags are shown to everyone")
    def details_public(self) -> bool | None:
        return bool(self.row.details_public)

    @strawberry.field(description="Who uploaded it.")
    async def owner(self, info: Info[Context, None]) -> User | None:
        user = await user_loader(info.context).load(self.subject_id)
        return User.from_model(user) if user else None

    @described.field(
        "a delivery URL of the original; for a PRIVATE asset it is signed and "
        "expires. Location and other metadata are stripped, orientation applied."
    )
    def url(self, info: Info[Context, None]) -> str:
        return _url(info, self.row, Spec())

    @described.field(
        "a delivery URL of a transformed rendition; signed and expiring for PRIVATE, and for "
        "PUBLIC at a width or height that is not one of the public sizes"
    )
    def variant_url(
        self,
        info: Info[Context, None],
        width: Annotated[
            int | None,
            strawberry.argument(
                description="Width in pixels, 1 to 8000 and at most twice the original's; "
                "null: follow the height (or the original's width)."
            ),
        ] = None,
        height: Annotated[
            int | None,
            strawberry.argument(
                description="Height in pixels, 1 to 8000 and at most twice the original's; "
                "null: follow the width (or the original's height)."
            ),
        ] = None,
        fit: Annotated[
            ImageFit | None,
            strawberry.argument(description="How to fill the box when both sides are given."),
        ] = ImageFit.COVER,
        format: Annotated[
            ImageFormat | None, strawberry.argument(description="The file format.")
        ] = ImageFormat.AUTO,
        quality: Annotated[
            int | None,
            strawberry.argument(
                description="Lossy quality, 1 to 100 (JPEG, WebP, AVIF); null: the format's "
                "default."
            ),
        ] = None,
    ) -> str:
        fit_name = (fit or ImageFit.COVER).value.lower()
        format_name = (format or ImageFormat.AUTO).value.lower()
        try:
            spec = make_spec(width, height, fit_name, format_name, quality)
            check_bounds(spec, self.row.width, self.row.height)
        except BadParameterError as error:
            raise GraphQLError(str(error), extensions={"code": "BAD_USER_INPUT"}) from error
        return _url(info, self.row, spec)

    @described.field(
        "a delivery URL of a preview for lists and views: a size x size square (cut to fill) "
        "when square, else the image fitted inside that box. Unlike variantUrl it never asks "
        "for more than the original allows, so it works for every image; signed and expiring "
        "for PRIVATE"
    )
    def thumbnail_url(
        self,
        info: Info[Context, None],
        size: Annotated[
            int,
            strawberry.argument(description="The box's side in pixels, 1 to 2000."),
        ] = 320,
        square: Annotated[
            bool,
            strawberry.argument(
                description="true: a square cut to fill the box; false: the whole image "
                "fitted inside it, never enlarged."
            ),
        ] = True,
        format: Annotated[
            ImageFormat | None, strawberry.argument(description="The file format.")
        ] = ImageFormat.WEBP,
    ) -> str:
        format_name = (format or ImageFormat.WEBP).value.lower()
        try:
            spec = thumbnail_spec(size, square, format_name, self.row.width, self.row.height)
        except BadParameterError as error:
            raise GraphQLError(str(error), extensions={"code": "BAD_USER_INPUT"}) from error
        return _url(info, self.row, spec)

    @described.field("a short-lived link that downloads the untouched original, metadata and all")
    def download_url(self, info: Info[Context, None]) -> str | None:
        return _url(info, self.row, Spec(), download=True)

    @strawberry.field(
        description="Whether the original carries GPS coordinates (never served: delivery "
        "strips them, downloadUrl keeps them)."
    )
    def has_location_data(self) -> bool | None:
        return self.row.has_location_data

    @described.field(
        "why the asset is quarantined, after an upheld abuse report; null when it is not"
    )
    async def moderation_note(self, info: Info[Context, None]) -> str | None:
        return await moderation_note_loader()(info.context).load(str(self.id))

    @strawberry.field(description="How many times its delivery URLs served it for viewing.")
    def view_count(self) -> int | None:
        return int(self.row.view_count)

    @strawberry.field(description="How many times its original was downloaded (downloadUrl).")
    def download_count(self) -> int | None:
        return int(self.row.download_count)


@strawberry.type(name="AssetEdge", description="One image, with its cursor.")
class AssetEdge(Edge[Asset]):
    pass


@strawberry.type(name="AssetConnection", description="A page of images.")
class AssetConnection(Connection[Asset]):
    edges: list[AssetEdge] = strawberry.field(  # type: ignore[assignment]
        description="The page's images in the list's order, each with its cursor."
    )


CONNECTION_NAMES = (AssetConnection, AssetEdge)


@strawberry.type(description="The answer to a mutation that makes or changes an image.")
class AssetPayload:
    asset: Asset | None = strawberry.field(
        description="The image as it is now; null when errors says why nothing changed."
    )
    errors: list[UserError] = UserError.payload_field()
