"""The floor the graph is measured against (bench/graphql_floor.py, issue 18 point 5).

A plain Starlette app served by its own uvicorn workers: ``GET /assets?first=N`` answers what the
library query answers (every field, the signed thumbnail URL, the owner) for the customer whose
session cookie it is given, from ONE SQL statement that checks the session and its account,
reads the page, its total, the tags and the moderation note, written with orjson;
``/trivial`` answers ``{ __typename }``'s JSON as a constant. SQLite only, through aiosqlite (the
driver tortoise uses), one connection per worker.

Settings come from the environment like ``pixvault serve``'s (``PIXVAULT_DATA_DIR``), so the
URL signatures use the same secret and the answer can be checked equal to the graph's.
"""

from __future__ import annotations

import base64
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime

import aiosqlite
import orjson
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from pixvault.accounts.sessions import cookie_name
from pixvault.accounts.tokens import digest
from pixvault.assets.params import make_spec
from pixvault.assets.signing import build_url
from pixvault.core.clock import now
from pixvault.core.settings import Settings

SETTINGS = Settings().prepare()
COOKIE = cookie_name(SETTINGS)
THUMBNAIL = make_spec(400, 400, "cover", "auto", None)
TRIVIAL = orjson.dumps({"data": {"__typename": "Query"}})

#: The session and its account checked as SessionService.authenticate checks them, the page
#: in the library's order, its total, the tags in insertion order and the latest upheld report.
PAGE = """
SELECT a.id, a.filename, a.content_type, a.byte_size, a.width, a.height, a.visibility,
       a.status, a.folder, a.created_at, a.has_location_data, a.view_count, a.download_count,
       a.delivery_version,
       u.id, u.name,
       (SELECT json_group_array(name) FROM
           (SELECT t.name FROM asset_tags t WHERE t.asset_id = a.id ORDER BY t.id)),
       (SELECT json_array(r.reason, r.resolution_note) FROM abuse_reports r
         WHERE r.asset_id = a.id AND r.status = 'UPHELD'
         ORDER BY r.resolved_at DESC, r.id DESC LIMIT 1),
       count(*) OVER ()
  FROM sessions s JOIN users u ON u.id = s.user_id JOIN assets a ON a.owner_id = u.id
 WHERE s.token_hash = ? AND s.ended_at IS NULL AND s.expires_at > ?
   AND u.closed_at IS NULL AND u.disabled_at IS NULL
 ORDER BY a.created_at DESC, a.id DESC
 LIMIT ?
"""

_db: list[aiosqlite.Connection] = []


@asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[None]:
    path = SETTINGS.sqlite_path
    assert path is not None, "the floor reads the SQLite database only"
    _db.append(await aiosqlite.connect(path))
    yield
    await _db.pop().close()


def _iso(stored: str) -> str:
    return datetime.fromisoformat(stored).isoformat()


def _note(value: str | None) -> str | None:
    if value is None:
        return None
    reason, resolution = orjson.loads(value)
    note = f"Quarantined after an upheld abuse report ({reason.replace('_', ' ').lower()})."
    return f"{note} {resolution}" if resolution else note


async def assets(request: Request) -> Response:
    token = request.cookies.get(COOKIE)
    if not token:
        return Response(status_code=401)
    at = str(now()).replace("T", " ")
    cursor = await _db[0].execute(PAGE, (digest(token), at, int(request.query_params["first"])))
    rows = list(await cursor.fetchall())
    if not rows:
        return Response(status_code=401)
    edges = []
    for row in rows:
        created = _iso(row[9])
        key = base64.urlsafe_b64encode(b"k" + orjson.dumps([created, row[0]]))
        public = row[6] == "PUBLIC" and row[7] == "ACTIVE"
        edges.append(
            {
                "cursor": key.decode().rstrip("="),
                "node": {
                    "id": row[0],
                    "filename": row[1],
                    "contentType": row[2],
                    "byteSize": row[3],
                    "width": row[4],
                    "height": row[5],
                    "visibility": row[6],
                    "status": row[7],
                    "folder": row[8],
                    "tags": orjson.loads(row[16]),
                    "createdAt": created,
                    "thumbnail": build_url(
                        SETTINGS, row[0], THUMBNAIL, signed=not public, version=row[13]
                    ),
                    "hasLocationData": bool(row[10]),
                    "viewCount": row[11],
                    "downloadCount": row[12],
                    "moderationNote": _note(row[17]),
                    "owner": {"id": row[14], "name": row[15]},
                },
            }
        )
    total = rows[0][18]
    page = {
        "totalCount": total,
        "pageInfo": {"hasNextPage": len(rows) < total, "endCursor": edges[-1]["cursor"]},
        "edges": edges,
    }
    return Response(orjson.dumps({"data": {"assets": page}}), media_type="application/json")


async def trivial(request: Request) -> Response:
    return Response(TRIVIAL, media_type="application/json")


async def health(request: Request) -> Response:
    return Response(b"ok")


app = Starlette(
    routes=[Route("/assets", assets), Route("/trivial", trivial), Route("/health", health)],
    lifespan=lifespan,
)
