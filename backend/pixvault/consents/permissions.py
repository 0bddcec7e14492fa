"""Who may read consent fields."""

from __future__ import annotations

from pixvault.graph.access import OPEN, Rule

RULES: dict[str, Rule] = {
    **{
        f"ConsentRecord.{f}": OPEN
        for f in (
            "id purpose granted source policyVersion recordedAt ipAddress userAgent"
        ).split()
    },
}
