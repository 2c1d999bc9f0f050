"""The `facilitate` command, through click's test runner."""

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from facilitate.cli import cli
from facilitate.extensions import db
from facilitate.services import accounts, events
from facilitate.store.models import Event, Stage
from tests.conftest import PASSWORD


@pytest.fixture
def run(app):
    def invoke(*args, input=None):
        return CliRunner().invoke(cli, list(args), obj=app, input=input)
    return invoke


@pytest.mark.parametrize("command", [[], ["serve"], ["user", "add"], ["user", "passwd"],
                                     ["event", "create"], ["event", "list"],
                                     ["event", "delete"], ["db", "upgrade"]])
def test_every_command_has_help(run, command):
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert "Usage: " in result.output


def test_user_add_with_password(run):
    result = run("user", "add", "Kim@Example.org", "--name", "Kim", "--password", PASSWORD)
    assert result.exit_code == 0, result.output
    assert result.output == "Account made for kim@example.org.\n"
    assert accounts.authenticate("kim@example.org", PASSWORD).name == "Kim"


def test_user_add_without_password_prints_a_one_time_one(run):
    result = run("user", "add", "kim@example.org")
    one_time = result.output.split("One-time password: ")[1].split()[0]
    user = accounts.authenticate("kim@example.org", one_time)
    assert user is not None and user.must_change_password


def test_user_add_refuses_a_duplicate(run):
    run("user", "add", "kim@example.org", "--password", PASSWORD)
    result = run("user", "add", "kim@example.org", "--password", PASSWORD)
    assert result.exit_code == 1
    assert "There is already an account with that email." in result.output


def test_user_passwd(run, make_user):
    user = make_user()
    result = run("user", "passwd", user.email, "--password", "another long password")
    assert result.exit_code == 0
    db.session.expire_all()  # the command saved through its own session
    assert accounts.authenticate(user.email, "another long password") is not None


def test_event_create_from_plan_prints_code_and_urls(run, make_user, tmp_path):
    make_user()
    plan = tmp_path / "plan.toml"
    plan.write_text('[event]\ntitle = "Drop-in"\n\n[[stages]]\nkind = "welcome"\n')
    result = run("event", "create", "--plan", str(plan))
    assert result.exit_code == 0, result.output
    event = db.session.scalar(select(Event).where(Event.title == "Drop-in"))
    assert f"Join code: {event.code}" in result.output
    assert f"http://192.0.2.10:5000/j/{event.code}" in result.output
    assert "localhost" not in result.output


def test_event_create_with_bad_plan_makes_nothing(run, make_user, tmp_path):
    make_user()
    plan = tmp_path / "plan.toml"
    plan.write_text('[event]\ntitle = "Bad"\n\n[[stages]]\nkind = "reflection"\n')
    result = run("event", "create", "--plan", str(plan))
    assert result.exit_code == 1
    assert "line 4, stages[1].question: This is needed for this kind of stage." in result.output
    assert db.session.scalar(select(func.count()).select_from(Event)) == 0


def test_event_list(run, make_event):
    event = make_event()
    result = run("event", "list")
    assert result.output == f"{event.code}  draft   2026-12-03  {event.title}\n"


def test_event_delete_asks_first(run, make_event):
    event = make_event()
    code = event.code
    refused = run("event", "delete", code, input="n\n")
    assert refused.exit_code == 1
    assert events.find_event(code) is not None
    result = run("event", "delete", code.lower(), "--yes")
    assert result.exit_code == 0
    db.session.expire_all()
    assert events.find_event(code) is None
    assert db.session.scalar(select(func.count()).select_from(Stage)) == 0


def test_db_upgrade(run):
    result = run("db", "upgrade")
    assert result.exit_code == 0
    assert result.output.startswith("Database is at revision ")
