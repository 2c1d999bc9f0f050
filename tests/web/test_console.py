"""The console: login, permissions, CSRF, event forms, plan import, team and deletion."""

import io

from sqlalchemy import select

from facilitate.extensions import db
from facilitate.services import accounts
from facilitate.store.models import Event
from tests.conftest import PASSWORD, csrf_token, log_in


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get("/console/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/console/login")


def test_login_with_right_password_opens_the_console(client, make_user):
    user = make_user(name="Priya")
    response = log_in(client, user.email)
    assert response.status_code == 302
    assert response.headers["Location"] == "/console/"
    page = client.get("/console/").get_data(as_text=True)
    assert "<h1>Your events</h1>" in page


def test_login_with_wrong_password_says_so(client, make_user):
    user = make_user()
    response = log_in(client, user.email, "wrong password!")
    assert response.status_code == 422
    assert "That email and password do not match" in response.get_data(as_text=True)
    assert client.get("/console/").status_code == 302


def test_an_empty_login_says_what_to_write(client):
    token = csrf_token(client, "/console/login")
    response = client.post("/console/login", data={"csrf_token": token})
    html = response.get_data(as_text=True)
    assert "Write your email address." in html
    assert "Write your password." in html
    assert "This field is required" not in html


def test_failed_logins_are_rate_limited(client, make_user):
    user = make_user()
    for _ in range(5):
        assert log_in(client, user.email, "wrong password!").status_code == 422
    blocked = log_in(client, user.email)  # even the right password waits now
    assert blocked.status_code == 429
    assert "Too many failed tries" in blocked.get_data(as_text=True)


