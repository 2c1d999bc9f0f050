"""The database connection: SQLite tuning, migrations run on start, and engine set-up."""

from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from flask import Flask
from sqlalchemy import event, text
from sqlalchemy.engine import Engine

from facilitate.extensions import db

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# Connections per server process. Under gevent every page and every Socket.IO message is a
# greenlet of its own; at most CONNECTS_AT_ONCE + MESSAGES_AT_ONCE + CONSOLE_MESSAGES_AT_ONCE
# (realtime.handlers) of them use the database for Socket.IO at a time, so a storm of phones
# leaves the rest to pages.
POOL = {"pool_size": 10, "max_overflow": 10, "pool_timeout": 30}


def init_app(app: Flask) -> None:
    """Bind the database to the app, tune SQLite and bring the schema up to date."""
    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    if uri.startswith("sqlite:///") and uri != "sqlite:///:memory:":
        Path(uri.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    options = {"pool_pre_ping": True}
    if uri != "sqlite:///:memory:":
        options.update(POOL)
    app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", options)
    db.init_app(app)
    if app.config.get("AUTO_UPGRADE"):
        with app.app_context():
            # Reading the revision is cheap; a database already at head needs no lock.
            if current_revision() != head_revision():
                upgrade()


@event.listens_for(Engine, "connect")
def _tune_sqlite(dbapi_connection, _record):
    """WAL lets the screen read while phones write; foreign keys make deletes cascade."""
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.close()


def ping() -> None:
    """Ask the database something trivial: raises if it does not answer."""
    db.session.execute(text("SELECT 1"))


def alembic_config() -> Config:
    """Alembic's configuration, pointing at the migrations inside the package."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def upgrade(revision: str = "head") -> None:
    """Apply migrations up to revision, one process at a time on PostgreSQL."""
    with db.engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # Several processes may start at once behind a proxy: let one migrate.
            connection.execute(text("SELECT pg_advisory_xact_lock(4242001)"))
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


@cache
def head_revision() -> str | None:
    """The newest revision among the migrations (they do not change while we run)."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision() -> str | None:
    """The schema revision the database is at."""
    from alembic.runtime.migration import MigrationContext

    with db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
