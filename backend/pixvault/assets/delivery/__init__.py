"""Delivering originals and renditions over HTTP (the /i/{asset_id} route)."""

from pixvault.assets.delivery.endpoint import Delivery

__all__ = ["Delivery"]