def test_login_without_csrf_token_is_refused(client, make_user):
    user = make_user()
    response = client.post("/console/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 400
    assert "Please try again" in response.get_data(as_text=True)
    assert client.get("/console/").status_code == 302


def test_form_post_without_csrf_token_is_refused(logged_in):
    client, _ = logged_in
    response = client.post("/console/events/new", data={"title": "No token"})
    assert response.status_code == 400
    assert db.session.scalar(select(Event).where(Event.title == "No token")) is None


def test_login_follows_only_local_next(client, make_user):
    user = make_user()
    token = csrf_token(client, "/console/login")
    response = client.post("/console/login?next=//evil.example/x", data={
        "email": user.email, "password": PASSWORD, "csrf_token": token})
    assert response.headers["Location"] == "/console/"


def test_one_time_password_must_be_changed_first(client, app):
    user, one_time = accounts.create_user("new@example.org")
    assert log_in(client, user.email, one_time).headers["Location"] == "/console/password"
    assert client.get("/console/").headers["Location"] == "/console/password"
    token = csrf_token(client, "/console/password")
    response = client.post("/console/password", data={
        "password": "a brand new passphrase", "confirm": "a brand new passphrase",
        "csrf_token": token})
    assert response.headers["Location"] == "/console/"
    assert client.get("/console/").status_code == 200
    assert accounts.authenticate("new@example.org", "a brand new passphrase") is not None


def test_create_event_with_the_form(logged_in):
    client, user = logged_in
    token = csrf_token(client, "/console/events/new")
    response = client.post("/console/events/new", data={
        "title": "Carers' café", "date": "2027-01-20", "venue": "Library",
        "description": "A chat", "moderation": "approve", "csrf_token": token})
    event = db.session.scalar(select(Event).where(Event.title == "Carers' café"))
    assert response.headers["Location"] == f"/console/events/{event.code}"
    assert (event.venue, event.moderation, str(event.date)) == ("Library", "approve",
                                                                "2027-01-20")
    assert [s.kind for s in event.stages] == ["welcome", "reflection", "pledges", "close"]
    page = client.get(f"/console/events/{event.code}").get_data(as_text=True)
    assert "Carers&#39; café" in page
    assert event.code in page


def test_event_form_shows_errors_next_to_fields(logged_in):
    client, _ = logged_in
    token = csrf_token(client, "/console/events/new")
    response = client.post("/console/events/new", data={
        "title": "x" * 201, "moderation": "show", "csrf_token": token})
    assert response.status_code == 422
    assert 'aria-invalid="true"' in response.get_data(as_text=True)


def test_edit_event(logged_in, make_event):
    client, user = logged_in
    event = make_event(owner=user)
    path = f"/console/events/{event.code}/edit"
    token = csrf_token(client, path)
    client.post(path, data={"title": "New title", "venue": "Hall", "description": "",
                            "moderation": "show", "csrf_token": token})
    db.session.refresh(event)
    assert (event.title, event.venue) == ("New title", "Hall")


def test_another_facilitators_event_is_not_found(logged_in, make_event):
    client, _ = logged_in
    other = make_event()
    for path in (f"/console/events/{other.code}", f"/console/events/{other.code}/edit",
                 f"/console/events/{other.code}/delete"):
        assert client.get(path).status_code == 404, path
    token = csrf_token(client, "/console/events/new")
    response = client.post(f"/console/events/{other.code}/status",
                           data={"value": "live", "csrf_token": token})
    assert response.status_code == 404
    db.session.refresh(other)
    assert other.status == "draft"


def test_import_good_plan(logged_in):
    client, user = logged_in
    token = csrf_token(client, "/console/events/import")
    plan = b'[event]\ntitle = "From a file"\n\n[[stages]]\nkind = "reflection"\n' \
           b'question = "How was it?"\n'
    response = client.post("/console/events/import", data={
        "plan": (io.BytesIO(plan), "day.toml"), "csrf_token": token},
        content_type="multipart/form-data")
    event = db.session.scalar(select(Event).where(Event.title == "From a file"))
    assert response.headers["Location"] == f"/console/events/{event.code}"
    assert event.stages[0].config == {"question": "How was it?"}


def test_import_bad_plan_names_line_and_field_and_makes_nothing(logged_in):
    client, _ = logged_in
    token = csrf_token(client, "/console/events/import")
    plan = b'[event]\ntitle = "Broken"\n\n[[stages]]\nkind = "quiz"\n'
    response = client.post("/console/events/import", data={
        "plan": (io.BytesIO(plan), "day.toml"), "csrf_token": token},
        content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Line 5" in page
    assert "<code>stages[1].kind</code>" in page
    assert "Nothing was created" in page
    assert db.session.scalar(select(Event).where(Event.title == "Broken")) is None


def test_add_co_facilitator_who_then_sees_the_event(logged_in, make_event, app):
    client, user = logged_in
    event = make_event(owner=user)
    path = f"/console/events/{event.code}"
    token = csrf_token(client, path)
    response = client.post(f"{path}/facilitators", data={"email": "co@example.org",
                                                         "csrf_token": token},
                           follow_redirects=True)
    assert "co@example.org can now run this event" in response.get_data(as_text=True)
    accounts.set_password("co@example.org", "co facilitator pass")
    other = app.test_client()
    log_in(other, "co@example.org", "co facilitator pass")
    assert other.get(path).status_code == 200


def test_stage_can_be_added_moved_and_removed(logged_in, make_event):
    client, user = logged_in
    event = make_event(owner=user)
    path = f"/console/events/{event.code}"
    token = csrf_token(client, path)
    client.post(f"{path}/stages", data={"kind": "poll", "title": "", "csrf_token": token})
    db.session.refresh(event)
    poll = event.stages[-1]
    poll_id = poll.id
    assert (poll.kind, poll.title, poll.position) == ("poll", "Poll", 8)
    client.post(f"{path}/stages/{poll.id}/up", data={"csrf_token": token})
    db.session.refresh(event)
    assert [s.kind for s in event.stages][-2:] == ["poll", "close"]
    confirm = client.get(f"{path}/stages/{poll.id}/remove").get_data(as_text=True)
    assert "<h1>Remove \"Poll\"?</h1>" in confirm
    db.session.refresh(event)
    assert poll_id in [s.id for s in event.stages]  # asking removes nothing
    client.post(f"{path}/stages/{poll_id}/remove", data={"csrf_token": token})
    db.session.refresh(event)
    assert poll_id not in [s.id for s in event.stages]
    assert [s.kind for s in event.stages].count("poll") == 1   # the plan's own poll stays


def test_delete_event_needs_the_code_typed_back(logged_in, make_event):
    client, user = logged_in
    event = make_event(owner=user)
    code, path = event.code, f"/console/events/{event.code}/delete"
    token = csrf_token(client, path)
    wrong = client.post(path, data={"confirm": "WRONG1", "understood": "y", "csrf_token": token})
    assert wrong.status_code == 422
    assert db.session.scalar(select(Event).where(Event.code == code)) is not None
    client.post(path, data={"confirm": code.lower(), "understood": "y", "csrf_token": token})
    db.session.expire_all()
    assert db.session.scalar(select(Event).where(Event.code == code)) is None


def test_pages_carry_a_strict_content_security_policy(client):
    response = client.get("/console/login")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert '<html lang="en">' in response.get_data(as_text=True)


def test_health_check(client):
    assert client.get("/healthz").get_json() == {"status": "ok"}


def test_a_status_that_does_not_exist_is_answered_with_a_message(logged_in, make_event):
    client, user = logged_in
    event = make_event(owner=user)
    path = f"/console/events/{event.code}"
    for value in ("open", "", "LIVE", "x" * 5000):
        response = client.post(f"{path}/status",
                               data={"value": value, "csrf_token": csrf_token(client, path)})

        assert response.status_code == 302 and response.headers["Location"] == path
        assert "Choose draft, live or closed." in client.get(path).get_data(as_text=True)
    db.session.refresh(event)
    assert event.status == "draft"
