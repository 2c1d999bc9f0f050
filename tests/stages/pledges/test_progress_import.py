"""The round trip: an organiser edits the workbook in a spreadsheet and sends it back."""

import io
import zipfile

import pytest
from sqlalchemy import func, select

from facilitate.export.workbook import EVENT_NAME
from facilitate.extensions import db
from facilitate.stages.pledges import progress_import
from facilitate.stages.pledges import service as pledges
from facilitate.stages.pledges.progress_import import WrongFile, import_progress, read_changes
from facilitate.store.models import ProgressUpdate
from tests.export.helpers import edited, export_bytes, paper_pledge


def updates_count() -> int:
    return db.session.scalar(select(func.count(ProgressUpdate.id)))


def updates_of(pledge) -> list[tuple]:
    return [(u.status, u.note, u.source) for u in db.session.scalars(
        select(ProgressUpdate).where(ProgressUpdate.pledge_id == pledge.id)
        .order_by(ProgressUpdate.id))]


def test_changed_status_and_new_note_become_progress_updates(full_event):
    paper, phone = full_event.paper, full_event.phone
    before = {p.id: (p.action, p.theme, p.due_date, p.email) for p in (paper, phone)}
    upload = edited(export_bytes(full_event.event), {
        phone.id: {"Follow-up status": "In progress", "New note": "Rang them today.",
                   "Pledge": "Somebody rewrote the pledge text."},
        paper.id: {"New note": "Met again in March.", "Theme": "Reciprocity"},
    })
    report = import_progress(full_event.event, upload, author=full_event.owner)
    assert [(r.row, r.pledge_id, r.status, r.note) for r in report.applied] == [
        (2, paper.id, "done", "Met again in March."),
        (3, phone.id, "in_progress", "Rang them today."),
    ]
    assert report.skipped == []
    db.session.expire_all()
    assert updates_of(phone) == [("in_progress", "Rang them today.", "import")]
    assert updates_of(paper)[-1] == ("done", "Met again in March.", "import")
    assert (phone.status, paper.status) == ("in_progress", "done")
    assert {p.id: (p.action, p.theme, p.due_date, p.email) for p in (paper, phone)} == before
    last = db.session.scalars(select(ProgressUpdate).order_by(ProgressUpdate.id.desc())).first()
    assert last.author_id == full_event.owner.id


def test_unchanged_rows_are_reported_as_nothing_new(full_event):
    report = import_progress(full_event.event, io.BytesIO(export_bytes(full_event.event)))
    assert report.applied == []
    assert [(r.row, r.reason) for r in report.skipped] == [(2, "no_change"), (3, "no_change")]
    assert report.unchanged == 2 and report.problems == []


def test_sending_the_same_file_twice_records_the_changes_once(full_event):
    content = edited(export_bytes(full_event.event), {
        full_event.phone.id: {"Follow-up status": "Done", "New note": "All done."}}).getvalue()
    first = import_progress(full_event.event, io.BytesIO(content))
    second = import_progress(full_event.event, io.BytesIO(content))
    assert len(first.applied) == 1
    assert second.applied == [] and second.unchanged == 2
    assert updates_of(full_event.phone) == [("done", "All done.", "import")]


def test_rows_that_cannot_be_used_are_reported_with_why(full_event):
    paper, phone = full_event.paper, full_event.phone
    upload = edited(export_bytes(full_event.event), {
        paper.id: {"Follow-up status": "Finished"},
        phone.id: {"Follow-up status": "could not do"},
    }, extra_rows=[
        {"Pledge number": 9999, "Follow-up status": "Done"},
        {"Pledge number": "not a number", "Follow-up status": "Done"},
        {"Pledge number": phone.id, "Follow-up status": "Done"},
        {"Pledge number": full_event.hidden.id + 100, "New note": "Lost."},
    ])
    report = import_progress(full_event.event, upload)
    assert [(r.row, r.pledge_id, r.reason, r.detail) for r in report.skipped] == [
        (2, paper.id, "invalid_status", "Finished"),
        (4, 9999, "unknown_pledge", ""),
        (5, None, "unknown_pledge", ""),
        (6, phone.id, "duplicate", ""),
        (7, full_event.hidden.id + 100, "unknown_pledge", ""),
    ]
    assert [(r.pledge_id, r.status) for r in report.applied] == [(phone.id, "could_not_do")]
    assert report.skipped[0].message == ("This status is not one of the choices: Not started, "
                                         "In progress, Done, Could not do. It says \"Finished\".")
    assert updates_of(paper)[-1][2] == "staff"


def test_pledge_updated_since_the_download_is_not_overwritten(full_event):
    phone = full_event.phone
    content = export_bytes(full_event.event)
    pledges.record_progress(phone, {"status": "done", "note": "Did it!"}, source="pledger")
    report = import_progress(full_event.event, edited(content, {
        phone.id: {"Follow-up status": "In progress"}}))
    assert [(r.pledge_id, r.reason) for r in report.skipped] == [
        (full_event.paper.id, "no_change"), (phone.id, "changed_since")]
    db.session.expire_all()
    assert phone.status == "done"


def test_status_set_to_what_it_already_became_is_no_change(full_event):
    phone = full_event.phone
    content = export_bytes(full_event.event)
    pledges.record_progress(phone, {"status": "done", "note": ""}, source="pledger")
    report = import_progress(full_event.event, edited(content, {
        phone.id: {"Follow-up status": "Done"}}))
    assert report.applied == [] and report.unchanged == 2


