"""The ASGI entry point for uvicorn workers: settings come from the environment."""

from pixvault.app import create_app

app = create_app(freeze_heap=True)
