"""One-to-one conversations, the follow-up queue and the leadership ladder."""