def test_taken_back_pledge_is_not_updated(full_event):
    taken_back = full_event.taken_back
    content = export_bytes(full_event.event, include_hidden=True)
    report = import_progress(full_event.event, edited(content, {
        taken_back.id: {"Follow-up status": "Done"},
        full_event.hidden.id: {"Follow-up status": "Done"}}))
    assert [(r.pledge_id, r.reason) for r in report.problems] == [(taken_back.id, "withdrawn")]
    # A pledge hidden from the wall can still be followed up.
    assert [r.pledge_id for r in report.applied] == [full_event.hidden.id]


def test_too_long_note_is_refused_for_its_row_only(full_event):
    report = import_progress(full_event.event, edited(export_bytes(full_event.event), {
        full_event.phone.id: {"New note": "n" * 1001},
        full_event.paper.id: {"Follow-up status": "In progress"}}))
    assert [(r.pledge_id, r.reason) for r in report.problems] == [
        (full_event.phone.id, "invalid_note")]
    assert report.problems[0].message == "Note is too long: 1001 characters. The most is 1000."
    assert [r.pledge_id for r in report.applied] == [full_event.paper.id]


def test_columns_are_found_by_their_headers_wherever_they_are(full_event):
    def insert_a_column(workbook):
        workbook["Pledges"].insert_cols(1)
        workbook["Pledges"]["A1"] = "My own column"
    upload = edited(export_bytes(full_event.event),
                    {full_event.phone.id: {"Follow-up status": "Done"}})
    content = edited(upload.getvalue(), {}, change=insert_a_column)
    report = import_progress(full_event.event, content)
    assert [(r.pledge_id, r.status) for r in report.applied] == [(full_event.phone.id, "done")]


def test_file_of_another_event_is_refused_and_changes_nothing(full_event, make_event):
    other = make_event(owner=full_event.owner)
    mine = paper_pledge(other, "A pledge in the other event.")
    upload = edited(export_bytes(full_event.event), {
        full_event.phone.id: {"Follow-up status": "Done"}})
    before = updates_count()
    with pytest.raises(WrongFile, match="This file is from another event"):
        import_progress(other, upload)
    assert updates_count() == before
    db.session.expire_all()
    assert (mine.status, full_event.phone.status) == ("not_started", "not_started")


def test_reference_on_the_summary_is_used_when_the_defined_name_is_lost(full_event):
    def drop_name(workbook):
        del workbook.defined_names[EVENT_NAME]
    upload = edited(export_bytes(full_event.event),
                    {full_event.phone.id: {"Follow-up status": "Done"}}, change=drop_name)
    assert len(read_changes(full_event.event, upload).applied) == 1


def test_file_without_any_event_reference_is_refused(full_event):
    def drop_both(workbook):
        del workbook.defined_names[EVENT_NAME]
        del workbook["Summary"]
    upload = edited(export_bytes(full_event.event), {}, change=drop_both)
    with pytest.raises(WrongFile, match="does not say which event"):
        read_changes(full_event.event, upload)


@pytest.mark.parametrize("change, message", [
    (lambda wb: setattr(wb["Pledges"], "title", "My pledges"), "no sheet called Pledges"),
    (lambda wb: wb["Pledges"].cell(1, 6, "Status"), 'no column called "Follow-up status"'),
    (lambda wb: wb["Pledges"].cell(1, 1, "Ref"), 'no column called "Pledge number"'),
])
def test_file_missing_what_the_import_needs_is_refused(full_event, change, message):
    upload = edited(export_bytes(full_event.event), {}, change=change)
    with pytest.raises(WrongFile, match=message):
        read_changes(full_event.event, upload)


@pytest.mark.parametrize("content", [
    b"", b"Pledge number,Follow-up status\n1,Done\n", b"\xd0\xcf\x11\xe0 an old .xls file",
])
def test_file_that_is_not_a_workbook_is_refused(full_event, content):
    with pytest.raises(WrongFile, match=r"This is not an Excel workbook \(.xlsx\)"):
        read_changes(full_event.event, io.BytesIO(content))


def test_zip_that_is_not_a_workbook_is_refused(full_event):
    content = io.BytesIO()
    with zipfile.ZipFile(content, "w") as archive:
        archive.writestr("hello.txt", "hello")
    content.seek(0)
    with pytest.raises(WrongFile, match="not an Excel workbook"):
        read_changes(full_event.event, content)


def test_file_that_unpacks_to_far_too_much_is_refused(full_event, monkeypatch):
    monkeypatch.setattr(progress_import, "MAX_UNPACKED_BYTES", 10_000)
    content = io.BytesIO()
    with zipfile.ZipFile(content, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * 10_001)
    content.seek(0)
    with pytest.raises(WrongFile, match="too big"):
        read_changes(full_event.event, content)


def test_file_with_too_many_rows_is_refused_and_blank_rows_do_not_count(full_event,
                                                                          monkeypatch):
    monkeypatch.setattr(progress_import, "MAX_ROWS", 3)
    content = export_bytes(full_event.event)
    blank = edited(content, {}, extra_rows=[{"Theme": "Only a theme"}] * 5)
    assert read_changes(full_event.event, blank).unchanged == 2
    many = edited(content, {}, extra_rows=[{"Pledge number": 9000 + i} for i in range(2)])
    with pytest.raises(WrongFile, match="more than 3 rows"):
        read_changes(full_event.event, many)
