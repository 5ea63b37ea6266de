"""Alembic environment: migrates the database named by fundwatch settings."""
from alembic import context
from sqlalchemy import create_engine, pool

from shared.db import sqlalchemy_url
from shared.models import HAND_WRITTEN_INDEXES, Base

config = context.config


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Autogenerate leaves alone the expression indexes written by hand (full-text search, sorting)."""
    return not (type_ == "index" and name in HAND_WRITTEN_INDEXES)

url = config.get_main_option("sqlalchemy.url")


def run_migrations_offline() -> None:
    context.configure(url=url, target_metadata=Base.metadata, literal_binds=True, compare_type=True,
                      include_object=include_object)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    engine = create_engine(sqlalchemy_url(url), poolclass=pool.NullPool)
    with engine.connect() as connection:
        # One migrator at a time: several services may start together.
        connection.exec_driver_sql("SELECT pg_advisory_lock(724511)")
        context.configure(connection=connection, target_metadata=Base.metadata, compare_type=True,
                          include_object=include_object)
        with context.begin_transaction():
            context.run_migrations()
        connection.exec_driver_sql("SELECT pg_advisory_unlock(724511)")
        connection.commit()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
