"""The store on SQLite and on a real PostgreSQL server: migrations, events, deletion."""

import datetime as dt

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import func, inspect, select

from facilitate import create_app
from facilitate.extensions import db
from facilitate.services import accounts, events
from facilitate.stages.pledges import service as pledges
from facilitate.store.database import alembic_config, current_revision, upgrade
from facilitate.store.models import (
    Event,
    EventFacilitator,
    Participant,
    Pledge,
    ProgressUpdate,
    Reflection,
    Stage,
)
from tests.conftest import PASSWORD

EVENT_TABLES = (Event, EventFacilitator, Stage, Participant, Reflection, Pledge, ProgressUpdate)


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request, tmp_path):
    """A new, empty SQLite file, and the same on a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return request.getfixturevalue("fresh_postgres_url")


@pytest.fixture
def store_app(store_url):
    """An app that migrated its empty database itself, as on a first start."""
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": store_url,
                      "ASYNC_MODE": "threading"})
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


def fill_event(owner, code_suffix=""):
    """An event with a participant, a reflection, a pledge and a progress update."""
    from facilitate.resources import demo_plan_path

    event = events.create_event_from_plan_text(owner, demo_plan_path().read_bytes())
    person = Participant(event_id=event.id, public_id=f"p-{event.code}", display_name="Ana",
                         consent_contact=True, email="ana@example.org")
    db.session.add(person)
    db.session.flush()
    db.session.add(Reflection(event_id=event.id, participant_id=person.id,
                              client_id="reflection-0001", text="Listen first"))
    db.session.commit()
    pledge, _ = pledges.submit_pledge(event, person, "pledge-client-1",
                                      {"action": "I will ask early", "theme": "Equality"},
                                      today=dt.date(2026, 12, 3))
    pledges.record_progress(pledge, {"status": "in_progress", "note": "Started"})
    return event


def test_migrations_reach_head_and_make_every_table(store_app):
    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    assert len(heads) == 1   # one line of migrations, no forks
    assert current_revision() == heads[0]
    tables = set(inspect(db.engine).get_table_names())
    assert {m.__tablename__ for m in EVENT_TABLES} | {"users", "alembic_version"} <= tables
    upgrade()  # a second upgrade is harmless
    assert current_revision() == heads[0]


def test_a_database_left_at_an_old_revision_is_brought_to_head_on_start(store_url):
    settings = {"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": store_url,
                "ASYNC_MODE": "threading"}
    old = create_app({**settings, "AUTO_UPGRADE": False})
    with old.app_context():
        upgrade("0001")
        assert current_revision() == "0001"
        db.engine.dispose()

    app = create_app(settings)

    with app.app_context():
        assert current_revision() == ScriptDirectory.from_config(alembic_config()).get_heads()[0]
        db.engine.dispose()


def test_sqlite_runs_in_wal_mode(tmp_path):
    app = create_app({"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI":
                      f"sqlite:///{tmp_path / 'wal.db'}", "ASYNC_MODE": "threading"})
    with app.app_context():
        with db.engine.connect() as connection:
            mode = connection.exec_driver_sql("PRAGMA journal_mode").scalar()
            keys = connection.exec_driver_sql("PRAGMA foreign_keys").scalar()
        db.engine.dispose()
    assert (mode, keys) == ("wal", 1)


def test_event_from_plan_is_saved_with_stages_and_owner(store_app):
    owner, _ = accounts.create_user("owner@example.org", PASSWORD)
    event = fill_event(owner)
    db.session.expire_all()
    saved = db.session.scalar(select(Event).where(Event.code == event.code))
    assert [s.kind for s in saved.stages] == ["welcome", "slides", "reflection", "open_space",
                                              "pledges", "ladder", "poll", "close"]
    assert [s.position for s in saved.stages] == list(range(8))
    assert [(s["starts"], s["ends"]) for s in saved.stages[3].config["slots"]] == [
        ("11:00", "11:45"), ("11:50", "12:35"), ("13:30", "14:15")]
    assert [(f.user.email, f.is_owner) for f in saved.facilitators] == [
        ("owner@example.org", True)]
    assert saved.date == dt.date(2026, 12, 3)
    assert events.events_for(owner) == [saved]


def test_delete_event_erases_every_row_and_keeps_other_events(store_app):
    owner, _ = accounts.create_user("owner@example.org", PASSWORD)
    doomed, kept = fill_event(owner), fill_event(owner)
    doomed_id, kept_id = doomed.id, kept.id

    events.delete_event(doomed)

    for model in EVENT_TABLES:
        column = model.id if model is Event else model.event_id
        assert db.session.scalar(select(func.count()).where(column == doomed_id)) == 0, model
        assert db.session.scalar(select(func.count()).where(column == kept_id)) > 0, model
    assert accounts.find_user("owner@example.org") is not None


def test_join_codes_are_unique(store_app):
    owner, _ = accounts.create_user("owner@example.org", PASSWORD)
    plan = b'[event]\ntitle = "A"\n'
    codes = {events.create_event_from_plan_text(owner, plan).code for _ in range(30)}
    assert len(codes) == 30


def test_retried_pledge_is_stored_once(store_app):
    owner, _ = accounts.create_user("owner@example.org", PASSWORD)
    event = fill_event(owner)
    person = db.session.scalar(select(Participant).where(Participant.event_id == event.id))
    first, created = pledges.submit_pledge(event, person, "retry-client-9",
                                           {"action": "I will call"})
    again, created_again = pledges.submit_pledge(event, person, "retry-client-9",
                                                 {"action": "I will call"})
    assert (created, created_again, first.id) == (True, False, again.id)
    assert db.session.scalar(select(func.count()).select_from(Pledge)
                             .where(Pledge.client_id == "retry-client-9")) == 1
