"""The baseline for figure (c): a bare Starlette app serving one file with FileResponse."""

from __future__ import annotations

import os

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse
from starlette.routing import Route

PATH = os.environ["BENCH_FILE"]
MEDIA_TYPE = os.environ.get("BENCH_MEDIA_TYPE", "image/webp")


async def serve_file(request: Request) -> FileResponse:
    return FileResponse(PATH, media_type=MEDIA_TYPE)


app = Starlette(routes=[Route("/{name}", serve_file)])
