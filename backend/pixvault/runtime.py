"""The long-lived services one app instance shares across requests."""

from __future__ import annotations

from dataclasses import dataclass

from pixvault.accounts.passwords import PasswordHasher
from pixvault.mail.outbox import Mailer
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

    @classmethod
    def from_settings(cls, settings: Settings) -> Runtime:
        return cls(
            settings=settings,
            store=make_store(settings.redis_url),
            passwords=PasswordHasher(concurrency=settings.password_hash_concurrency),
            mailer=Mailer(settings.outbox_dir, settings.mail_from),
            storage=make_storage(settings),
        )

    async def close(self) -> None:
        await self.store.close()
        await self.storage.close()
