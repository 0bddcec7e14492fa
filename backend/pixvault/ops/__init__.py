"""Operating the service: backup and restore (see README, Operations)."""
