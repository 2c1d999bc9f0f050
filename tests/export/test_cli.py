"""`facilitate export` and `facilitate import-progress`, through click's test runner."""

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from facilitate.cli import cli
from facilitate.extensions import db
from facilitate.store.models import ProgressUpdate
from tests.export.helpers import edited, export_bytes, rows_of


@pytest.fixture
def run(app):
    def invoke(*args):
        return CliRunner().invoke(cli, list(args), obj=app)
    return invoke


@pytest.mark.parametrize("command", [["export"], ["import-progress"]])
def test_export_commands_have_help(run, command):
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert "Usage: " in result.output


def test_export_writes_the_workbook(run, full_event, tmp_path):
    event, target = full_event.event, tmp_path / "out.xlsx"
    result = run("export", event.code.lower(), "-o", str(target))
    assert result.exit_code == 0, result.output
    assert result.output == f"Wrote the workbook of \"{event.title}\" ({event.code}) to {target}.\n"
    workbook = load_workbook(target)
    pledges = rows_of(workbook["Pledges"])
    assert [p["Pledge"] for p in pledges] == ["I will ask carers first.",
                                              "I will share the report."]
    # The links use the app's PUBLIC_URL (set by the test config).
    assert pledges[0]["Follow-up link"].startswith("http://192.0.2.10:5000/")
    assert pledges[0]["Follow-up link"].endswith(full_event.paper.follow_up_token)


def test_export_includes_hidden_items_when_asked(run, full_event, tmp_path):
    target = tmp_path / "out.xlsx"
    result = run("export", full_event.event.code, "-o", str(target), "--include-hidden")
    assert result.exit_code == 0, result.output
    assert len(rows_of(load_workbook(target)["Pledges"])) == 5


def test_export_of_an_unknown_event_fails(run, tmp_path):
    result = run("export", "NOPE99", "-o", str(tmp_path / "out.xlsx"))
    assert result.exit_code == 1
    assert "There is no event with the code NOPE99." in result.output
    assert not (tmp_path / "out.xlsx").exists()


def test_import_progress_applies_changes_and_reports(run, full_event, tmp_path):
    phone, paper = full_event.phone, full_event.paper
    path = tmp_path / "edited.xlsx"
    path.write_bytes(edited(export_bytes(full_event.event), {
        phone.id: {"Follow-up status": "Done", "New note": "Finished it."},
        paper.id: {"Follow-up status": "Maybe"}}).getvalue())
    result = run("import-progress", full_event.event.code, str(path))
    assert result.exit_code == 0, result.output
    assert result.output == (
        "Changes recorded as progress updates: 1\n"
        "Rows with nothing new: 0\n"
        "Rows that could not be used: 1\n"
        f"  row 2 (pledge {paper.id}): This status is not one of the choices: Not started, "
        "In progress, Done, Could not do. It says \"Maybe\".\n")
    db.session.expire_all()
    update = db.session.query(ProgressUpdate).filter_by(pledge_id=phone.id).one()
    assert (update.status, update.note, update.source, update.author_id) == (
        "done", "Finished it.", "import", None)


def test_import_progress_refuses_a_file_of_another_event(run, full_event, make_event, tmp_path):
    other = make_event(owner=full_event.owner)
    path = tmp_path / "edited.xlsx"
    path.write_bytes(edited(export_bytes(full_event.event), {
        full_event.phone.id: {"Follow-up status": "Done"}}).getvalue())
    result = run("import-progress", other.code, str(path))
    assert result.exit_code == 1
    assert "This file is from another event, not from this one. Nothing was changed." \
        in result.output
    assert db.session.query(ProgressUpdate).filter_by(source="import").count() == 0


def test_import_progress_refuses_a_file_that_is_not_a_workbook(run, full_event, tmp_path):
    path = tmp_path / "notes.xlsx"
    path.write_text("just some notes")
    result = run("import-progress", full_event.event.code, str(path))
    assert result.exit_code == 1
    assert "This is not an Excel workbook (.xlsx)." in result.output
