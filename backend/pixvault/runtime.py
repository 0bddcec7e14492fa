"""The long-lived services one app instance shares across requests."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pixvault.accounts.passwords import PasswordHasher
from pixvault.core.settings import Settings
from pixvault.core.store import KeyValueStore, make_store
from pixvault.jobs.queue import InProcessQueue, JobQueue, make_queue
from pixvault.mail.notify import make_notifier
from pixvault.mail.outbox import Mailer
from pixvault.policies.gate import PolicyGate
from pixvault.storage import Storage, make_storage
from pixvault.wiring import install_parts

if TYPE_CHECKING:
    from pixvault.assets.recall import Recalls


@dataclass
class Runtime:
    settings: Settings
    store: KeyValueStore
    passwords: PasswordHasher
    mailer: Mailer
    storage: Storage
    jobs: JobQueue
    #: Recalls of public images (assets/recall.py), made with the runtime.
    recalls: Recalls | None = None
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
        # Imported here: delivery and the job handlers (purge sender, working copy) need
        # Runtime themselves.
        import pixvault.assets.purge
        import pixvault.assets.working_copy  # noqa: F401
        from pixvault.assets import recall

        # The parts lower domains ask of higher ones (wiring.py).
        install_parts()
        runtime.recalls = recall.Recalls(settings, runtime.jobs)
        recall.activate(runtime.recalls)
        return runtime

    async def close(self) -> None:
        if self.recalls is not None:
            from pixvault.assets import recall

            if recall.active() is self.recalls:
                recall.activate(None)
            await self.recalls.close()
        await self.jobs.close()
        await self.mailer.close()
        await self.store.close()
        await self.storage.close()
