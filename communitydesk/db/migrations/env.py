"""Alembic environment: always run with a connection handed over by db.migrate."""

from alembic import context

from communitydesk.db.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only via `alembic` on the command line
    raise SystemExit("Run migrations through `communitydesk db upgrade`.")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
