"""Local servers tests start themselves on 127.0.0.1: moto's S3 and a small HTTP server."""

from __future__ import annotations

import threading
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import ExitStack, asynccontextmanager, contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any

import boto3
import pytest
from moto.server import ThreadedMotoServer

from pixvault.storage.s3 import S3Storage
from tests.live import free_port

if TYPE_CHECKING:
    from tests.conftest import Env

S3_KEY_ID = "testing-key-id"
S3_SECRET = "testing-secret"


@dataclass
class S3Server:
    endpoint_url: str

    def client(self) -> Any:
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            aws_access_key_id=S3_KEY_ID,
            aws_secret_access_key=S3_SECRET,
            region_name="us-east-1",
        )

    def new_bucket(self) -> str:
        name = f"pixvault-{uuid.uuid4().hex[:12]}"
        self.client().create_bucket(Bucket=name)
        return name

    def storage(self, bucket: str, prefix: str = "") -> S3Storage:
        return S3Storage(
            bucket=bucket,
            prefix=prefix,
            endpoint_url=self.endpoint_url,
            access_key_id=S3_KEY_ID,
            secret_access_key=S3_SECRET,
        )

    def settings_overrides(self, bucket: str, prefix: str = "pv") -> dict[str, str]:
        return {
            "storage_url": f"s3://{bucket}/{prefix}",
            "s3_endpoint_url": self.endpoint_url,
            "s3_access_key_id": S3_KEY_ID,
            "s3_secret_access_key": S3_SECRET,
        }


@contextmanager
def moto_s3() -> Iterator[S3Server]:
    """moto's standalone S3 server on a free local port."""
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield S3Server(endpoint_url=f"http://127.0.0.1:{port}")
    finally:
        server.stop()


Handler = Callable[[BaseHTTPRequestHandler], None]


@contextmanager
def http_server(routes: dict[str, Handler]) -> Iterator[int]:
    """A threaded HTTP server on 127.0.0.1 answering GETs from ``routes`` (path to handler)."""

    class RequestHandler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            handler = routes.get(self.path)
            if handler is None:
                self.send_error(404)
                return
            handler(self)

        def log_message(self, format: str, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), RequestHandler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


BACKENDS = ["filesystem", "s3"]
#: ``pytestmark = ON_EVERY_BACKEND`` runs each test of a module that uses ``env`` once per
#: backend (conftest's pytest_generate_tests; its ``env`` then opens through ``backend_env``).
ON_EVERY_BACKEND = pytest.mark.every_backend


@asynccontextmanager
async def backend_env(backend: str, data_dir: Path) -> AsyncIterator[Env]:
    """A test Env (as conftest's ``env``) storing assets on the filesystem or in moto's S3."""
    from tests.conftest import close_env, open_env

    with ExitStack() as stack:
        overrides: dict[str, str] = {}
        if backend == "s3":
            server = stack.enter_context(moto_s3())
            overrides = server.settings_overrides(server.new_bucket())
        environment, pg = await open_env(data_dir, **overrides)
        try:
            yield environment
        finally:
            await close_env(environment, pg)


@dataclass
class Recorded:
    """One request a recording server received."""

    path: str
    headers: dict[str, str]
    body: bytes


@contextmanager
def recording_server(statuses: list[int]) -> Iterator[tuple[str, list[Recorded]]]:
    """A threaded HTTP server on 127.0.0.1 that records every POST and answers each with the
    next of ``statuses`` (the last one from then on); yields its URL and the records."""
    received: list[Recorded] = []
    lock = threading.Lock()

    class RequestHandler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            with lock:
                received.append(Recorded(self.path, dict(self.headers.items()), body))
                status = statuses[min(len(received), len(statuses)) - 1]
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), RequestHandler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/purge", received
    finally:
        server.shutdown()
        server.server_close()
