"""What a verified request of the newer kinds does at once: a RESTRICTION is placed, and an
objection to direct marketing honoured (see restriction.py and objection.py)."""

from __future__ import annotations

from pixvault.core.viewer import ClientInfo
from pixvault.privacy import objection, restriction
from pixvault.privacy.models import DataSubjectRequest
from pixvault.runtime import Runtime


async def after_verified(runtime: Runtime, request: DataSubjectRequest, client: ClientInfo) -> None:
    if request.status != "VERIFIED":
        return
    if request.kind == "RESTRICTION":
        await restriction.place(runtime, request)
    elif request.kind == "OBJECTION":
        await objection.take_effect(runtime, request, client)
