"""Serving the built web app: files from static/, and index.html for client-side routes."""

from __future__ import annotations

from pathlib import Path

from starlette.exceptions import HTTPException
from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, Response
from starlette.staticfiles import StaticFiles
from starlette.types import Receive, Scope, Send

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"

#: The first path segment of every web-app route (frontend/src/App.tsx and each area's
#: routes.tsx; a test checks they agree), plus /policies/..., which emails link to. Only
#: these get index.html; any other unknown path (/api/..., /wp-login.php, /metrics when off)
#: is a plain 404, not the web app's page with a 200.
WEB_APP_ROUTES = frozenset(
    {
        *("", "login", "signup", "forgot-password", "reset-password", "account"),
        *("library", "privacy", "billing", "admin", "policies"),
        # The public pages (frontend/src/pages/public/routes.tsx), each at the top level.
        *("data-request", "service-providers", "contact", "report"),
    }
)


def is_web_app_route(path: str) -> bool:
    """Whether ``path`` (from the URL, or StaticFiles' relative one: "." for the root) is one
    the web app answers."""
    path = path.strip("/")
    if path in ("", "."):
        return True
    first = path.split("/", 1)[0]
    name = path.rsplit("/", 1)[-1]
    # A missing file with an extension is a missing asset, never a route.
    return first in WEB_APP_ROUTES and "." not in name


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
            if is_web_app_route(scope["path"]):
                response: Response = HTMLResponse(NOT_BUILT)
            else:
                response = PlainTextResponse("Not Found", status_code=404)
            await response(scope, receive, send)
            return
        await super().__call__(scope, receive, send)

    async def get_response(self, path: str, scope: Scope) -> Response:
        try:
            return await super().get_response(path, scope)
        except HTTPException as exc:
            if exc.status_code != 404 or not is_web_app_route(path):
                raise
            return self._index()

    def _index(self) -> Response:
        return FileResponse(self.index, headers={"Cache-Control": "no-cache"})
