"""signUp, logIn and logOut: the mutations that set or clear the session cookie."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from pixvault.accounts import authentication, limits, registration
from pixvault.accounts.activity import ActivityKind, record_activity
from pixvault.accounts.hooks import hooks
from pixvault.accounts.models import Session as SessionRow
from pixvault.accounts.models import User as UserRow
from pixvault.accounts.payloads import AuthPayload
from pixvault.accounts.second_step import TwoFactorChallenge
from pixvault.accounts.sessions import (
    IssuedSession,
    SessionService,
    clear_session_cookie,
    cookie_name,
    set_session_cookie,
)
from pixvault.accounts.types import User
from pixvault.core.errors import UserFacingError
from pixvault.core.ratelimit import allow
from pixvault.graphkit.context import Context
from pixvault.graphkit.payloads import OkPayload, returns_errors


@strawberry.input(description="What the sign-up form asks for.")
class SignUpInput:
    name: str = strawberry.field(description="The person's name, as they want to be addressed.")
    email: str = strawberry.field(
        description="The address to log in with; must not belong to another account."
    )
    password: str = strawberry.field(description="10 to 256 characters.")
    company_name: str | None = strawberry.field(
        default=None, description="The company to bill as; null for a private person."
    )
    marketing_emails: bool | None = strawberry.field(
        default=False, description="consents given on the sign-up form; NECESSARY is implied"
    )
    accept_policies: bool = strawberry.field(
        description="The person accepts the current terms and privacy policy; false refuses "
        "the sign-up."
    )
    minimum_age_confirmed: bool | None = strawberry.field(
        default=None,
        description="the person confirms they are at least Query.minimumAge years old; "
        "omitted or false refuses the sign-up (UNDER_MINIMUM_AGE)",
    )


@strawberry.input(description="Email and password; see logIn for a second factor.")
class LogInInput:
    email: str = strawberry.field(description="The account's email address.")
    password: str = strawberry.field(description="The account's password.")
    remember_me: bool | None = strawberry.field(
        default=False,
        description="true: a persistent cookie; false: a browser-session cookie",
    )


async def _end_current(context: Context) -> None:
    """A new log-in replaces whatever session this browser held."""
    token = context.request.cookies.get(cookie_name(context.runtime.settings))
    if token:
        service = SessionService(context.runtime.settings, context.runtime.store)
        found = await service.authenticate(token)
        if found:
            await service.end(found[0], token)


async def _adopt_visitor(context: Context, user_id: str) -> None:
    """The anonymous visitor's consent decisions carry over to the account; the visitor cookie
    has then done its job."""
    await hooks().signed_in(
        user_id,
        context.viewer.client,
        context.request,
        context.response,
        context.runtime.settings,
    )


async def finish_log_in(context: Context, user: UserRow, issued: IssuedSession) -> AuthPayload:
    """Hand a new session to the browser (after the password, and the code when one is asked)."""
    await _end_current(context)
    await _adopt_visitor(context, str(user.id))
    set_session_cookie(
        context.response, context.runtime.settings, issued.token, issued.session.persistent
    )
    context.viewer.user_id, context.viewer.session_id = str(user.id), str(issued.session.id)
    return AuthPayload(user=User.from_model(user), errors=[])


@strawberry.type
class LogInMutations:
    @strawberry.mutation(
        description="Create an account and log it in (a browser-session cookie). Throttled "
        "per IP address (RATE_LIMITED)."
    )
    @returns_errors(AuthPayload)
    async def sign_up(
        self,
        info: Info[Context, None],
        input: Annotated[SignUpInput, strawberry.argument(description="The sign-up form.")],
    ) -> AuthPayload:
        context = info.context
        runtime, client = context.runtime, context.viewer.client
        if not await allow(runtime.store, limits.SIGN_UPS_PER_IP, client.ip_address or "-"):
            raise UserFacingError("RATE_LIMITED", "Too many sign-ups. Try again later.")
        user = await registration.sign_up(
            runtime.passwords,
            client,
            email=input.email,
            name=input.name,
            password=input.password,
            company_name=input.company_name,
            accept_policies=input.accept_policies,
            marketing_emails=bool(input.marketing_emails),
            visitor_id=hooks().visitor_of(context.request),
            minimum_age=runtime.settings.minimum_age,
            minimum_age_confirmed=input.minimum_age_confirmed,
        )
        await _end_current(context)
        await _adopt_visitor(context, str(user.id))
        issued = await SessionService(runtime.settings, runtime.store).start(user, False, client)
        set_session_cookie(context.response, runtime.settings, issued.token, persistent=False)
        context.viewer.user_id, context.viewer.session_id = str(user.id), str(issued.session.id)
        return AuthPayload(user=User.from_model(user), errors=[])

    @strawberry.mutation(
        description="Log in with email and password, setting the session cookie. With two-factor "
        "log-in on, answers TWO_FACTOR_REQUIRED and a twoFactorChallenge for completeLogIn."
    )
    @returns_errors(AuthPayload)
    async def log_in(
        self,
        info: Info[Context, None],
        input: Annotated[LogInInput, strawberry.argument(description="Email and password.")],
    ) -> AuthPayload:
        context = info.context
        try:
            user, issued = await authentication.log_in(
                context.runtime,
                context.viewer.client,
                email=input.email,
                password=input.password,
                remember_me=bool(input.remember_me),
            )
        except TwoFactorChallenge as challenge:
            # Not a failure like the others: the payload also carries the challenge token.
            return AuthPayload(
                user=None, errors=[challenge.as_user_error()], two_factor_challenge=challenge.token
            )
        return await finish_log_in(context, user, issued)

    @strawberry.mutation(
        description="End the current session and clear its cookie; ok even when not signed in."
    )
    async def log_out(self, info: Info[Context, None]) -> OkPayload:
        context = info.context
        viewer = context.viewer
        settings = context.runtime.settings
        if viewer.session_id is not None and viewer.user_id is not None:
            session = await SessionRow.get(id=viewer.session_id)
            token = context.request.cookies.get(cookie_name(settings))
            await SessionService(settings, context.runtime.store).end(session, token)
            await record_activity(viewer.user_id, ActivityKind.LOG_OUT, viewer.client)
        clear_session_cookie(context.response, settings)
        return OkPayload.success()
