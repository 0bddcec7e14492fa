"""Records the privacy policy promises: the processors personal data goes to, legal holds,
disclosures to third parties, and how long telemetry is kept."""
