"""Serving the built web app: files from static/, and index.html for client-side routes."""

from __future__ import annotations

from pathlib import Path

from starlette.exceptions import HTTPException
from starlette.responses import FileResponse, HTMLResponse, Response
from starlette.staticfiles import StaticFiles
from starlette.types import Receive, Scope, Send

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

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self.index.exists():
            await HTMLResponse(NOT_BUILT)(scope, receive, send)
            return
        await super().__call__(scope, receive, send)

    async def get_response(self, path: str, scope: Scope) -> Response:
        try:
            return await super().get_response(path, scope)
        except HTTPException as exc:
            # A missing file with an extension is a missing asset; anything else is a route.
            name = path.rsplit("/", 1)[-1]
            if exc.status_code != 404 or (name not in ("", ".") and "." in name):
                raise
            return self._index()

    def _index(self) -> Response:
        return FileResponse(self.index, headers={"Cache-Control": "no-cache"})

