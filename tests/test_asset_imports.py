"""importAssetFromUrl: public http(s) only, checked at every connection, within limits."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Iterator
from http.server import BaseHTTPRequestHandler
from ipaddress import ip_address
from typing import Any

import httpx
import pytest

from pixvault.assets.netguard import allowed, is_public
from pixvault.core.settings import Settings, UnsafeSettingsError
from tests.conftest import Env, gql, setting
from tests.media import SVG, encode, exif_blob, signed_in
from tests.servers import ON_EVERY_BACKEND, http_server

pytestmark = ON_EVERY_BACKEND

IMPORT = """
mutation($url: String!, $visibility: Visibility, $folder: String) {
  importAssetFromUrl(url: $url, visibility: $visibility, folder: $folder) {
    asset { id filename contentType width height visibility folder hasLocationData }
    errors { field code message }
  }
}
"""

PHOTO = encode(".jpg", width=64, height=48, exif=exif_blob())


def send(body: bytes, content_type: str = "image/jpeg", length: bool = True) -> Any:
    def handler(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Type", content_type)
        if length:
            request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        request.wfile.write(body)

    return handler


def redirect(location: str) -> Any:
    def handler(request: BaseHTTPRequestHandler) -> None:
        request.send_response(302)
        request.send_header("Location", location)
        request.send_header("Content-Length", "0")
        request.end_headers()

    return handler


def trickle(request: BaseHTTPRequestHandler) -> None:
    request.send_response(200)
    request.send_header("Content-Type", "image/jpeg")
    request.end_headers()
    for _ in range(40):
        request.wfile.write(PHOTO[:10])
        request.wfile.flush()
        time.sleep(0.1)


@pytest.fixture(scope="module")
def elsewhere() -> Iterator[int]:
    """A second local server with the same photo, on a port imports may NOT reach: if a check
    failed, importing from it would succeed."""
    with http_server({"/photo.jpg": send(PHOTO)}) as port:
        yield port


@pytest.fixture(scope="module")
def server(elsewhere: int) -> Iterator[int]:
    routes = {
        "/photo.jpg": send(PHOTO),
        "/to-photo": redirect("/photo.jpg"),
        "/to-loopback": redirect(f"http://127.0.0.1:{elsewhere}/photo.jpg"),
        "/to-localhost": redirect(f"http://localhost:{elsewhere}/photo.jpg"),
        "/to-metadata": redirect("http://169.254.169.254/latest/meta-data/"),
        "/to-odd-port": redirect("http://images.example:8443/photo.jpg"),
        "/loop": redirect("/loop"),
        "/missing": lambda r: r.send_error(404),
        "/big": send(PHOTO + b"\0" * 5000),
        "/big-unannounced": send(PHOTO + b"\0" * 5000, length=False),
        "/slow": trickle,
        "/drawing.svg": send(SVG, "image/svg+xml"),
    }
    with http_server(routes) as port:
        yield port


@pytest.fixture
async def client(env: Env, server: int) -> AsyncIterator[httpx.AsyncClient]:
    """Signed in, with only ``server``'s port open to imports (the test-only setting)."""
    with setting(env, "test_loopback_import_ports", str(server)):
        async with signed_in(env) as (client, _):
            yield client


async def imported(client: httpx.AsyncClient, url: str, **variables: Any) -> dict[str, Any]:
    result = await gql(client, IMPORT, {"url": url, **variables})
    payload: dict[str, Any] = result.data["importAssetFromUrl"]
    return payload


def code_of(payload: dict[str, Any]) -> str:
    assert payload["asset"] is None, payload
    code: str = payload["errors"][0]["code"]
    return code


