"""The bottom layer: errors and error codes, the viewer, ids, the clock, settings and
their checks, the key-value store, rate limits, text limits, roles, the personal-data
register's declarations, the client IP and structured logs. It imports no other
pixvault package (see the import-linter contracts in pyproject.toml)."""
