"""Run Alembic migrations programmatically (`fundwatch migrate`)."""
from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

from shared.settings import get_settings

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(database_url: str | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("file_template", "%%(year)d%%(month).2d%%(day).2d_%%(rev)s_%%(slug)s")
    url = database_url or get_settings().database_url
    if not url:
        raise RuntimeError("FUNDWATCH_DATABASE_URL is not set")
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(database_url: str | None = None) -> None:
    command.upgrade(alembic_config(database_url), "head")


def check(database_url: str | None = None) -> None:
    """Raise if the models and the migrations disagree."""
    command.check(alembic_config(database_url))