async def test_an_image_is_imported_like_an_upload(client: httpx.AsyncClient, server: int) -> None:
    payload = await imported(
        client, f"http://127.0.0.1:{server}/photo.jpg", visibility="PUBLIC", folder="Web"
    )
    assert payload["errors"] == []
    asset = payload["asset"]
    assert asset["filename"] == "photo.jpg"
    assert (asset["contentType"], asset["width"], asset["height"]) == ("image/jpeg", 64, 48)
    assert (asset["visibility"], asset["folder"]) == ("PUBLIC", "Web")
    assert asset["hasLocationData"] is True


async def test_private_is_the_default_and_redirects_are_followed(
    client: httpx.AsyncClient, server: int
) -> None:
    payload = await imported(client, f"http://127.0.0.1:{server}/to-photo")
    assert payload["errors"] == []
    assert payload["asset"]["visibility"] == "PRIVATE"
    assert payload["asset"]["filename"] == "photo.jpg"


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:{elsewhere}/photo.jpg",
        "http://localhost:{elsewhere}/photo.jpg",
        "http://[::1]:{elsewhere}/photo.jpg",
        "http://[::ffff:127.0.0.1]:{elsewhere}/photo.jpg",
        "http://0.0.0.0:{elsewhere}/photo.jpg",
        "http://10.0.0.1/photo.jpg",
        "http://192.168.1.1/photo.jpg",
        "http://172.16.0.1/photo.jpg",
        "http://169.254.169.254/latest/meta-data/",
        "http://100.100.100.200/latest/meta-data/",
        "http://[fd00:ec2::254]/latest/meta-data/",
        "http://[fe80::1]/photo.jpg",
        "http://224.0.0.1/photo.jpg",
        "https://127.0.0.1:{elsewhere}/photo.jpg",
        "http://127.0.0.1:{server}/to-loopback",
        "http://127.0.0.1:{server}/to-localhost",
        "http://127.0.0.1:{server}/to-metadata",
    ],
)
async def test_internal_addresses_are_refused_however_reached(
    env: Env, client: httpx.AsyncClient, server: int, elsewhere: int, url: str
) -> None:
    # elsewhere's port is an allowed import port here, so the address is what refuses it.
    with (
        setting(env, "import_timeout_seconds", 5.0),
        setting(env, "import_ports", f"80,443,{elsewhere}"),
    ):
        payload = await imported(client, url.format(server=server, elsewhere=elsewhere))
    assert code_of(payload) == "FORBIDDEN_ADDRESS"


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.com/photo.jpg",
        "file:///etc/passwd",
        "gopher://example.com/",
        "http:///photo.jpg",
        "not a url",
        "http://user:secret@example.com/photo.jpg",
    ],
)
async def test_only_http_and_https_urls(client: httpx.AsyncClient, url: str) -> None:
    assert code_of(await imported(client, url)) == "INVALID_URL"


@pytest.mark.parametrize(
    "url",
    [
        "http://images.example:8080/photo.jpg",
        "https://images.example:22/photo.jpg",
        "http://images.example:6379/",
        "http://127.0.0.1:{server}/to-odd-port",
    ],
)
async def test_imports_use_only_ports_80_and_443_by_default(
    client: httpx.AsyncClient, server: int, url: str
) -> None:
    """Refused before any name is resolved, directly or through a redirect."""
    payload = await imported(client, url.format(server=server))
    assert code_of(payload) == "FORBIDDEN_PORT"
    assert payload["errors"][0]["message"] == "Imports may only use the ports 80, 443."
    assert code_of(await imported(client, "http://images.example:99999/x.jpg")) == "INVALID_URL"


def test_the_connection_is_checked_for_its_port_too() -> None:
    ports = Settings().import_port_set
    assert ports == frozenset({80, 443})
    assert allowed("93.184.216.34", 443, frozenset(), ports)
    assert not allowed("93.184.216.34", 8080, frozenset(), ports)


