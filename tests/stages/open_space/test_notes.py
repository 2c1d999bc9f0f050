"""Notes from open-space topics as people make them: phones add key points, ideas, questions
and actions (stored once, moderated as the event says), facilitators type notes from paper,
approve or hide them and choose what the screen shows; notes follow merges; over Socket.IO a
note from a phone reaches the console; without JavaScript the same by plain forms."""

import re

import pytest
from sqlalchemy import func, select

from facilitate.domain.errors import NotAllowed, NotFound, SendingPaused, UserError
from facilitate.extensions import db
from facilitate.services import live
from facilitate.stages.open_space import notes, records, service, views
from facilitate.store.models import TopicNote
from tests.conftest import csrf_token, log_in
from tests.realtime.conftest import client_id, stage_id

pytestmark = pytest.mark.usefixtures("clock")
HOSTILE = '<script>alert(1)</script> =HYPERLINK("http://evil.example","x")'


def count(*where) -> int:
    return db.session.scalar(select(func.count(TopicNote.id)).where(*where))


def placed(event, make_topic, participant=None, title="Getting carers heard", cell=(1, 1)):
    topic = make_topic(event, participant, title=title)
    service.place(event, topic.id, *cell)
    return topic


# -- rules --------------------------------------------------------------------------------

def test_a_note_is_cleaned_and_only_an_action_keeps_who_will_do_it():
    assert records.check_note("action", "  Ring  the council\r\n", " Pat ") == \
        records.NoteInput("action", "Ring  the council", "Pat")
    assert records.check_note("idea", "A carers' café", "Pat") == \
        records.NoteInput("idea", "A carers' café", "")


@pytest.mark.parametrize(("kind", "text", "owner", "field"), [
    ("rumour", "x", "", "kind"), (None, "x", "", "kind"), ("point", "", "", "text"),
    ("point", "   ", "", "text"), ("point", "x" * 501, "", "text"), ("point", 12, "", "text"),
    ("action", "x", "y" * 81, "owner")])
def test_a_wrong_note_is_refused_naming_its_field(kind, text, owner, field):
    with pytest.raises(UserError) as refused:
        records.check_note(kind, text, owner)
    assert refused.value.field == field


def test_the_screen_mode_must_be_known_and_a_spotlight_needs_a_topic():
    assert records.check_screen_mode("wall", None) == "wall"
    with pytest.raises(UserError):
        records.check_screen_mode("everything", None)
    with pytest.raises(UserError):
        records.check_screen_mode("topic", None)


# -- the service --------------------------------------------------------------------------

def test_a_phone_adds_a_note_stored_once_however_often_it_is_sent(event, make_participant,
                                                                  make_topic):
    ann = make_participant(event, "Ann")
    topic = placed(event, make_topic)

    note, created = notes.add(event, ann, "note-id-0001", topic.id, "action",
                              "Invite carers to the board", "Pat")
    again, created_again = notes.add(event, ann, "note-id-0001", topic.id, "action",
                                     "Invite carers to the board", "Pat")

    assert (created, created_again, again.id) == (True, False, note.id)
    assert (note.kind, note.text, note.owner, note.source, note.visibility,
            note.participant_id) == ("action", "Invite carers to the board", "Pat", "phone",
                                     "shown", ann.id)
    assert count() == 1


def test_with_approval_first_a_phones_note_waits_and_paper_notes_do_not(event, make_participant,
                                                                        make_topic):
    live.set_moderation(event, "approve")
    topic = placed(event, make_topic)

    from_phone, _ = notes.add(event, make_participant(event), "note-id-0001", topic.id,
                              "point", "Respite is hard to find")
    from_paper, _ = notes.add(event, None, "note-id-0002", topic.id, "question",
                              "Who pays?", source="paper")

    assert (from_phone.visibility, from_paper.visibility) == ("pending", "shown")
    assert (from_paper.source, from_paper.participant_id) == ("paper", None)


def test_a_phone_cannot_note_on_a_hidden_topic_or_once_reports_close(event, stage,
                                                                     make_participant,
                                                                     make_topic):
    ann = make_participant(event)
    hidden, topic = placed(event, make_topic, title="Hidden"), placed(
        event, make_topic, title="Shown", cell=(2, 1))
    service.hide(event, hidden.id, True)
    with pytest.raises(NotFound):
        notes.add(event, ann, "note-id-0001", hidden.id, "point", "x")
    stage.state = {**stage.state, "reports": "closed"}
    db.session.commit()
    with pytest.raises(NotAllowed):
        notes.add(event, ann, "note-id-0002", topic.id, "point", "x")
    notes.add(event, None, "note-id-0003", topic.id, "point", "from paper", source="paper")
    assert count() == 1


