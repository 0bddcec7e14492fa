"""Optional OpenTelemetry tracing: spans exported over OTLP/HTTP to a local receiver, children
of the caller's traceparent, named by the GraphQL operation; and nothing loaded when off."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest

from tests.conftest import environment, sign_up


@contextmanager
def otlp_receiver() -> Iterator[tuple[str, list[ExportTraceServiceRequest]]]:
    """A collector's OTLP/HTTP trace endpoint on 127.0.0.1, keeping what it receives."""
    received: list[ExportTraceServiceRequest] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            if self.path == "/v1/traces":
                message = ExportTraceServiceRequest()
                message.ParseFromString(body)
                received.append(message)
            self.send_response(200)
            self.send_header("Content-Type", "application/x-protobuf")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", received
    finally:
        server.shutdown()
        server.server_close()


async def test_requests_become_spans_of_the_callers_trace(tmp_path: Path) -> None:
    trace = "4bf92f3577b34da6a3ce929d0e0e4736"
    parent = "00f067aa0ba902b7"
    with otlp_receiver() as (endpoint, received):
        async with environment(tmp_path, otel_endpoint=endpoint) as env:
            async with env.client() as c:
                user = await sign_up(c)
                response = await c.post(
                    "/graphql",
                    json={"query": "query WhoAmI { me { id } }"},
                    headers={"traceparent": f"00-{trace}-{parent}-01"},
                )
                assert response.status_code == 200
                await c.get("/healthz")
            tracing = env.app.state.tracing  # type: ignore[attr-defined]
            assert tracing.force_flush()
            tracing.shutdown()
    spans = [
        span
        for request in received
        for resource in request.resource_spans
        for scope in resource.scope_spans
        for span in scope.spans
    ]
    mine = [s for s in spans if s.trace_id.hex() == trace]
    assert len(mine) == 1, spans
    span = mine[0]
    assert span.parent_span_id.hex() == parent and span.name == "POST /graphql"
    attributes = {a.key: a.value for a in span.attributes}
    assert attributes["graphql.operation.name"].string_value == "WhoAmI"
    assert attributes["enduser.id"].string_value == user["id"]
    assert attributes["http.response.status_code"].int_value == 200
    others = [s for s in spans if s.trace_id.hex() != trace]
    assert {s.name for s in others} >= {"GET /healthz"}, "a new trace without a traceparent"


def test_off_loads_no_tracing_code(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from pixvault.app import create_app\n"
        "from pixvault.core.settings import Settings\n"
        f"create_app(Settings(data_dir={str(tmp_path)!r}))\n"
        "print(sorted(m for m in sys.modules if m.startswith('opentelemetry')))\n"
    )
    env = {"PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert done.stdout.strip() == "[]"
