"""The console's Excel pages: download the workbook, send follow-up changes back."""

import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from facilitate.extensions import db
from facilitate.store.models import ProgressUpdate
from tests.conftest import csrf_token, log_in
from tests.export.conftest import full_event  # noqa: F401  (the fixture)
from tests.export.helpers import edited, export_bytes, rows_of

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def owner(client, full_event):  # noqa: F811
    assert log_in(client, full_event.owner.email).status_code == 302
    return client


def download(client, path: str) -> tuple:
    """The response and its workbook; the response is closed, as a server would close it."""
    with client.get(path) as response:
        return response, response.data


def upload(client, code: str, content: bytes, name: str = "edited.xlsx", token: str | None = None):
    path = f"/console/events/{code}/progress-import"
    token = token if token is not None else csrf_token(client, path)
    return client.post(path, data={"csrf_token": token, "workbook": (io.BytesIO(content), name)},
                       content_type="multipart/form-data")


def test_event_page_offers_the_workbook(owner, full_event):  # noqa: F811
    code = full_event.event.code
    page = owner.get(f"/console/events/{code}").get_data(as_text=True)
    assert f'action="/console/events/{code}/workbook.xlsx"' in page
    assert 'name="hidden" value="1"' in page
    assert f'href="/console/events/{code}/progress-import"' in page


def test_download_gives_the_workbook_as_an_attachment(owner, full_event):  # noqa: F811
    event = full_event.event
    response, content = download(owner, f"/console/events/{event.code}/workbook.xlsx")
    assert response.status_code == 200
    assert response.mimetype == XLSX
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith(f"attachment; filename=facilitate-{event.code}-20")
    assert disposition.endswith(".xlsx")
    assert response.headers["Cache-Control"] == "no-store"
    workbook = load_workbook(io.BytesIO(content))
    pledges = rows_of(workbook["Pledges"])
    assert len(pledges) == 2
    assert pledges[0]["Follow-up link"] == \
        f"http://192.0.2.10:5000/f/{full_event.paper.follow_up_token}"


def test_download_with_hidden_items_ticked(owner, full_event):  # noqa: F811
    _, content = download(owner, f"/console/events/{full_event.event.code}/workbook.xlsx?hidden=1")
    pledges = rows_of(load_workbook(io.BytesIO(content))["Pledges"])
    assert len(pledges) == 5
    assert pledges[-1]["Shown to everyone"] == "No: taken back by the pledger"


def test_download_uses_the_events_own_address_for_links(owner, full_event):  # noqa: F811
    full_event.event.public_url = "https://pledges.example.org/"
    db.session.commit()
    _, content = download(owner, f"/console/events/{full_event.event.code}/workbook.xlsx")
    link = rows_of(load_workbook(io.BytesIO(content))["Pledges"])[0]["Follow-up link"]
    assert link == f"https://pledges.example.org/f/{full_event.paper.follow_up_token}"


def test_anonymous_visitor_cannot_download(client, full_event):  # noqa: F811
    response = client.get(f"/console/events/{full_event.event.code}/workbook.xlsx")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/console/login")


@pytest.mark.parametrize("method, path", [
    ("get", "/workbook.xlsx"), ("get", "/workbook.xlsx?hidden=1"),
    ("get", "/progress-import"), ("post", "/progress-import")])
def test_facilitator_of_another_event_gets_not_found(client, make_user, full_event,  # noqa: F811
                                                     method, path):
    stranger = make_user()
    log_in(client, stranger.email)
    token = csrf_token(client, "/console/events/new")
    response = getattr(client, method)(f"/console/events/{full_event.event.code}{path}",
                                       data={"csrf_token": token} if method == "post" else None)
    assert response.status_code == 404


def test_upload_page_explains_the_round_trip(owner, full_event):  # noqa: F811
    page = owner.get(f"/console/events/{full_event.event.code}/progress-import")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "<h1>Send back follow-up changes</h1>" in text
    assert 'type="file"' in text and 'enctype="multipart/form-data"' in text


def test_upload_records_changes_and_shows_the_report(owner, full_event):  # noqa: F811
    phone, paper = full_event.phone, full_event.paper
    content = edited(export_bytes(full_event.event), {
        phone.id: {"Follow-up status": "In progress", "New note": "Rang them <today>."},
        paper.id: {"Follow-up status": "Finished"},
    }, extra_rows=[{"Pledge number": 9999, "Follow-up status": "Done"}]).getvalue()
    response = upload(owner, full_event.event.code, content)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Done: 1 change recorded" in page
    assert "Rows that could not be used: 2" in page
    assert "It says: Finished" in page
    assert "There is no pledge with this number in this event." in page
    assert "Rang them &lt;today&gt;." in page
    update = db.session.scalars(select(ProgressUpdate).where(
        ProgressUpdate.pledge_id == phone.id)).one()
    assert (update.status, update.note, update.source, update.author_id) == (
        "in_progress", "Rang them <today>.", "import", full_event.owner.id)


