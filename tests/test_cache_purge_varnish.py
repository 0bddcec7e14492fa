"""The purge hook against a real HTTP cache: Varnish, with README's VCL, in front of a live
`pixvault serve`. A public image cached by Varnish is dropped from it once the image is made
private, through PIXVAULT_CACHE_PURGE_URL alone. Skips locally where varnishd is not installed
(Debian: apt-get install varnish); fails in CI, whose .ci/run installs it."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from tests.conftest import IN_CI
from tests.faults.client import data, gql, sign_up, upload
from tests.faults.waiting import eventually
from tests.live import free_port, live_server
from tests.media import encode, path_of

VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"


@pytest.fixture(autouse=True)
def varnishd_installed() -> None:
    if Path(VARNISHD).exists():
        return
    if IN_CI:
        pytest.fail("varnishd is required in CI (apt-get install varnish)")
    pytest.skip("varnishd is not installed")


#: README's VCL ("Caches and recalls"), with the backend filled in.
VCL = """vcl 4.1;
backend pixvault { .host = "127.0.0.1"; .port = "%d"; }
acl purgers { "127.0.0.1"; }
sub vcl_recv {
    if (req.method == "POST" && req.url == "/pixvault-purge") {
        if (client.ip !~ purgers) { return (synth(403)); }
        ban("obj.http.Surrogate-Key == " + req.http.Surrogate-Key);
        return (synth(200, "Banned"));
    }
}
sub vcl_deliver { unset resp.http.Surrogate-Key; unset resp.http.Cache-Tag; }
"""
URL = "query($id: ID!) { asset(id: $id) { url } }"
PRIVATE = """mutation($id: ID!) { updateAsset(id: $id, input: {visibility: PRIVATE}) {
  errors { code } } }"""


@contextmanager
def varnish(port: int, backend_port: int) -> Iterator[str]:
    # Not under pytest's tmp_path: as root that is closed to the user varnishd's child runs as.
    directory = Path(tempfile.mkdtemp(prefix="pixvault-varnish-"))
    directory.chmod(0o755)
    vcl = directory / "pixvault.vcl"
    vcl.write_text(VCL % backend_port)
    process = subprocess.Popen(
        [VARNISHD, "-F", "-n", str(directory / "work"), "-a", f"127.0.0.1:{port}",
         "-f", str(vcl), "-s", "malloc,32m", "-T", "none"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"

    def up() -> bool:
        try:
            httpx.get(f"{base}/healthz", timeout=1)
            return True
        except httpx.HTTPError:
            return False

    try:
        assert eventually(up, 60), "varnishd did not start"
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)
        shutil.rmtree(directory, ignore_errors=True)


def test_a_recall_drops_the_image_from_varnish(tmp_path: Path) -> None:
    cache_port = free_port()
    with live_server(
        tmp_path / "data",
        PIXVAULT_CACHE_PURGE_URL=f"http://127.0.0.1:{cache_port}/pixvault-purge",
        PIXVAULT_ENV="test",
    ) as server:
        backend_port = int(server.base_url.rsplit(":", 1)[1])
        with (
            varnish(cache_port, backend_port) as cache_base,
            httpx.Client(base_url=server.base_url, timeout=10) as owner,
            httpx.Client(base_url=cache_base, timeout=10) as visitor,
        ):
            sign_up(owner)
            asset = upload(owner, encode(".png", width=23, height=19), visibility="PUBLIC")
            path = path_of(data(gql(owner, URL, {"id": asset["id"]}))["asset"]["url"])
            first = visitor.get(path)
            assert first.status_code == 200, first.text
            again = visitor.get(path)
            assert len(again.headers["x-varnish"].split()) == 2, "a cache hit"

            changed = data(gql(owner, PRIVATE, {"id": asset["id"]}))["updateAsset"]
            assert changed["errors"] == []
            started = time.monotonic()
            assert owner.get(path).status_code == 404
            # Without the purge, Varnish would serve its copy for a day (s-maxage=86400).
            assert eventually(lambda: visitor.get(path).status_code == 404, 30)
    print(f"dropped from Varnish {time.monotonic() - started:.2f} s after the recall")