async def test_imports_are_limited_per_account(
    env: Env, client: httpx.AsyncClient, server: int
) -> None:
    url = f"http://127.0.0.1:{server}/photo.jpg"
    with setting(env, "imports_per_hour", 2):
        for _ in range(2):
            assert (await imported(client, url))["errors"] == []
        refused = await imported(client, url)
        assert code_of(refused) == "RATE_LIMITED"
        async with signed_in(env) as (other, _):
            assert (await imported(other, url))["errors"] == [], "the limit is per account"


async def test_size_limit_with_and_without_content_length(
    env: Env, client: httpx.AsyncClient, server: int
) -> None:
    with setting(env, "max_upload_bytes", len(PHOTO) + 100):
        for path in ("/big", "/big-unannounced"):
            payload = await imported(client, f"http://127.0.0.1:{server}{path}")
            assert code_of(payload) == "FILE_TOO_LARGE", path
        ok = await imported(client, f"http://127.0.0.1:{server}/photo.jpg")
        assert ok["errors"] == []


async def test_time_limit(env: Env, client: httpx.AsyncClient, server: int) -> None:
    with setting(env, "import_timeout_seconds", 1.0):
        payload = await imported(client, f"http://127.0.0.1:{server}/slow")
    assert code_of(payload) == "IMPORT_TIMEOUT"


async def test_failures_are_user_errors(client: httpx.AsyncClient, server: int) -> None:
    base = f"http://127.0.0.1:{server}"
    assert code_of(await imported(client, f"{base}/missing")) == "IMPORT_FAILED"
    assert code_of(await imported(client, f"{base}/loop")) == "IMPORT_FAILED"
    assert code_of(await imported(client, f"{base}/drawing.svg")) == "UNSUPPORTED_TYPE"
    assert code_of(await imported(client, "http://nonexistent.invalid/x.jpg")) == "IMPORT_FAILED"


async def test_anonymous_imports_are_refused(env: Env, server: int) -> None:
    async with env.client() as anonymous:
        payload = await imported(anonymous, f"http://127.0.0.1:{server}/photo.jpg")
    assert code_of(payload) == "UNAUTHENTICATED"


def test_the_loopback_test_setting_is_refused_in_production() -> None:
    settings = Settings(
        env="production",
        secret_key="s" * 40,
        database_url="postgres://db/pixvault",
        public_url="https://pixvault.example",
        test_loopback_import_ports="8080",
    )
    with pytest.raises(UnsafeSettingsError, match="TEST_LOOPBACK_IMPORT_PORTS"):
        settings.check_production()


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.216.34", True),
        ("2606:2800:220:1:248:1893:25c8:1946", True),
        ("127.0.0.1", False),
        ("127.8.9.10", False),
        ("::1", False),
        ("10.1.2.3", False),
        ("172.31.255.255", False),
        ("192.168.0.1", False),
        ("169.254.169.254", False),
        ("100.64.0.1", False),
        ("0.0.0.0", False),
        ("255.255.255.255", False),
        ("224.0.0.251", False),
        ("239.255.255.250", False),
        ("ff02::1", False),
        ("fe80::1", False),
        ("fc00::1", False),
        ("::ffff:10.0.0.1", False),
        ("::ffff:93.184.216.34", True),
        ("2002:7f00:1::", False),  # 6to4 wrapping 127.0.0.1
        ("64:ff9b::a9fe:a9fe", False),  # NAT64 wrapping 169.254.169.254
        ("2001:0:4136:e378:8000:63bf:80ff:fffe", False),  # Teredo, client 127.0.0.1
    ],
)
def test_public_addresses(address: str, public: bool) -> None:
    assert is_public(ip_address(address)) is public


def test_the_loopback_exception_is_loopback_and_port_only() -> None:
    assert allowed("127.0.0.1", 8080, frozenset({8080}))
    assert allowed("::1", 8080, frozenset({8080}))
    assert not allowed("127.0.0.1", 8081, frozenset({8080}))
    assert not allowed("10.0.0.1", 8080, frozenset({8080}))
    assert not allowed("169.254.169.254", 8080, frozenset({8080}))
