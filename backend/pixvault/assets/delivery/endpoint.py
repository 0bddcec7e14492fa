"""GET /i/{asset_id}/{version} (public) and /i/{asset_id} (signed): an asset's original or one
of its renditions.

Status codes: 200/304 served, 400 bad parameters, 403 bad or expired signature,
404 unknown or deleted, 451 quarantined (or, through a public URL, its owner restricted the
processing of their data), and 429 when a new rendition may not be made now
(see Delivery._may_make). PUBLIC and ACTIVE assets need no signature at the public sizes
(PIXVAULT_PUBLIC_RENDITION_SIZES; other sizes are 400 unsigned); anything else needs one that
Asset.url or Asset.variantUrl made. A public URL carries the asset's delivery version: once
the asset is recalled (assets/recall.py) the version moves on and the URL answers 404 (451
when quarantined) for good. /i/{asset_id} without a signature, the form of public URLs before
versions, still serves a PUBLIC asset. Without ``dl`` the bytes are always a
rendition, so metadata is stripped and orientation applied even for the full-size image; with
``dl=1`` (signed, owner-only in the graph) they are the untouched original, as an attachment.
"""

from __future__ import annotations

import asyncio
import logging
import unicodedata
import uuid
from typing import TYPE_CHECKING
from urllib.parse import quote

from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response, StreamingResponse

from pixvault.accounts.authentication import authenticate, client_info
from pixvault.accounts.scopes import ApiScope
from pixvault.accounts.sessions import cookie_name
from pixvault.accounts.tokens import InvalidBearerTokenError
from pixvault.assets import usage
from pixvault.assets.delivery.counters import DeliveryCounters, record_owner_activity
from pixvault.assets.delivery.lookup import AssetFacts, asset_facts
from pixvault.assets.delivery.renditions import Renditions
from pixvault.assets.formats import TYPES, ImageType
from pixvault.assets.names import download_name
from pixvault.assets.params import (
    BadParameterError,
    Format,
    check_bounds,
    on_ladder,
    parse,
    settle,
)
from pixvault.assets.signing import cache_tag, verify
from pixvault.core.client_ip import client_ip
from pixvault.core.clock import now
from pixvault.core.logs import annotate
from pixvault.core.ratelimit import Limit, allow, refuse_for
from pixvault.core.restriction_gate import restrictions
from pixvault.core.settings import Settings
from pixvault.observability.metrics import RENDITION_CACHE
from pixvault.storage import StoredObject

if TYPE_CHECKING:
    from pixvault.runtime import Runtime

log = logging.getLogger("pixvault.assets")
#: How long shared caches may keep a public image when PIXVAULT_CACHE_PURGE_URL can tell them
#: to drop it (without the hook they get PIXVAULT_PUBLIC_MAX_AGE_SECONDS like browsers).
PURGEABLE_MAX_AGE = 86400


def public_cache(settings: Settings) -> str:
    """Never ``immutable``: a public URL can be recalled. Browsers, which nobody can tell to
    drop a copy, keep it for PIXVAULT_PUBLIC_MAX_AGE_SECONDS; shared caches for a day when the
    purge hook reaches them, else as long as browsers."""
    age = settings.public_max_age_seconds
    shared = PURGEABLE_MAX_AGE if settings.cache_purge_url else age
    return f"public, max-age={age}, s-maxage={shared}"


