"""The group's own settings: name, timezone, quorum and the rest, typed and checked."""
