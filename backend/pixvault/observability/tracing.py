"""Optional OpenTelemetry tracing: one server span per HTTP request, exported over OTLP/HTTP.

On only when PIXVAULT_OTEL_ENDPOINT (or the standard OTEL_EXPORTER_OTLP_ENDPOINT) is set; off,
the SDK is not even imported and a request pays one ``is None`` check. An incoming W3C
traceparent makes the request's span a child of the caller's, so traces cross the proxy.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from pixvault.core.settings import Settings
from pixvault.observability.incoming import Incoming

if TYPE_CHECKING:
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.trace import Span


class Tracing:
    def __init__(self, endpoint: str) -> None:
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
        from opentelemetry.sdk.resources import Resource
        from opentelemetry.sdk.trace import TracerProvider
        from opentelemetry.sdk.trace.export import BatchSpanProcessor

        self.provider: TracerProvider = TracerProvider(
            resource=Resource.create({"service.name": "pixvault"})
        )
        exporter = OTLPSpanExporter(endpoint=endpoint.rstrip("/") + "/v1/traces")
        self.provider.add_span_processor(BatchSpanProcessor(exporter))
        self.tracer = self.provider.get_tracer("pixvault")

    @contextmanager
    def request_span(self, method: str, path: str, identity: Incoming) -> Iterator[Span]:
        from opentelemetry import trace
        from opentelemetry.trace import (
            NonRecordingSpan,
            SpanContext,
            SpanKind,
            TraceFlags,
        )

        parent = None
        if identity.trace_id and identity.parent_span_id:
            remote = SpanContext(
                trace_id=int(identity.trace_id, 16),
                span_id=int(identity.parent_span_id, 16),
                is_remote=True,
                trace_flags=TraceFlags(TraceFlags.SAMPLED),
            )
            parent = trace.set_span_in_context(NonRecordingSpan(remote))
        with self.tracer.start_as_current_span(
            f"{method} {path}", context=parent, kind=SpanKind.SERVER
        ) as span:
            span.set_attribute("http.request.method", method)
            span.set_attribute("url.path", path)
            yield span

    def force_flush(self) -> bool:
        return bool(self.provider.force_flush())

    def shutdown(self) -> None:
        self.provider.shutdown()


def trace_id_of(span: Span) -> str:
    return format(span.get_span_context().trace_id, "032x")


def make_tracing(settings: Settings) -> Tracing | None:
    return Tracing(settings.otel_endpoint) if settings.otel_endpoint else None
