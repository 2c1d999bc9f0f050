"""The book of proceedings as people read it: facilitators always, attendees once published
(a link on their phones and the closing stage); the theme, the board, each topic's report and
notes, the pledges shared with consent; hostile text escaped; 80 topics open quickly."""

import datetime as dt
import re
import time

import pytest

from facilitate.extensions import db
from facilitate.services import live
from facilitate.stages.open_space import notes, proceedings, reports, service, views
from facilitate.stages.pledges import service as pledges
from tests.conftest import csrf_token, log_in

pytestmark = pytest.mark.usefixtures("clock")
TODAY = dt.date(2026, 12, 3)
HOSTILE = '<script>alert(1)</script>'


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)))


@pytest.fixture
def facilitator(app, event):
    client = app.test_client()
    assert log_in(client, event.facilitators[0].user.email).status_code == 302
    return client


@pytest.fixture
def filled(event, stage, make_participant, make_topic):
    """Two topics on the board, one with a report and notes; a pledge shared with a name,
    one anonymous, one hidden."""
    ann = make_participant(event, "Ann")
    breaks = make_topic(event, ann, title="Carers' breaks", show_name=True, name="Ann")
    service.place(event, breaks.id, 1, 1)
    transport = make_topic(event, None, title="Transport " + HOSTILE, name="Pat")
    service.place(event, transport.id, 2, 2)
    reports.save(event, ann, "report-id-0001", breaks.id, {
        "discussed": "How carers get a break", "people_count": 6, "names": "Ann, Bo",
        "key_points": "Nobody knows respite exists\nForms are long",
        "recommendations": "One page of help",
        "actions": [{"what": "Write the guide", "owner": "Ann", "due": "2027-01-31"}]},
        today=TODAY)
    notes.add(event, ann, "note-id-0001", breaks.id, "idea", "A carers' café " + HOSTILE)
    notes.add(event, None, "note-id-0002", breaks.id, "action", "Ring the council",
              "Pat", source="paper")
    hidden, _ = notes.add(event, ann, "note-id-0003", breaks.id, "point", "Hidden note")
    notes.moderate(event, hidden.id, "hidden")
    pledge, _ = pledges.submit_pledge(event, ann, "pledge-id-0001", {
        "action": "I will run a café", "display": "name", "name": "Ann Smith"}, today=TODAY)
    pledge.topic_id = breaks.id   # the pledge form offers topics with convergence (not yet)
    db.session.commit()
    pledges.submit_pledge(event, None, "pledge-id-0002", {"action": "I will listen more"},
                          source="paper", today=TODAY)
    return breaks, transport


def test_a_facilitator_reads_the_whole_book_before_it_is_published(facilitator, event,
                                                                    filled):
    response = facilitator.get(f"/console/events/{event.code}/proceedings")

    assert response.status_code == 200
    text = text_of(response)
    for words in ["Book of proceedings", event.title, "Live: this book fills in",
                  "Theme:", "Main Hall: Carers' breaks — Ann",
                  "Convener: Ann · Main Hall, 11:00–11:45", "6 people took part.",
                  "Named with their agreement: Ann, Bo", "Nobody knows respite exists",
                  "One page of help", "Write the guide Ann 2027-01-31", "Ideas",
                  "A carers' café", "Actions noted", "Ring the council — who: Pat",
                  "from paper", "No report yet.", "I will run a café",
                  "Ann Smith · about: Carers' breaks", "I will listen more",
                  "Someone who took part", "Not published"]:
        assert words.replace("'", "&#39;") in text or words in text, words
    assert "Hidden note" not in text
    html = response.get_data(as_text=True)
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert html.index("Carers&#39; breaks</h2>") < html.index("&lt;/script&gt;</h2>")   # by time


def test_attendees_read_it_only_once_published_and_phones_get_the_link(
        app, client, facilitator, event, stage, filled):
    public = f"/e/{event.code}/proceedings"
    assert client.get(public).status_code == 404
    assert views.phones(event, stage)["proceedings"] == ""
    page = facilitator.get(f"/console/events/{event.code}/proceedings")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.get_data(as_text=True))[1]

    facilitator.post(f"/console/events/{event.code}/proceedings/publish",
                     data={"csrf_token": token, "value": "publish"})

    assert proceedings.published(event)
    response = client.get(public)
    assert response.status_code == 200
    assert "I will run a café" in text_of(response)
    assert "Publish" not in text_of(response) and "csrf_token" not in response.get_data(
        as_text=True)
    assert views.phones(event, stage)["proceedings"] == public
    close = next(s for s in event.stages if s.kind == "close")
    live.go_to_stage(event, close.id)
    join_token = csrf_token(client, f"/j/{event.code}")
    client.post(f"/j/{event.code}", data={"csrf_token": join_token, "name": "Bo"})
    assert f'href="{public}"' in client.get(f"/j/{event.code}/live").get_data(as_text=True)

    facilitator.post(f"/console/events/{event.code}/proceedings/publish",
                     data={"csrf_token": token, "value": "unpublish"})
    assert client.get(public).status_code == 404


def test_a_closed_event_has_a_final_book(facilitator, event, filled):
    event.status = "closed"
    db.session.commit()
    assert "Final: the event has finished." in text_of(
        facilitator.get(f"/console/events/{event.code}/proceedings"))


def test_another_facilitator_cannot_read_or_publish_the_book(app, event, make_user, filled):
    stranger = app.test_client()
    log_in(stranger, make_user("stranger@example.org").email)
    assert stranger.get(f"/console/events/{event.code}/proceedings").status_code == 404
    token = csrf_token(stranger, "/console/")
    assert stranger.post(f"/console/events/{event.code}/proceedings/publish",
                         data={"csrf_token": token, "value": "publish"}).status_code == 404
    assert not proceedings.published(event)


def test_a_book_of_80_topics_with_notes_opens_quickly(facilitator, event, stage,
                                                       make_participant, make_topic):
    ann = make_participant(event, "Ann")
    for n in range(80):
        topic = make_topic(event, None, title=f"Topic {n:02d}")
        for m in range(5):
            notes.add(event, None, f"note-{n:02d}-{m}-id", topic.id, "point",
                      f"Note {m} of topic {n}", source="paper")
        reports.save(event, None, f"report-{n:02d}-id", topic.id,
                     {"discussed": f"Talk {n}", "key_points": "One\nTwo"}, source="paper",
                     today=TODAY)
    assert ann

    started = time.perf_counter()
    response = facilitator.get(f"/console/events/{event.code}/proceedings")
    took = time.perf_counter() - started

    assert response.status_code == 200
    text = text_of(response)
    assert "80 topics" in text and "Note 4 of topic 79" in text
    assert text.count("Talk ") == 80
    assert took < 3, took
