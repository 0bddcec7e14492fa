"""updateProfile, confirmEmailChange, changePassword, revokeSession and setUserRoles."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from pixvault.accounts import profile
from pixvault.accounts.hooks import hooks
from pixvault.accounts.models import Session as SessionRow
from pixvault.accounts.payloads import UserPayload
from pixvault.accounts.sessions import SessionService, clear_session_cookie
from pixvault.accounts.types import User
from pixvault.core.errors import UserFacingError
from pixvault.core.ids import parse_uuid
from pixvault.core.roles import Role
from pixvault.graphkit.context import Context
from pixvault.graphkit.payloads import OkPayload, require_user, returns_errors


@strawberry.input(description="The profile fields to change; null leaves a field as it is.")
class UpdateProfileInput:
    name: str | None = strawberry.field(default=None, description="A new name.")
    email: str | None = strawberry.field(
        default=None, description="takes effect once the link sent to the new address is followed"
    )
    company_name: str | None = strawberry.field(
        default=None, description="A new company name; an empty string removes it."
    )


@strawberry.type
class ProfileMutations:
    @strawberry.mutation(
        description="Correct your own profile. A new email waits for its confirmation link."
    )
    @returns_errors(UserPayload)
    async def update_profile(
        self,
        info: Info[Context, None],
        input: Annotated[UpdateProfileInput, strawberry.argument(description="What to change.")],
    ) -> UserPayload:
        context = info.context
        await hooks().before_own_change(require_user(context))
        user, _ = await profile.update_profile(
            context.runtime,
            context.viewer,
            name=input.name,
            email=input.email,
            company_name=input.company_name,
        )
        return UserPayload(user=User.from_model(user), errors=[])

    @strawberry.mutation(description="Confirm an email change with the token from its link.")
    @returns_errors(OkPayload)
    async def confirm_email_change(
        self,
        token: Annotated[
            str,
            strawberry.argument(description="The token from the link mailed to the new address."),
        ],
    ) -> OkPayload:
        await profile.confirm_email_change(token)
        return OkPayload.success()

    @strawberry.mutation(
        description="Change your password; your other sessions end, this one stays."
    )
    @returns_errors(OkPayload)
    async def change_password(
        self,
        info: Info[Context, None],
        current_password: Annotated[
            str, strawberry.argument(description="The password now, to prove it is you.")
        ],
        new_password: Annotated[
            str, strawberry.argument(description="The new password: 10 to 256 characters.")
        ],
    ) -> OkPayload:
        context = info.context
        await hooks().before_own_change(require_user(context))
        await profile.change_password(
            context.runtime, context.viewer, current_password, new_password
        )
        return OkPayload.success()

    @strawberry.mutation(
        description="Log out one of your sessions (User.sessions), e.g. a lost phone; revoking "
        "the current one also clears its cookie."
    )
    @returns_errors(OkPayload)
    async def revoke_session(
        self,
        info: Info[Context, None],
        id: Annotated[strawberry.ID, strawberry.argument(description="The session's id.")],
    ) -> OkPayload:
        context = info.context
        user_id = require_user(context)
        key = parse_uuid(id)
        session = await SessionRow.get_or_none(id=key, user_id=user_id) if key else None
        if session is None:
            raise UserFacingError("NOT_FOUND", "No such session.", "id")
        settings = context.runtime.settings
        await SessionService(settings, context.runtime.store).end(session)
        if str(session.id) == context.viewer.session_id:
            clear_session_cookie(context.response, settings)
        return OkPayload.success()

    @strawberry.mutation(
        description="Replace a user's roles (CUSTOMER is always kept). Audited; an ADMIN cannot "
        "remove their own ADMIN role."
    )
    @returns_errors(UserPayload)
    async def set_user_roles(
        self,
        info: Info[Context, None],
        user_id: Annotated[strawberry.ID, strawberry.argument(description="The user's id.")],
        roles: Annotated[
            list[Role], strawberry.argument(description="Every role the user should hold.")
        ],
    ) -> UserPayload:
        context = info.context
        key = parse_uuid(user_id)
        if key is None:
            raise UserFacingError("NOT_FOUND", "No such user.", "userId")
        user = await profile.set_user_roles(context.viewer, str(key), roles)
        return UserPayload(user=User.from_model(user), errors=[])
