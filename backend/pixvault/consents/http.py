"""The unsubscribe URL of marketing mail's List-Unsubscribe header (RFC 8058).

POST unsubscribes: mail clients send ``List-Unsubscribe=One-Click`` there, and the page's own
button posts the same. GET only shows that button, because link scanners and prefetchers follow
links in mail and must not unsubscribe anyone by doing so.
"""

from __future__ import annotations

from html import escape
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import HTMLResponse

from pixvault.accounts.authentication import client_info
from pixvault.consents.unsubscribe import PATH, unsubscribe
from pixvault.core.client_ip import client_ip
from pixvault.core.errors import UserFacingError
from pixvault.runtime import Runtime

_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Pixvault: {title}</title></head>
<body style="font-family: sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem">
<main><h1>{title}</h1>{content}</main></body></html>"""


def _page(title: str, content: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(_PAGE.format(title=escape(title), content=content), status_code=status)


async def unsubscribe_endpoint(request: Request) -> HTMLResponse:
    token = request.query_params.get("token", "")
    if request.method == "GET":
        action = f"{PATH}?token={quote(token, safe='')}"
        return _page(
            "Unsubscribe from marketing email",
            f"<p>Stop receiving marketing email from Pixvault? Service messages about your "
            f"account, such as policy notices, still arrive.</p>"
            f'<form method="post" action="{escape(action)}">'
            f'<button type="submit">Unsubscribe</button></form>',
        )
    runtime: Runtime = request.app.state.runtime
    client = client_info(request, client_ip(request.scope, runtime.settings))
    try:
        await unsubscribe(runtime.settings, token, client)
    except UserFacingError as error:
        return _page("Unsubscribe failed", f"<p>{escape(error.message)}</p>", status=400)
    return _page(
        "You are unsubscribed",
        "<p>Pixvault will send you no more marketing email. You can change this at any time "
        "in your account's privacy settings.</p>",
    )
