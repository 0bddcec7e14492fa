"""The two sides the GraphQL speed budget compares (bench/graphql_budget.py): the seeded library
and the bare twin of the library query, a plain Starlette endpoint doing the same work without
the graph (authenticate the cookie, run the same SQL, write the same JSON with orjson)."""

from __future__ import annotations

import uuid
from datetime import timedelta

import orjson
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from pixvault.accounts.authentication import authenticate, client_info
from pixvault.accounts.models import User
from pixvault.accounts.registration import create_user
from pixvault.accounts.sessions import SessionService
from pixvault.assets import library
from pixvault.assets.models import Asset, AssetTag
from pixvault.assets.params import make_spec
from pixvault.assets.signing import build_url
from pixvault.core.client_ip import client_ip
from pixvault.core.clock import now
from pixvault.core.viewer import ClientInfo
from pixvault.graphkit.pagination import Keyset
from pixvault.http.middleware import PixvaultMiddleware
from pixvault.runtime import Runtime
from pixvault.safety.abuse import moderation_notes

PASSWORD = "a long and unusual passphrase"
#: assets in the seeded library
ASSETS = 200


# --- Seeding -------------------------------------------------------------------------------


async def seed(runtime: Runtime) -> tuple[str, str]:
    """A user with ASSETS assets (three tags each, some in folders); their id and cookie."""
    user = await create_user(
        runtime.passwords, email="bench@example.com", name="Bench Person", password=PASSWORD
    )
    start = now() - timedelta(days=1)
    rows = [
        Asset(
            id=uuid.uuid4(),
            owner=user,
            filename=f"photo-{i:04d}.jpg",
            content_type="image/jpeg",
            byte_size=1_000_000 + i,
            width=4000,
            height=3000,
            sha256=f"{i:064x}",
            original_key=f"users/{user.id}/originals/{i:064x}",
            visibility="PUBLIC" if i % 4 == 0 else "PRIVATE",
            folder=f"trips/{i % 5}" if i % 2 else None,
            has_location_data=i % 3 == 0,
            view_count=i,
            created_at=start + timedelta(seconds=i),
            updated_at=start + timedelta(seconds=i),
        )
        for i in range(ASSETS)
    ]
    await Asset.bulk_create(rows)
    await AssetTag.bulk_create(
        [
            AssetTag(asset_id=row.id, name=name)
            for row in rows
            for name in ("holiday", "family", "2026")
        ]
    )
    issued = await SessionService(runtime.settings, runtime.store).start(
        user, False, ClientInfo(ip_address="127.0.0.1")
    )
    return str(user.id), issued.token


# --- The bare endpoint ---------------------------------------------------------------------


def bare_app(runtime: Runtime, with_middleware: bool = True) -> Starlette:
    """The same work as the library query, without the graph: authenticate, the same SQL, the
    same JSON, orjson."""
    settings = runtime.settings
    thumbnail = make_spec(400, 400, "cover", "auto", None)

    def url(row: Asset) -> str:
        signed = not library.is_public(row)
        return build_url(
            settings, str(row.id), thumbnail, signed=signed, version=row.delivery_version
        )

    async def assets(request: Request) -> Response:
        client = client_info(request, client_ip(request.scope, settings))
        auth = await authenticate(request, runtime, client)
        owner_id = auth.viewer.user_id
        if owner_id is None:
            return Response(status_code=401)
        await runtime.policy_gate.settle(owner_id, client)
        first = int(request.query_params["first"])
        query = library.own_assets(owner_id)
        keyset = Keyset(query)
        rows = await query.limit(first)
        total = await query.count()
        owners = {str(u.id): u for u in await User.filter(id__in=[owner_id])}
        notes = await moderation_notes([str(row.id) for row in rows])
        edges = []
        for row in rows:
            owner = owners[str(row.owner_id)]  # type: ignore[attr-defined]
            edges.append(
                {
                    "cursor": keyset.cursor(row),
                    "node": {
                        "id": str(row.id),
                        "filename": row.filename,
                        "contentType": row.content_type,
                        "byteSize": row.byte_size,
                        "width": row.width,
                        "height": row.height,
                        "visibility": row.visibility,
                        "status": row.status,
                        "folder": row.folder,
                        "tags": [t.name for t in sorted(row.tag_rows, key=lambda t: t.id)],
                        "createdAt": row.created_at.isoformat(),
                        "thumbnail": url(row),
                        "hasLocationData": row.has_location_data,
                        "viewCount": row.view_count,
                        "downloadCount": row.download_count,
                        "moderationNote": notes.get(str(row.id)),
                        "owner": {"id": str(owner.id), "name": owner.name},
                    },
                }
            )
        body = {
            "data": {
                "assets": {
                    "totalCount": total,
                    "pageInfo": {
                        "hasNextPage": len(rows) < total,
                        "endCursor": edges[-1]["cursor"] if edges else None,
                    },
                    "edges": edges,
                }
            }
        }
        return Response(orjson.dumps(body), media_type="application/json")

    async def trivial(request: Request) -> Response:
        return Response(
            orjson.dumps({"data": {"__typename": "Query"}}), media_type="application/json"
        )

    routes = [Route("/assets", assets), Route("/trivial", trivial)]
    # The same middleware as the app (request id, security headers, the JSON log line), so
    # the difference is the graph alone; report() shows what the middleware itself costs.
    middleware = [Middleware(PixvaultMiddleware, settings=settings)] if with_middleware else []
    return Starlette(routes=routes, middleware=middleware)
