"""The long-lived services one app instance shares across requests."""

from __future__ import annotations

from dataclasses import dataclass, field

from pixvault.accounts.passwords import PasswordHasher
from pixvault.jobs.queue import InProcessQueue, JobQueue, make_queue
from pixvault.mail.notify import make_notifier
from pixvault.mail.outbox import Mailer
from pixvault.policies.gate import PolicyGate
from pixvault.settings import Settings
from pixvault.storage import Storage, make_storage
from pixvault.store import KeyValueStore, make_store


@dataclass
class Runtime:
    settings: Settings
    store: KeyValueStore
    passwords: PasswordHasher
    mailer: Mailer
    storage: Storage
    jobs: JobQueue
    policy_gate: PolicyGate = field(default_factory=PolicyGate)

    @classmethod
    def from_settings(cls, settings: Settings) -> Runtime:
        runtime = cls(
            settings=settings,
            store=make_store(settings.redis_url),
            passwords=PasswordHasher(concurrency=settings.password_hash_concurrency),
            mailer=Mailer(settings, make_notifier(settings.redis_url)),
            storage=make_storage(settings),
            jobs=make_queue(settings.redis_url),
        )
        if isinstance(runtime.jobs, InProcessQueue):
            runtime.jobs.runtime = runtime
        return runtime

    async def close(self) -> None:
        await self.jobs.close()
        await self.mailer.close()
        await self.store.close()
        await self.storage.close()