def test_paused_sending_keeps_a_phones_note_for_later(event, make_participant, make_topic):
    topic = placed(event, make_topic)
    live.set_locked(event, True)
    with pytest.raises(SendingPaused):
        notes.add(event, make_participant(event), "note-id-0001", topic.id, "point", "x")
    assert count() == 0


def test_another_events_topic_is_out_of_reach(event, make_event, make_participant, make_topic):
    other = make_event(status="live")
    theirs = placed(other, make_topic)
    with pytest.raises(NotFound):
        notes.add(event, make_participant(event), "note-id-0001", theirs.id, "point", "x")


def test_a_facilitator_hides_and_approves_notes_and_the_screen_follows(event, stage,
                                                                       make_participant,
                                                                       make_topic):
    topic = placed(event, make_topic)
    first, _ = notes.add(event, make_participant(event), "note-id-0001", topic.id, "point",
                         "First")
    second, _ = notes.add(event, make_participant(event), "note-id-0002", topic.id, "idea",
                          "Second")
    notes.show_on_screen(event, stage.id, "wall")
    assert [n["text"] for n in notes.screen_notes(stage)] == ["Second", "First"]

    notes.moderate(event, second.id, "hidden")

    assert [n["text"] for n in notes.screen_notes(stage)] == ["First"]
    assert [n["visibility"] for n in views.console(event, stage)["notes"]] == ["hidden", "shown"]
    with pytest.raises(UserError):
        notes.moderate(event, first.id, "everywhere")


def test_a_spotlit_topic_shows_only_its_own_notes_oldest_first(event, stage, make_participant,
                                                                make_topic):
    ann = make_participant(event)
    one, two = placed(event, make_topic, title="One"), placed(event, make_topic, title="Two",
                                                              cell=(2, 1))
    for n, (topic, text) in enumerate([(one, "a"), (two, "b"), (one, "c")], start=1):
        notes.add(event, ann, f"note-id-{n:04d}", topic.id, "point", text)

    notes.show_on_screen(event, stage.id, "topic", one.id)

    screen = views.screen(event, stage)
    assert screen["notes_screen"] == {"mode": "topic", "topic_id": one.id}
    assert [(n["topic"], n["text"]) for n in screen["notes"]] == [("One", "a"), ("One", "c")]
    assert "visibility" not in screen["notes"][0]
    notes.show_on_screen(event, stage.id, "off")
    assert views.screen(event, stage)["notes"] == []


def test_a_merged_topics_notes_move_to_the_kept_one(event, stage, make_participant, make_topic):
    ann = make_participant(event)
    keep, other = placed(event, make_topic, title="Carers"), make_topic(event, title="Carer")
    notes.add(event, ann, "note-id-0001", other.id, "point", "From the duplicate")
    notes.show_on_screen(event, stage.id, "topic", other.id)

    service.merge(event, keep.id, other.id)

    assert [n.text for n in notes.notes_of(keep)] == ["From the duplicate"]
    assert notes.screen_state(stage) == {"mode": "topic", "topic_id": keep.id}
    assert [i for i in views.mine(ann, stage) if i["kind"] == "note"][0]["topic_id"] == keep.id


# -- over Socket.IO -----------------------------------------------------------------------

def test_a_note_from_a_phone_reaches_the_console_and_the_screen_shows_it_when_chosen(
        live_event, console, screen, make_phone, make_topic):
    topic = placed(live_event, make_topic)
    space = stage_id(live_event, "open_space")
    assert console.emit("go_to_stage", {"stage_id": space})["ok"]
    ann = make_phone(live_event, "Ann")
    for client in (console, screen, ann):
        client.received()
    payload = {"id": client_id(1), "topic_id": topic.id, "kind": "action",
               "text": "Write to the council", "owner": "Pat"}

    ack = ann.emit("add_note", payload)
    again = ann.emit("add_note", payload)

    assert (ack["ok"], ack["status"], ack["duplicate"], again["duplicate"]) == (
        True, "shown", False, True)
    (added,) = console.received("note_added")
    assert (added["note"]["text"], added["note"]["owner"], added["note"]["topic"],
            added["note"]["visibility"]) == ("Write to the council", "Pat",
                                             "Getting carers heard", "shown")
    assert screen.received("note_added") == []   # the screen shows no notes yet

    assert console.emit("show_notes", {"stage_id": space, "mode": "wall"}) == {
        "ok": True, "mode": "wall", "topic_id": None}
    (shown,) = screen.received("screen_notes_changed")
    assert [n["text"] for n in shown["notes"]] == ["Write to the council"]
    ann.emit("add_note", {**payload, "id": client_id(2), "text": "Second"})
    (more,) = screen.received("note_added")
    assert [n["text"] for n in more["notes"]] == ["Second", "Write to the council"]
    assert count() == 2


