"""The Starlette app factory."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Mount, Route

from pixvault import db
from pixvault.assets.delivery import Delivery
from pixvault.billing.metering import meter, run_pusher
from pixvault.billing.webhooks import stripe_webhook
from pixvault.consents.http import unsubscribe_endpoint
from pixvault.consents.unsubscribe import PATH as UNSUBSCRIBE_PATH
from pixvault.core.logs import stamp_request_ids
from pixvault.core.settings import Settings
from pixvault.graph import ide
from pixvault.graph.schema import build_schema
from pixvault.graph.view import GraphQLView
from pixvault.http.cors import CorsMiddleware
from pixvault.http.metrics import metrics_endpoint
from pixvault.http.middleware import PixvaultMiddleware
from pixvault.http.spa import SinglePageApp
from pixvault.mail import sender
from pixvault.mail.notify import LocalNotifier
from pixvault.observability.tracing import make_tracing
from pixvault.periodic import run_in_process
from pixvault.privacy import runner
from pixvault.privacy.download import download_export
from pixvault.readiness import readiness, report
from pixvault.records.processors import processor_register
from pixvault.runtime import Runtime


async def healthz(request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


async def readyz(request: Request) -> JSONResponse:
    """Every configured dependency, checked for real (readiness.py); 503 when one fails."""
    body = report(await readiness(request.app.state.runtime))
    return JSONResponse(body, status_code=200 if body["status"] == "ready" else 503)


def create_app(
    settings: Settings | None = None, *, manage_database: bool = True, freeze_heap: bool = False
) -> Starlette:
    """Build the app. ``manage_database=False`` leaves connecting to the caller (tests).

    ``freeze_heap`` (the served app, pixvault/asgi.py) moves every object alive once the app
    has started (modules, the schema, settings) out of the garbage collector's reach: they live
    as long as the process, and without this every full collection walks them again, a few
    per cent of a request's CPU. Not for tests, which build many apps in one process.
    """
    settings = (settings or Settings()).prepare()
    stamp_request_ids()
    processor_register(settings)  # an invalid processors file refuses to start
    runtime = Runtime.from_settings(settings)
    tracing = make_tracing(settings)
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
            if freeze_heap:
                gc.freeze()
            yield
        finally:
            stop.set()
            await asyncio.gather(*background)
            await delivery.stop()
            await runtime.close()
            if manage_database:
                await db.disconnect()
            if tracing is not None:
                tracing.shutdown()

    view = GraphQLView(
        runtime,
        schema=build_schema(settings),
        graphql_ide="graphiql" if settings.introspection_enabled else None,
        allow_queries_via_get=True,
        multipart_uploads_enabled=True,
    )
    # Without a token there is no /metrics route at all: it answers 404 like any unknown path.
    metrics = [Route("/metrics", metrics_endpoint)] if settings.metrics_token else []
    graphiql = [Mount("/graphql/ide", ide.assets())] if settings.introspection_enabled else []
    app = Starlette(
        middleware=[
            Middleware(CorsMiddleware, settings=settings),
            Middleware(PixvaultMiddleware, settings=settings, tracing=tracing),
        ],
        routes=[
            Route("/healthz", healthz),
            Route("/readyz", readyz),
            *metrics,
            Route("/graphql", view, methods=["GET", "POST"]),
            *graphiql,
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
    app.state.tracing = tracing
    return app
