"""Other-origin web clients: CORS for the origins PIXVAULT_CORS_ORIGINS lists, and the refusal
of cookies sent from any other origin.

Per the Fetch standard: a preflight (OPTIONS with Access-Control-Request-Method) from a listed
origin, for a method and headers the API takes, is answered 204 with the exact origin,
Access-Control-Allow-Credentials, -Methods, -Headers and -Max-Age; any other preflight gets a
403 without them, which the browser treats as a refusal. Actual requests from a listed origin
get the exact origin and Allow-Credentials (never ``*``). Every response to a request with an
Origin header carries ``Vary: Origin``, since the answer depends on it.

A request carrying the session cookie with an Origin that is neither this service's own (its
PUBLIC_URL, or the Host it was sent to) nor listed is refused 403 FORBIDDEN_ORIGIN before
anything reads the cookie: a browser only attaches cookies on its own, so such a request was
made by another site's page. Bearer-token requests from unlisted origins pass (a browser cannot
read the answer without the CORS headers, and a token is not ambient).

This middleware is the outermost, so the 401, 413 and 503 answers of the inner middleware
carry the CORS headers too and a listed client can read them.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import cookie_parser
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from pixvault.accounts.sessions import cookie_name
from pixvault.core.settings import Settings

ALLOWED_METHODS = ("GET", "HEAD", "POST")
#: Request headers the API reads (besides the CORS-safelisted ones).
ALLOWED_HEADERS = ("authorization", "content-type", "x-requested-with", "x-timezone")
#: Response headers a listed client's script may read.
EXPOSED_HEADERS = "X-Request-ID, Retry-After, WWW-Authenticate"
MAX_AGE_SECONDS = 600


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


class CorsMiddleware:
    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.listed = settings.cors_origin_set
        self.own = _origin(settings.public_url)
        self.cookie = cookie_name(settings)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        origin = headers.get("origin")
        if origin is None:
            await self.app(scope, receive, send)
            return
        origin = origin.strip().lower()
        listed = origin in self.listed
        if scope["method"] == "OPTIONS" and "access-control-request-method" in headers:
            await self._preflight(headers, origin, listed)(scope, receive, send)
            return
        if not listed and not self._own(origin, headers) and self._has_cookie(headers):
            await self._refusal()(scope, receive, send)
            return

        async def send_with_cors(message: Message) -> None:
            if message["type"] == "http.response.start":
                out = MutableHeaders(scope=message)
                out.add_vary_header("Origin")
                if listed:
                    out["Access-Control-Allow-Origin"] = origin
                    out["Access-Control-Allow-Credentials"] = "true"
                    out["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
            await send(message)

        await self.app(scope, receive, send_with_cors)

    def _own(self, origin: str, headers: Headers) -> bool:
        if origin == self.own:
            return True
        host = headers.get("host", "").lower()
        return bool(host) and urlsplit(origin).netloc == host

    def _has_cookie(self, headers: Headers) -> bool:
        return self.cookie in cookie_parser(headers.get("cookie", ""))

    def _preflight(self, headers: Headers, origin: str, listed: bool) -> Response:
        method = headers["access-control-request-method"].strip().upper()
        asked = [
            h.strip().lower()
            for h in headers.get("access-control-request-headers", "").split(",")
            if h.strip()
        ]
        vary = {"Vary": "Origin, Access-Control-Request-Method, Access-Control-Request-Headers"}
        if not listed or method not in ALLOWED_METHODS or not set(asked) <= set(ALLOWED_HEADERS):
            return Response("This origin, method or header is not allowed.", 403, vary)
        return Response(
            status_code=204,
            headers={
                **vary,
                "Access-Control-Allow-Origin": origin,
                "Access-Control-Allow-Credentials": "true",
                "Access-Control-Allow-Methods": ", ".join(ALLOWED_METHODS),
                "Access-Control-Allow-Headers": ", ".join(ALLOWED_HEADERS),
                "Access-Control-Max-Age": str(MAX_AGE_SECONDS),
            },
        )

    @staticmethod
    def _refusal() -> JSONResponse:
        return JSONResponse(
            {
                "data": None,
                "errors": [
                    {
                        "message": "Cookies are not accepted from this origin; list it in "
                        "PIXVAULT_CORS_ORIGINS or use an API token.",
                        "extensions": {"code": "FORBIDDEN_ORIGIN"},
                    }
                ],
            },
            status_code=403,
            headers={"Vary": "Origin"},
        )