def test_a_note_waiting_for_approval_stays_off_the_screen_until_approved(
        live_event, console, screen, make_phone, make_topic):
    topic = placed(live_event, make_topic)
    space = stage_id(live_event, "open_space")
    assert console.emit("go_to_stage", {"stage_id": space})["ok"]
    assert console.emit("set_moderation", {"moderation": "approve"})["ok"]
    assert console.emit("show_notes", {"stage_id": space, "mode": "wall"})["ok"]
    ann = make_phone(live_event)
    for client in (console, screen, ann):
        client.received()

    ack = ann.emit("add_note", {"id": client_id(1), "topic_id": topic.id, "kind": "idea",
                                "text": "Drop-in café"})

    assert ack["status"] == "pending"
    assert screen.received("note_added") == []
    assert console.emit("moderate_note", {"id": ack["note_id"], "visibility": "shown"}) == {
        "ok": True, "id": ack["note_id"], "visibility": "shown"}
    (changed,) = screen.received("note_changed")
    assert [n["text"] for n in changed["notes"]] == ["Drop-in café"]


def test_phones_cannot_moderate_or_choose_the_screen(live_event, make_phone, make_topic):
    topic = placed(live_event, make_topic)
    ann = make_phone(live_event)
    note = ann.emit("add_note", {"id": client_id(1), "topic_id": topic.id, "kind": "point",
                                 "text": "Mine"})
    assert ann.emit("moderate_note", {"id": note["note_id"], "visibility": "hidden"})[
        "reason"] == "not_allowed"
    assert ann.emit("show_notes", {"stage_id": stage_id(live_event, "open_space"),
                                   "mode": "wall"})["reason"] == "not_allowed"


def test_a_wrong_note_over_socketio_is_refused_and_stores_nothing(live_event, make_phone,
                                                                  make_topic):
    topic = placed(live_event, make_topic)
    ann = make_phone(live_event)
    for payload, reason in [
            ({"id": client_id(1), "topic_id": topic.id, "kind": "x", "text": "a"}, "invalid"),
            ({"id": client_id(2), "topic_id": 999999, "kind": "point", "text": "a"},
             "not_found"),
            ({"id": "short", "topic_id": topic.id, "kind": "point", "text": "a"}, "invalid"),
            ({"id": client_id(3), "topic_id": topic.id, "kind": "point", "text": "a" * 501},
             "invalid")]:
        assert ann.emit("add_note", payload)["reason"] == reason, payload
    assert count() == 0


# -- pages without JavaScript -------------------------------------------------------------

def join(client, event, name="Ann"):
    token = csrf_token(client, f"/j/{event.code}")
    assert client.post(f"/j/{event.code}", data={"csrf_token": token, "name": name}
                       ).status_code == 302


def hidden_value(html: str, name: str) -> str:
    """A hidden field's value in the page's own form (the last: scripts' copies come first)."""
    return re.findall(rf'name="{name}"(?: type="hidden")? value="([^"]*)"', html)[-1]


def test_a_phone_without_javascript_adds_a_note_by_the_plain_form(client, event, stage,
                                                                  make_topic):
    topic = placed(event, make_topic, title=HOSTILE[:120])
    live.go_to_stage(event, stage.id)
    join(client, event)
    html = client.get(f"/j/{event.code}/live").get_data(as_text=True)
    assert "Add a note from your topic" in html and "<script>alert" not in html
    data = {"csrf_token": hidden_value(html, "csrf_token"),
            "note-client_id": hidden_value(html, "note-client_id"),
            "note-stage_id": str(stage.id), "note-topic_id": str(topic.id),
            "note-kind": "question", "note-text": HOSTILE, "note-owner": ""}

    first = client.post(f"/j/{event.code}/notes", data=data)
    again = client.post(f"/j/{event.code}/notes", data=data)

    assert (first.status_code, again.status_code) == (302, 302)
    assert count() == 1
    page = client.get(f"/j/{event.code}/live").get_data(as_text=True)
    assert "Your note is saved." in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert" not in page


