"""Privacy and trust screens: the member's Privacy tab, retention, audit trail, shared-database connection."""
