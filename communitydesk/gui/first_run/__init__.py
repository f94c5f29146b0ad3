"""The first-run screen a new group sees on an empty database."""