def test_an_empty_note_by_the_plain_form_says_what_to_fix(client, event, stage, make_topic):
    topic = placed(event, make_topic)
    live.go_to_stage(event, stage.id)
    join(client, event)
    html = client.get(f"/j/{event.code}/live").get_data(as_text=True)
    response = client.post(f"/j/{event.code}/notes", data={
        "csrf_token": hidden_value(html, "csrf_token"),
        "note-client_id": hidden_value(html, "note-client_id"), "note-stage_id": str(stage.id),
        "note-topic_id": str(topic.id), "note-kind": "point", "note-text": ""})
    assert response.status_code == 422
    assert "Please fill in your note." in response.get_data(as_text=True)
    assert count() == 0


@pytest.fixture
def facilitator(app, event):
    client = app.test_client()
    assert log_in(client, event.facilitators[0].user.email).status_code == 302
    return client


def test_a_facilitator_types_a_paper_note_marked_from_paper(facilitator, event, stage,
                                                            make_topic):
    topic = placed(event, make_topic)
    url = f"/console/events/{event.code}/open-space/{stage.id}/notes"
    html = facilitator.get(url).get_data(as_text=True)
    data = {"csrf_token": hidden_value(html, "csrf_token"),
            "paper-client_id": hidden_value(html, "paper-client_id"),
            "paper-stage_id": str(stage.id), "paper-topic_id": str(topic.id),
            "paper-kind": "action", "paper-text": "Map the drop-ins", "paper-owner": "Sam"}

    first = facilitator.post(url, data=data)
    again = facilitator.post(url, data=data)   # the button pressed twice

    assert (first.status_code, again.status_code) == (302, 302)
    note = db.session.scalars(select(TopicNote)).one()
    assert (note.source, note.participant_id, note.owner, note.visibility) == (
        "paper", None, "Sam", "shown")
    assert first.headers["Location"] == f"{url}?topic={topic.id}#paper"
    page = facilitator.get(first.headers["Location"]).get_data(as_text=True)
    assert "from paper" in page and "Map the drop-ins" in page
    assert re.search(rf'<option selected value="{topic.id}">', page)   # the next note's topic


def test_a_facilitator_approves_and_chooses_the_screen_without_javascript(
        facilitator, event, stage, make_participant, make_topic):
    live.set_moderation(event, "approve")
    topic = placed(event, make_topic)
    note, _ = notes.add(event, make_participant(event), "note-id-0001", topic.id, "point",
                        "Waiting")
    url = f"/console/events/{event.code}/open-space/{stage.id}/notes"
    html = facilitator.get(url).get_data(as_text=True)
    assert "waiting for approval" in html
    token = hidden_value(html, "csrf_token")

    facilitator.post(f"{url}/{note.id}/moderate", data={"csrf_token": token, "value": "shown"})
    facilitator.post(f"{url}/screen", data={"csrf_token": token, "screen-mode": "topic",
                                            "screen-topic_id": str(topic.id)})

    db.session.expire_all()
    assert db.session.get(TopicNote, note.id).visibility == "shown"
    assert notes.screen_state(stage) == {"mode": "topic", "topic_id": topic.id}
    assert facilitator.post(f"{url}/{note.id}/moderate", data={"value": "hidden"}
                            ).status_code == 400   # no CSRF token


def test_another_facilitator_cannot_see_or_change_the_notes(app, event, stage, make_user,
                                                            make_participant, make_topic):
    topic = placed(event, make_topic)
    note, _ = notes.add(event, make_participant(event), "note-id-0001", topic.id, "point", "x")
    stranger = app.test_client()
    log_in(stranger, make_user("stranger@example.org").email)
    url = f"/console/events/{event.code}/open-space/{stage.id}/notes"
    assert stranger.get(url).status_code == 404
    token = csrf_token(stranger, "/console/")
    assert stranger.post(f"{url}/{note.id}/moderate", data={"csrf_token": token,
                                                            "value": "hidden"}).status_code == 404
    db.session.expire_all()
    assert db.session.get(TopicNote, note.id).visibility == "shown"
