"""Trust and safety and the support desk: the contact form and its staff queues (abuse reports
and quarantine join once the assets domain is merged)."""
