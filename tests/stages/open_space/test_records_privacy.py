"""One person's open-space notes and session reports: in their subject access view and
download; deleted with them, or kept without their name when the organiser chooses; kept by
the contact-details retention run; gone with the event."""

import datetime as dt
import json
import re

import pytest
from sqlalchemy import func, select

from facilitate.extensions import db
from facilitate.services import events, privacy
from facilitate.stages.open_space import notes, proceedings, reports, service
from facilitate.store.models import Event, TopicNote, TopicReport
from tests.conftest import log_in
from tests.export.helpers import join
from tests.stages.open_space.test_privacy import HALL, MORNING, PLAN

TODAY = dt.date(2030, 5, 14)


@pytest.fixture
def written(make_event):
    """Ann convenes a topic and writes its report and a note; Bo adds a note to it."""
    event = make_event(plan=PLAN, status="live")
    stage = next(s for s in event.stages if s.kind == "open_space")
    ann, bo = join(event, "Ann Jones", show_name=True), join(event, "Bo")
    topic, _ = service.propose(event, ann, "topic-0001", stage.id, "Transport to meetings",
                               show_name=True, name="Ann")
    service.place(event, topic.id, HALL, MORNING)
    notes.add(event, ann, "note-0001", topic.id, "action", "Write to the council", "Ann")
    notes.add(event, bo, "note-0002", topic.id, "idea", "Evening buses")
    reports.save(event, ann, "report-0001", topic.id, {
        "discussed": "Getting to meetings", "people_count": 5, "names": "Bo",
        "actions": [{"what": "Write to the council", "owner": "Ann", "due": "2030-06-30"}]},
        today=TODAY)
    return event, ann, bo, topic


def counts() -> tuple[int, int]:
    return (db.session.scalar(select(func.count(TopicNote.id))),
            db.session.scalar(select(func.count(TopicReport.id))))


def test_subject_access_shows_the_notes_and_reports_the_person_wrote(written):
    event, ann, bo, topic = written

    held = privacy.subject_access(ann)

    assert [(n["topic"], n["kind"], n["text"], n["who_will_do_it"])
            for n in held["notes_written"]] == [
        ("Transport to meetings", "action", "Write to the council", "Ann")]
    (report,) = held["session_reports_written"]
    assert (report["topic"], report["what_was_discussed"], report["how_many_took_part"],
            report["actions"]) == ("Transport to meetings", "Getting to meetings", 5,
                                   [{"what": "Write to the council", "owner": "Ann",
                                     "due": "2030-06-30"}])
    assert [n["text"] for n in held["topic_notes"]] == ["Write to the council"]
    assert "Evening buses" not in json.dumps(held)   # Bo's note is Bo's
    assert [n["text"] for n in privacy.subject_access(bo)["notes_written"]] == [
        "Evening buses"]
    assert privacy.subject_access(bo)["session_reports_written"] == []


def test_deleting_a_person_deletes_their_notes_and_report_and_keeps_others(written):
    event, ann, bo, topic = written
    bo_id = bo.id

    privacy.delete_person(ann)

    assert db.session.execute(select(TopicNote.text, TopicNote.participant_id)).all() == [
        ("Evening buses", bo_id)]
    assert counts() == (1, 0)


def test_the_organiser_may_keep_their_notes_and_report_without_their_name(written):
    event, ann, bo, topic = written
    event_id, bo_id = event.id, bo.id

    privacy.delete_person(ann, keep_writing=True)

    assert db.session.execute(select(TopicNote.text, TopicNote.participant_id)
                              .order_by(TopicNote.id)).all() == [
        ("Write to the council", None), ("Evening buses", bo_id)]
    report = db.session.scalars(select(TopicReport)).one()
    assert (report.participant_id, report.discussed) == (None, "Getting to meetings")
    book = proceedings.book(db.session.get(Event, event_id))
    (topic_item,) = book["open_spaces"][0]["topics"]
    assert topic_item["report"]["discussed"] == "Getting to meetings"


def test_the_person_page_offers_the_choice_and_says_it_plainly(app, written):
    event, ann, bo, topic = written
    client = app.test_client()
    assert log_in(client, event.facilitators[0].user.email).status_code == 302
    url = f"/console/events/{event.code}/people/{ann.id}"
    html = client.get(url).get_data(as_text=True)
    assert "Keep the open-space notes and session reports they wrote, without their name" \
        in html
    assert "nothing links them to this person any more" in html
    assert "Write to the council" in html   # shown in their data
    download = json.loads(client.get(f"{url}/data.json").get_data(as_text=True))
    assert download["session_reports_written"][0]["what_was_discussed"] == \
        "Getting to meetings"
    token = re.search(r'name="csrf_token" value="([^"]+)"', html)[1]

    response = client.post(f"{url}/delete", data={"csrf_token": token, "keep_writing": "y",
                                                  "understood": "y"})

    assert response.status_code == 302
    assert "Their open-space notes and session reports stay, without their name." in \
        client.get(response.headers["Location"]).get_data(as_text=True)
    assert counts() == (2, 1)
    assert db.session.scalar(select(func.count(TopicNote.id)).where(
        TopicNote.participant_id.is_not(None))) == 1   # Bo's


def test_retention_keeps_notes_and_reports_and_deleting_the_event_removes_them(written):
    event, ann, bo, topic = written
    event.retention_days = 30
    db.session.commit()

    privacy.erase_expired_contacts(today=TODAY + dt.timedelta(days=400))

    assert counts() == (2, 1)   # they hold no contact details
    events.delete_event(db.session.get(Event, event.id))
    assert counts() == (0, 0)
