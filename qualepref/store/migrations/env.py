"""Alembic environment: migrations run against the engine the app made (or the URL in the config)."""

from alembic import context
from sqlalchemy import create_engine

from qualepref.store.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_offline() -> None:
    """Emit SQL without a connection (``alembic upgrade --sql``)."""
    context.configure(
        url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata,
        literal_binds=True, render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Run on the app's engine (``render_as_batch`` so SQLite can alter tables)."""
    engine = config.attributes.get("engine") or create_engine(config.get_main_option("sqlalchemy.url"))
    connexion = config.attributes.get("connection")
    if connexion is not None:
        _executer(connexion)
        return
    with engine.connect() as connexion:
        _executer(connexion)
        connexion.commit()


def _executer(connexion) -> None:  # noqa: ANN001
    context.configure(connection=connexion, target_metadata=target_metadata, render_as_batch=True,
                      compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
