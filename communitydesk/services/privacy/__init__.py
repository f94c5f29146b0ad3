"""Subject access, erasure, retention, scrubbing erased values and the audit trail."""
