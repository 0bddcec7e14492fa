"""Serving the built web app: files from static/, and index.html for client-side routes."""

from __future__ import annotations

from pathlib import Path

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response
from starlette.staticfiles import StaticFiles

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"

NOT_BUILT = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Pixvault</title></head><body><main><h1>Pixvault</h1>
<p>The web app has not been built. Run <code>make run</code> from the repository root.</p>
<p>The GraphQL API is at <a href="/graphql">/graphql</a>.</p></main></body></html>"""


class SinglePageApp(StaticFiles):
    """Static files, falling back to index.html so deep links (/library/…) load the app."""

    def __init__(self, directory: Path = STATIC_DIR) -> None:
        super().__init__(directory=directory, check_dir=False)
        self.index = directory / "index.html"

    async def get_response(self, path: str, scope: dict) -> Response:  # type: ignore[type-arg,override]
        if not self.index.exists():
            return HTMLResponse(NOT_BUILT)
        try:
            response = await super().get_response(path, scope)
        except HTTPException as exc:
            if exc.status_code != 404 or "." in path.rsplit("/", 1)[-1]:
                raise
            return self._index()
        if response.status_code == 404:
            return self._index()
        return response

    def _index(self) -> Response:
        return FileResponse(self.index, headers={"Cache-Control": "no-cache"})


async def not_found(request: Request, exc: Exception) -> Response:
    return HTMLResponse("Not found", status_code=404)
