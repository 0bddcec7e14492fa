"""What a verified request of the newer kinds does at once: a RESTRICTION is placed, and an
objection to direct marketing honoured (see restriction.py, objection.py, and guest_rights.py
for people without an account)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pixvault.core.viewer import ClientInfo
from pixvault.privacy import guest_rights, objection, restriction
from pixvault.privacy.models import DataSubjectRequest

if TYPE_CHECKING:
    from pixvault.runtime import Runtime


async def after_verified(runtime: Runtime, request: DataSubjectRequest, client: ClientInfo) -> None:
    if request.status != "VERIFIED":
        return
    if request.kind == "RESTRICTION" and request.subject_id is None:  # type: ignore[attr-defined]
        await guest_rights.restrict(runtime, request)
    elif request.kind == "RESTRICTION":
        await restriction.place(runtime, request)
    elif request.kind == "OBJECTION":
        await objection.take_effect(runtime, request, client)
