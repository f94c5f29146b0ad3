"""Persistence: models, engine/session factory, migrations. No Qt here."""
