"""The billing tests' app: wired to a local fake Stripe through PIXVAULT_STRIPE_* settings."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.billing.fake_stripe import API_KEY, WEBHOOK_SECRET, FakeStripe
from tests.conftest import Env, close_env, open_env


@pytest.fixture(scope="module")
async def stripe() -> AsyncIterator[FakeStripe]:
    fake = FakeStripe()
    await fake.start()
    try:
        yield fake
    finally:
        await fake.stop()


@pytest.fixture(scope="module")
async def env(tmp_path_factory: pytest.TempPathFactory, stripe: FakeStripe) -> AsyncIterator[Env]:
    environment, pg = await open_env(
        tmp_path_factory.mktemp("billing"),
        stripe_api_key=API_KEY,
        stripe_webhook_secret=WEBHOOK_SECRET,
        stripe_api_base=stripe.url,
    )
    try:
        yield environment
    finally:
        await close_env(environment, pg)
