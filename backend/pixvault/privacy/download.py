"""GET /exports/{id}: the export ZIP, for its subject alone, behind a signed, expiring link."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response, StreamingResponse

from pixvault.accounts.authentication import authenticate, client_info
from pixvault.accounts.scopes import ApiScope
from pixvault.core.client_ip import client_ip
from pixvault.core.clock import now
from pixvault.core.logs import annotate
from pixvault.privacy.models import DataSubjectRequest
from pixvault.privacy.signing import verify
from pixvault.runtime import Runtime


async def download_export(request: Request) -> Response:
    runtime: Runtime = request.app.state.runtime
    settings = runtime.settings
    annotate(delivery="export")
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
    if row.subject_id is None:  # type: ignore[attr-defined]
        # Someone without an account: the signed link, sent to the verified address, is the
        # only key there is.
        return await _send_export(runtime, row)
    auth = await authenticate(
        request, runtime, client_info(request, client_ip(request.scope, settings))
    )
    if auth.viewer.user_id is None:
        return PlainTextResponse("Sign in to download your data.", status_code=401)
    if not auth.viewer.may(ApiScope.ACCOUNT_READ):
        return PlainTextResponse("This API token lacks the account:read scope.", status_code=403)
    if auth.viewer.user_id != str(row.subject_id):  # type: ignore[attr-defined]
        return PlainTextResponse("This export is not yours.", status_code=403)
    return await _send_export(runtime, row)


async def _send_export(runtime: Runtime, row: DataSubjectRequest) -> Response:
    found = await runtime.storage.open(row.export_key) if row.export_key else None
    if found is None:
        return PlainTextResponse("Not found.", status_code=404)
    name = f"pixvault-data-{row.received_at.date().isoformat()}.zip"
    headers = {
        "Cache-Control": "private, no-store",
        "Content-Disposition": f'attachment; filename="{name}"',
    }
    if found.path is not None:
        return FileResponse(found.path, media_type="application/zip", headers=headers)
    headers["Content-Length"] = str(found.size)
    return StreamingResponse(found.chunks, media_type="application/zip", headers=headers)
