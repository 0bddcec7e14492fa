"""The Stripe SDK client, built from settings.

Payments are on only with both the API key and the webhook signing secret: taking money whose
confirmation could not be verified would leave customers paying without a plan.
PIXVAULT_STRIPE_API_BASE points the SDK at another API base (a local fake in tests).
"""

from __future__ import annotations

from functools import lru_cache

import stripe

from pixvault.core.settings import Settings

TIMEOUT_SECONDS = 20.0
#: Network failures are retried by the SDK with the same idempotency key.
NETWORK_RETRIES = 2


def payments_enabled(settings: Settings) -> bool:
    return bool(settings.stripe_api_key and settings.stripe_webhook_secret)


@lru_cache(maxsize=4)
def _client(api_key: str, api_base: str | None) -> stripe.StripeClient:
    return stripe.StripeClient(
        api_key,
        base_addresses={"api": api_base} if api_base else {},
        http_client=stripe.HTTPXClient(timeout=TIMEOUT_SECONDS),
        max_network_retries=NETWORK_RETRIES,
    )


def stripe_client(settings: Settings) -> stripe.StripeClient | None:
    """The client, or None when payments are disabled."""
    if not payments_enabled(settings) or settings.stripe_api_key is None:
        return None
    return _client(settings.stripe_api_key, settings.stripe_api_base)
