"""X-Forwarded-For over HTTP: every header line is read, from the nearest trusted proxy outward,
so a client cannot choose the address that rate limits and sessions see."""

from __future__ import annotations

from pathlib import Path

import pytest

from pixvault.core.settings import Settings, UnsafeSettingsError
from tests.conftest import environment, gql, log_in, sign_up

SESSIONS = "{ me { sessions { ipAddress current } } }"


async def test_every_forwarded_for_line_is_read_from_the_nearest_proxy_out(
    tmp_path: Path,
) -> None:
    async with environment(tmp_path, trusted_proxies="10.0.0.0/8, fd00::/8") as env:
        async with env.client() as c:
            user = await sign_up(c)
        cases = [
            # (header lines the app receives, the client it must see)
            # The client wrote the first line; the proxies appended a second one.
            (["6.6.6.6, 1.1.1.1", "203.0.113.9, 10.0.0.7"], "203.0.113.9"),
            # One line: the nearest hop no trusted proxy vouches for.
            (["6.6.6.6, 203.0.113.10, 10.0.0.8"], "203.0.113.10"),
            # Only proxies and then garbage the client wrote: the last address a proxy saw.
            (["not-an-ip", "10.0.0.9"], "10.0.0.9"),
            (["2001:db8::1, fd00::2"], "2001:db8::1"),
        ]
        for lines, expected in cases:
            headers = [("X-Forwarded-For", line) for line in lines]
            async with env.client(ip="10.0.0.5") as via_proxy:
                via_proxy.headers.pop("X-Forwarded-For", None)
                response = await via_proxy.post(
                    "/graphql",
                    json={
                        "query": "mutation($i: LogInInput!) { logIn(input: $i) { user { id } } }",
                        "variables": {
                            "i": {
                                "email": user["email"],
                                "password": "a long and unusual passphrase",
                                "rememberMe": False,
                            }
                        },
                    },
                    headers=headers,
                )
                assert response.json()["data"]["logIn"]["user"]["id"] == user["id"]
                sessions = (await gql(via_proxy, SESSIONS)).data["me"]["sessions"]
            [current] = [s for s in sessions if s["current"]]
            assert current["ipAddress"] == expected, lines
        # Not through a proxy: the header is the client's own and is ignored.
        async with env.client(ip="198.51.100.77", **{"X-Forwarded-For": "1.2.3.4"}) as direct:
            assert (await log_in(direct, user["email"])).data["logIn"]["errors"] == []
            sessions = (await gql(direct, SESSIONS)).data["me"]["sessions"]
            [current] = [s for s in sessions if s["current"]]
            assert current["ipAddress"] == "198.51.100.77"


@pytest.mark.parametrize("everyone", ["0.0.0.0/0", "::/0", "10.0.0.1, 0.0.0.0/0"])
def test_production_refuses_to_trust_every_address(tmp_path: Path, everyone: str) -> None:
    settings = Settings(
        env="production",
        data_dir=tmp_path,
        secret_key="s" * 40,
        database_url="postgres://u@db/pv",
        public_url="https://pix.example.com",
        trusted_proxies=everyone,
    )
    with pytest.raises(UnsafeSettingsError, match="PIXVAULT_TRUSTED_PROXIES"):
        settings.prepare()