def test_upload_without_csrf_token_is_refused(owner, full_event):  # noqa: F811
    content = edited(export_bytes(full_event.event), {
        full_event.phone.id: {"Follow-up status": "Done"}}).getvalue()
    response = upload(owner, full_event.event.code, content, token="")
    assert response.status_code == 400
    assert db.session.scalars(select(ProgressUpdate).where(
        ProgressUpdate.source == "import")).first() is None


def test_upload_of_another_events_file_changes_nothing(owner, full_event, make_event):  # noqa: F811
    other = make_event(owner=full_event.owner)
    content = edited(export_bytes(other), {}).getvalue()
    response = upload(owner, full_event.event.code, content)
    assert response.status_code == 422
    assert "This file is from another event, not from this one. Nothing was changed." in \
        response.get_data(as_text=True)


@pytest.mark.parametrize("name, content, message", [
    ("notes.txt", b"just notes", "Choose an Excel workbook: a file ending in .xlsx."),
    ("old.xls", b"\xd0\xcf\x11\xe0", "Choose an Excel workbook: a file ending in .xlsx."),
    ("fake.xlsx", b"not really a workbook", "This is not an Excel workbook (.xlsx)."),
])
def test_upload_of_something_else_says_what_is_wrong(owner, full_event, name, content,  # noqa: F811
                                                    message):
    response = upload(owner, full_event.event.code, content, name=name)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)


def test_upload_without_a_file_asks_for_one(owner, full_event):  # noqa: F811
    path = f"/console/events/{full_event.event.code}/progress-import"
    response = owner.post(path, data={"csrf_token": csrf_token(owner, path)})
    assert response.status_code == 422
    assert "Choose the Excel file to send back." in response.get_data(as_text=True)


def test_upload_that_is_too_big_says_so_on_the_page(owner, full_event):  # noqa: F811
    path = f"/console/events/{full_event.event.code}/progress-import"
    # Encoded by hand: the test client would spool a big body to a file it never closes.
    body = (f"--b\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n"
            f"{csrf_token(owner, path)}\r\n--b\r\nContent-Disposition: form-data; "
            f"name=\"workbook\"; filename=\"big.xlsx\"\r\n\r\n").encode() \
        + b"x" * (32 * 1024 * 1024 + 1) + b"\r\n--b--\r\n"
    response = owner.post(path, data=body, content_type="multipart/form-data; boundary=b")
    page = response.get_data(as_text=True)
    assert response.status_code == 413
    assert "The file is too big. The most is 32 MB." in page
    assert "<h1>Send back follow-up changes</h1>" in page


def test_upload_over_the_apps_own_limit_also_lands_on_the_page(owner, full_event):  # noqa: F811
    owner.application.config["MAX_CONTENT_LENGTH"] = 2000
    response = upload(owner, full_event.event.code, b"x" * 3000)
    assert response.status_code == 413
    assert "<h1>Send back follow-up changes</h1>" in response.get_data(as_text=True)


def test_too_big_upload_from_a_stranger_reveals_no_event(client, make_user,
                                                         full_event):  # noqa: F811
    log_in(client, make_user().email)
    token = csrf_token(client, "/console/events/new")
    client.application.config["MAX_CONTENT_LENGTH"] = 2000
    response = client.post(f"/console/events/{full_event.event.code}/progress-import",
                           data={"csrf_token": token, "workbook": (io.BytesIO(b"x" * 3000),
                                                                   "big.xlsx")},
                           content_type="multipart/form-data")
    assert response.status_code == 413
    page = response.get_data(as_text=True)
    assert "That file is too big" in page and full_event.event.title not in page


def test_too_big_upload_when_logged_out_reveals_no_event(client, full_event):  # noqa: F811
    client.application.config["MAX_CONTENT_LENGTH"] = 2000
    response = client.post(f"/console/events/{full_event.event.code}/progress-import",
                           data={"workbook": (io.BytesIO(b"x" * 3000), "big.xlsx")},
                           content_type="multipart/form-data")
    assert response.status_code == 413
    assert full_event.event.title not in response.get_data(as_text=True)
