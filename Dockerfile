# syntax=docker/dockerfile:1
# Pixvault's production image: the web app built with Node.js, the Python service installed
# with uv from uv.lock (no dev tools), run as an unprivileged user. docker-compose.yml runs the
# same image as the app (`pixvault serve`), the one-shot `pixvault migrate` and `pixvault worker`.

# --- 1. The web app ---------------------------------------------------------------------------
FROM node:20 AS frontend
WORKDIR /src
# Dependencies first, so a source change does not reinstall them.
COPY frontend/package.json frontend/package-lock.json frontend/
RUN cd frontend && npm ci --no-audit --no-fund
COPY frontend/ frontend/
# vite.config.ts writes the bundle to ../backend/pixvault/static.
RUN cd frontend && npm run build && test -f /src/backend/pixvault/static/index.html

# --- 2. The Python environment ----------------------------------------------------------------
FROM python:3.11-slim AS build
ENV UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/app/.venv
RUN pip install --no-cache-dir uv
WORKDIR /app
# Third-party dependencies first (cached until pyproject.toml or uv.lock change).
COPY pyproject.toml uv.lock README.md ./
RUN uv sync --frozen --no-dev --no-install-project
# Then Pixvault itself with the built web app inside its package: a regular (non-editable)
# install, so the venv alone holds everything the service runs (the wheel ships static/).
COPY backend/ backend/
COPY --from=frontend /src/backend/pixvault/static/ backend/pixvault/static/
COPY --from=frontend /src/backend/pixvault/graphiql/ backend/pixvault/graphiql/
RUN uv sync --frozen --no-dev --no-editable \
    && test -f "$(/app/.venv/bin/python -c 'import pixvault, pathlib; print(pathlib.Path(pixvault.__file__).parent)')/static/index.html"

# --- 3. The runtime image ---------------------------------------------------------------------
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/app/.venv/bin:$PATH \
    PIXVAULT_DATA_DIR=/data
# pyvips (image processing, later) gets libvips from the pyvips-binary wheel: no apt packages.
RUN groupadd --system --gid 10001 pixvault \
    && useradd --system --uid 10001 --gid pixvault --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin pixvault \
    && mkdir -p /data \
    && chown pixvault:pixvault /data
WORKDIR /app
COPY --from=build /app/.venv /app/.venv
USER pixvault:pixvault
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status == 200 else 1)"]
CMD ["pixvault", "serve", "--host", "0.0.0.0", "--port", "8000", "--workers", "4"]
