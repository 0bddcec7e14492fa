"""The Starlette app factory."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Mount, Route
from tortoise import connections

from pixvault import db
from pixvault.assets.delivery import Delivery
from pixvault.billing.metering import meter, run_pusher
from pixvault.billing.webhooks import stripe_webhook
from pixvault.consents.http import unsubscribe_endpoint
from pixvault.consents.unsubscribe import PATH as UNSUBSCRIBE_PATH
from pixvault.graph.schema import build_schema
from pixvault.graph.view import GraphQLView
from pixvault.http.logging import stamp_request_ids
from pixvault.http.middleware import PixvaultMiddleware
from pixvault.http.spa import SinglePageApp
from pixvault.jobs.periodic import run_in_process
from pixvault.mail import sender
from pixvault.mail.notify import LocalNotifier
from pixvault.privacy import runner
from pixvault.privacy.download import download_export
from pixvault.records.processors import processor_register
from pixvault.runtime import Runtime
from pixvault.settings import Settings


async def healthz(request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


async def readyz(request: Request) -> JSONResponse:
    runtime: Runtime = request.app.state.runtime
    checks: dict[str, bool] = {}
    try:
        await connections.get("default").execute_query("SELECT 1")
        checks["database"] = True
    except Exception:
        checks["database"] = False
    if runtime.settings.redis_url:
        checks["redis"] = await runtime.store.ping()
    ready = all(checks.values())
    return JSONResponse(
        {"status": "ready" if ready else "unavailable", "checks": checks},
        status_code=200 if ready else 503,
    )


def create_app(settings: Settings | None = None, *, manage_database: bool = True) -> Starlette:
    """Build the app. ``manage_database=False`` leaves connecting to the caller (tests)."""
    settings = (settings or Settings()).prepare()
    stamp_request_ids()
    processor_register(settings)  # an invalid processors file refuses to start
    runtime = Runtime.from_settings(settings)
    meter.attach(runtime.store)
    delivery = Delivery(runtime)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if manage_database:
            await db.connect(settings)
        stop = asyncio.Event()
        background: list[asyncio.Task[None]] = []
        try:
            await db.require_migrated(settings)
            await runner.resume(runtime.jobs, settings)
            background.append(asyncio.create_task(run_pusher(runtime.store, stop)))
            # Without Redis there is no worker: housekeeping and mail run in this process.
            if isinstance(runtime.mailer.notifier, LocalNotifier):
                mail = sender.run_in_process(
                    sender.OutboxSender(settings), runtime.mailer.notifier, stop
                )
                background += [
                    asyncio.create_task(run_in_process(runtime, stop)),
                    asyncio.create_task(mail),
                ]
            delivery.start()
            yield
        finally:
            stop.set()
            await asyncio.gather(*background)
            await delivery.stop()
            await runtime.close()
            if manage_database:
                await db.disconnect()

    view = GraphQLView(
        runtime,
        schema=build_schema(settings),
        graphql_ide="graphiql" if settings.introspection_enabled else None,
        allow_queries_via_get=True,
        multipart_uploads_enabled=True,
    )
    app = Starlette(
        middleware=[Middleware(PixvaultMiddleware, settings=settings)],
        routes=[
            Route("/healthz", healthz),
            Route("/readyz", readyz),
            Route("/graphql", view, methods=["GET", "POST"]),
            Route("/exports/{request_id:uuid}", download_export),
            Route("/webhooks/stripe", stripe_webhook, methods=["POST"]),
            Route(UNSUBSCRIBE_PATH, unsubscribe_endpoint, methods=["GET", "POST"]),
            Route("/i/{asset_id}", delivery.endpoint, methods=["GET", "HEAD"]),
            Route("/i/{asset_id}/{version}", delivery.endpoint, methods=["GET", "HEAD"]),
            Mount("/", SinglePageApp()),
        ],
        lifespan=lifespan,
    )
    app.state.runtime = runtime
    app.state.settings = settings
    app.state.delivery = delivery
    return app
