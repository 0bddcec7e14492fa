"""A small Pixvault cluster on one machine: two `pixvault serve` nodes, each with its own
DATA_DIR (no shared filesystem), one `pixvault worker`, a fresh PostgreSQL database on the test
server, the test Redis and S3 through moto's server. The nodes share only those three."""

from __future__ import annotations

import asyncio
import itertools
import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import redis

from tests.conftest import PostgresDatabase
from tests.faults.services import PIXVAULT, Process
from tests.faults.waiting import START_TIMEOUT, eventually, tail
from tests.live import free_port
from tests.servers import S3Server, moto_s3

_addresses = itertools.count(1)
METRICS_TOKEN = "cluster-tests-metrics-token"


@dataclass
class Node:
    process: Process
    port: int

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def ready(self) -> bool:
        try:
            return httpx.get(f"{self.base_url}/readyz", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False


@dataclass
class Cluster:
    env: dict[str, str]
    nodes: list[Node]
    worker: Process
    redis_url: str
    s3: S3Server
    bucket: str

    def stored_keys(self, under: str) -> list[str]:
        """Keys in the S3 bucket containing ``under``."""
        listed = self.s3.client().list_objects_v2(Bucket=self.bucket)
        return [o["Key"] for o in listed.get("Contents", []) if under in o["Key"]]

    def delete_stored(self, key: str) -> None:
        self.s3.client().delete_object(Bucket=self.bucket, Key=key)

    def client(self, node: int, address: str | None = None) -> httpx.Client:
        """A client of one node, with a (trusted, forwarded) address of its own unless given."""
        address = address or f"203.0.113.{next(_addresses) % 250 + 1}"
        return httpx.Client(
            base_url=self.nodes[node].base_url,
            timeout=30,
            headers={"X-Forwarded-For": address, "User-Agent": "pixvault-cluster-tests"},
        )

    def pair(self) -> tuple[httpx.Client, httpx.Client]:
        """Two clients, one per node, as one browser behind a load balancer: same address;
        cookies are carried from one to the other by the caller (``share_cookies``)."""
        address = f"203.0.113.{next(_addresses) % 250 + 1}"
        return self.client(0, address), self.client(1, address)

    def pixvault(self, *args: str) -> str:
        done = subprocess.run(
            [PIXVAULT, *args], env=self.env, capture_output=True, timeout=120, text=True
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    def logs(self) -> str:
        processes = [n.process for n in self.nodes] + [self.worker]
        return "\n".join(f"--- {p.name} ---\n{tail(p.log)}" for p in processes)


def share_cookies(source: httpx.Client, target: httpx.Client) -> None:
    for cookie in source.cookies.jar:
        target.cookies.set(cookie.name, cookie.value or "")


@contextmanager
def cluster(directory: Path, database_admin_url: str, redis_url: str) -> Iterator[Cluster]:
    """Start the cluster (migrated) and stop it afterwards, dropping its database."""
    database = PostgresDatabase(database_admin_url)
    asyncio.run(database.create())
    client = redis.Redis.from_url(redis_url)
    client.flushdb()
    client.close()
    processes: list[Process] = []
    try:
        with moto_s3() as s3:
            bucket = s3.new_bucket()
            ports = [free_port(), free_port()]
            base = {
                key: value
                for key, value in os.environ.items()
                if not key.startswith("PIXVAULT_") and key != "DATABASE_URL"
            }
            base.update(
                PIXVAULT_ENV="test",
                PIXVAULT_DATABASE_URL=database.url,
                PIXVAULT_REDIS_URL=redis_url,
                PIXVAULT_SECRET_KEY="cluster-tests-secret-key-not-for-production",
                PIXVAULT_PUBLIC_URL=f"http://127.0.0.1:{ports[0]}",
                PIXVAULT_TRUSTED_PROXIES="127.0.0.1",
                PIXVAULT_LOG_LEVEL="WARNING",
                PIXVAULT_JOB_HEARTBEAT_SECONDS="0.5",
                PIXVAULT_METRICS_TOKEN=METRICS_TOKEN,
                **{f"PIXVAULT_{k.upper()}": v for k, v in s3.settings_overrides(bucket).items()},
            )

            def env_of(name: str) -> dict[str, str]:
                data = directory / name
                (data / "tmp").mkdir(parents=True)
                return {**base, "PIXVAULT_DATA_DIR": str(data), "TMPDIR": str(data / "tmp")}

            worker_env = env_of("worker")
            migrated = subprocess.run(
                [PIXVAULT, "migrate"], env=worker_env, capture_output=True, timeout=120, text=True
            )
            assert migrated.returncode == 0, migrated.stderr
            nodes = []
            for index, port in enumerate(ports):
                command = [PIXVAULT, "serve", "--host", "127.0.0.1", "--port", str(port)]
                process = Process(
                    f"node {index}", command, env_of(f"node{index}"), directory / f"node{index}.log"
                )
                processes.append(process)
                nodes.append(Node(process, port))
            worker = Process("worker", [PIXVAULT, "worker"], worker_env, directory / "worker.log")
            processes.append(worker)
            for process in processes:
                process.start()
            running = Cluster(worker_env, nodes, worker, redis_url, s3, bucket)
            for node in nodes:
                if not eventually(node.ready, START_TIMEOUT):
                    raise AssertionError(f"node on {node.port} is not ready\n{running.logs()}")
            yield running
    finally:
        for process in reversed(processes):
            process.stop()
        asyncio.run(database.drop())