class Refusal(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _not_modified(request: Request, etag: str) -> bool:
    header = request.headers.get("if-none-match")
    if not header:
        return False
    tags = {t.strip().removeprefix("W/") for t in header.split(",")}
    return etag in tags or "*" in tags


def _disposition(filename: str) -> str:
    plain = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode()
    fallback = plain.replace('"', "").replace("\\", "")
    return f"attachment; filename=\"{fallback or 'image'}\"; filename*=UTF-8''{quote(filename)}"


def _body(found: StoredObject, media_type: str, headers: dict[str, str]) -> Response:
    if found.data is not None:
        return Response(found.data, media_type=media_type, headers=headers)
    if found.path is not None:
        return FileResponse(found.path, media_type=media_type, headers=headers)
    headers["Content-Length"] = str(found.size)
    return StreamingResponse(found.chunks, media_type=media_type, headers=headers)


class Delivery:
    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        self.renditions = Renditions(runtime)
        self.counters = DeliveryCounters()
        self._stop = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []

    def start(self) -> None:
        self._stop.clear()
        self._tasks = [asyncio.create_task(self.counters.run(self._stop))]
        if self.runtime.recalls is not None:
            # Recalls announced by any process on any node drop this process's cached facts.
            self._tasks.append(asyncio.create_task(self.runtime.recalls.listen(self._stop)))

    async def stop(self) -> None:
        self._stop.set()
        await asyncio.gather(*self._tasks)
        self._tasks = []
        await self.renditions.close()

    async def endpoint(self, request: Request) -> Response:
        try:
            return await self._deliver(request)
        except Refusal as refusal:
            return PlainTextResponse(
                refusal.message, status_code=refusal.status, headers={"Cache-Control": "no-store"}
            )

    async def _find(self, request: Request) -> AssetFacts:
        try:
            asset_id = uuid.UUID(request.path_params["asset_id"])
        except ValueError:
            raise Refusal(404, "No such image.") from None
        asset = await asset_facts(asset_id)
        if asset is None:
            raise Refusal(404, "No such image.")
        return asset

    def _verified(self, request: Request) -> bool:
        query = dict(request.query_params)
        return verify(self.runtime.settings, request.scope["path"], query)

    async def _viewer_owns(self, request: Request, owner_id: str) -> bool:
        """Whether the request is signed in (cookie or API token) as ``owner_id``."""
        settings = self.runtime.settings
        if "authorization" not in request.headers and cookie_name(settings) not in request.cookies:
            return False
        client = client_info(request, client_ip(request.scope, settings))
        viewer = (await authenticate(request, self.runtime, client)).viewer
        return viewer.user_id == owner_id and viewer.may(ApiScope.ASSETS_READ)

    async def _deliver(self, request: Request) -> Response:
        try:
            spec, extra = parse(request.query_params.multi_items())
        except BadParameterError as error:
            raise Refusal(400, str(error)) from None
        asset = await self._find(request)
        download = "dl" in extra
        annotate(delivery="original" if download else "rendition")
        version = request.path_params.get("version")
        if version is not None and (
            download or asset.visibility != "PUBLIC" or version != str(asset.delivery_version)
        ):
            # A recalled public URL: gone for good, whatever the asset becomes later.
            if asset.status == "QUARANTINED":
                raise Refusal(451, "This image is unavailable after an upheld abuse report.")
            raise Refusal(404, "No such image.")
        # A PUBLIC asset's URLs carry no signature: when it is not ACTIVE they still get the
        # status that says why (451 or 404), not a 403.
        public = asset.visibility == "PUBLIC" and not download
        settings = self.runtime.settings
        signed = not public
        if signed and not self._verified(request):
            raise Refusal(403, "This link's signature is missing, wrong or expired.")
        if asset.status == "QUARANTINED":
            if not await self._viewer_owns(request, str(asset.owner_id)):
                raise Refusal(451, "This image is unavailable after an upheld abuse report.")
            public = False  # the owner's copy must not be cached where others could read it
        elif asset.status != "ACTIVE":
            raise Refusal(404, "No such image.")
        if public and await restrictions().is_restricted_cached(str(asset.owner_id)):
            if not await self._viewer_owns(request, str(asset.owner_id)):
                raise Refusal(
                    451,
                    "This image is unavailable: its owner has restricted the processing of "
                    "their data (GDPR Art. 18).",
                )
            public = False  # the owner's copy must not be cached where others could read it
        if public and not on_ladder(spec, settings.public_sizes):
            # Other sizes of a public image need a URL the graph signed.
            if "sig" not in extra:
                sizes = ", ".join(str(n) for n in sorted(settings.public_sizes))
                raise Refusal(400, f"w and h of an unsigned URL must be one of: {sizes}")
            if not self._verified(request):
                raise Refusal(403, "This link's signature is missing, wrong or expired.")
        if download:
            if not spec.is_original or spec.quality is not None:
                raise Refusal(400, "dl takes no rendition parameters")
            return await self._download(request, asset)
        try:
            check_bounds(spec, asset.width, asset.height)
        except BadParameterError as error:
            raise Refusal(400, str(error)) from None
        accept = request.headers.get("accept", "")
        rendition = settle(spec, ImageType(asset.content_type), asset.has_alpha, accept)
        headers = {"ETag": f'"{asset.sha256[:20]}-{rendition.name}"'}
        if public:
            headers["Cache-Control"] = public_cache(settings)
            # What the purge hook names, for caches that drop by tag (CDNs, Varnish bans).
            headers["Cache-Tag"] = headers["Surrogate-Key"] = cache_tag(asset.id)
        else:
            # Only a verified signature's expiry bounds the cache: the owner's unsigned request
            # for a quarantined PUBLIC image has none (and any exp it carries is unchecked).
            left = int(extra["exp"]) - int(now().timestamp()) if signed else 0
            headers["Cache-Control"] = f"private, max-age={max(left, 0)}"
        if spec.format is Format.AUTO:
            headers["Vary"] = "Accept"
        if _not_modified(request, headers["ETag"]):
            response = Response(status_code=304, headers=headers)
            response.background = self._after(request, asset, download=False, nbytes=0)
            return response
        found = await self.renditions.cached(asset, rendition)
        RENDITION_CACHE.labels(result="miss" if found is None else "hit").inc()
        if found is None:
            await self._may_make(request, asset, public)
            try:
                found = await self.renditions.make(asset, rendition)
            except FileNotFoundError:
                found = None
        if found is None:
            raise Refusal(404, "No such image.")
        response = _body(found, rendition.media_type, headers)
        response.background = self._after(request, asset, download=False, nbytes=found.size)
        return response

    async def _may_make(self, request: Request, asset: AssetFacts, public: bool) -> None:
        """Refuse (429) a new rendition its requester may not have made now.

        A public image's URLs let anyone ask for new renditions, each costing CPU, storage and
        one of the owner's monthly transformations. Others than the owner are held to a limit
        per client address and a cap per asset, and may spend only a share of the owner's
        transformations, so strangers can never use up what the owner needs for their own.
        Cached renditions are never refused.
        """
        settings, store = self.runtime.settings, self.runtime.store
        owner_id = str(asset.owner_id)
        strangers = public and not await self._viewer_owns(request, owner_id)
        if strangers:
            per_address = Limit("public-renditions", settings.public_renditions_per_minute, 60)
            address = client_ip(request.scope, settings) or "unknown"
            if not await allow(store, per_address, address):
                raise Refusal(429, "Too many new renditions from this address; try again soon.")
            per_asset = Limit(
                "public-renditions-asset", settings.public_renditions_per_asset_per_hour, 3600
            )
            if not await allow(store, per_asset, asset.id):
                raise Refusal(429, "Too many new renditions of this image; try again later.")
            share = settings.public_transformation_share_percent
            if not await usage.transformation_allowed(owner_id, share):
                refuse_for(usage.seconds_to_next_period())
                raise Refusal(429, "The owner's transformations for public requests are used up.")
        elif not await usage.transformation_allowed(owner_id):
            # Cached renditions still serve; only new ones wait for the next month.
            refuse_for(usage.seconds_to_next_period())
            raise Refusal(429, "This month's transformations in the owner's plan are used up.")

    async def _download(self, request: Request, asset: AssetFacts) -> Response:
        found = await self.runtime.storage.open(asset.original_key)
        if found is None:
            raise Refusal(404, "No such image.")
        kind = ImageType(asset.content_type)
        headers = {
            "ETag": f'"{asset.sha256}"',
            "Cache-Control": "private, no-store",
            "Content-Disposition": _disposition(
                download_name(asset.filename, TYPES[kind].extension)
            ),
        }
        response = _body(found, kind.value, headers)
        response.background = self._after(request, asset, download=True, nbytes=found.size)
        return response

    def _after(
        self, request: Request, asset: AssetFacts, *, download: bool, nbytes: int
    ) -> BackgroundTask:
        return BackgroundTask(self._account, request, asset.owner_id, asset.id, download, nbytes)

    async def _account(
        self, request: Request, owner_id: str, asset_id: str, download: bool, nbytes: int
    ) -> None:
        """After the response: count it, meter it, and record it when the owner fetched it."""
        self.counters.count(asset_id, download=download)
        try:
            await usage.record_delivery(owner_id, nbytes)
            settings = self.runtime.settings
            if "authorization" in request.headers or cookie_name(settings) in request.cookies:
                client = client_info(request, client_ip(request.scope, settings))
                try:
                    viewer = (await authenticate(request, self.runtime, client)).viewer
                except InvalidBearerTokenError:  # a signed URL needs no token; nobody to record
                    return
                await record_owner_activity(
                    self.runtime.store, viewer, owner_id, asset_id, download=download
                )
        except Exception:  # the response is gone; a failure here must only be logged
            log.exception("accounting for a delivery failed")
