"""GET /exports/{id}: the export ZIP, for its subject alone, behind a signed, expiring link."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response

from pixvault.accounts.authentication import authenticate, client_info
from pixvault.clock import now
from pixvault.http.client_ip import client_ip
from pixvault.privacy.exports import export_path
from pixvault.privacy.models import DataSubjectRequest
from pixvault.privacy.signing import verify
from pixvault.runtime import Runtime


async def download_export(request: Request) -> Response:
    runtime: Runtime = request.app.state.runtime
    settings = runtime.settings
    request_id = request.path_params["request_id"]
    params = request.query_params
    if not verify(
        settings.ensure_secret(),
        f"/exports/{request_id}",
        params.get("expires", ""),
        params.get("signature", ""),
        now(),
    ):
        return PlainTextResponse("This link is invalid or has expired.", status_code=403)
    row = await DataSubjectRequest.get_or_none(id=request_id)
    if row is None or row.export_key is None or row.status != "COMPLETED":
        return PlainTextResponse("Not found.", status_code=404)
    auth = await authenticate(
        request, runtime, client_info(request, client_ip(request.scope, settings))
    )
    if auth.viewer.user_id is None:
        return PlainTextResponse("Sign in to download your data.", status_code=401)
    if auth.viewer.user_id != str(row.subject_id):  # type: ignore[attr-defined]
        return PlainTextResponse("This export is not yours.", status_code=403)
    path = export_path(settings, str(row.id))
    if not path.exists():
        return PlainTextResponse("Not found.", status_code=404)
    return FileResponse(
        path,
        media_type="application/zip",
        filename=f"pixvault-data-{row.received_at.date().isoformat()}.zip",
        headers={"Cache-Control": "private, no-store"},
    )
