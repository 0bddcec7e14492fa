"""Metrics (Prometheus), request identity (X-Request-ID, W3C traceparent) and what logs carry.

See README, Operations: Metrics and traces.
"""
