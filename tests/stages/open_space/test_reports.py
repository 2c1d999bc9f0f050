"""Session reports as people write them: the convener on their phone (plain page or Socket.IO),
a facilitator from paper; editable until reports close; a retried send changes nothing; a
merged topic's report moves to the kept topic; strangers reach nothing."""

import datetime as dt
import re

import pytest
from sqlalchemy import func, select

from facilitate.domain.errors import NotAllowed, NotFound, UserError
from facilitate.extensions import db
from facilitate.services import live
from facilitate.stages.open_space import records, reports, service, views
from facilitate.store.models import TopicReport
from tests.conftest import csrf_token, log_in
from tests.realtime.conftest import client_id, stage_id

pytestmark = pytest.mark.usefixtures("clock")
TODAY = dt.date(2026, 12, 3)
REPORT = {"discussed": "How carers get a break", "people_count": "7",
          "names": "Ann, Bo", "key_points": "Nobody knows respite exists\nForms are long",
          "recommendations": "One page of help",
          "actions": [{"what": "Write the one-page guide", "owner": "Ann",
                       "due": "2027-01-31"}]}


def count() -> int:
    return db.session.scalar(select(func.count(TopicReport.id)))


# -- rules --------------------------------------------------------------------------------

def test_a_report_is_cleaned_and_empty_action_rows_drop():
    report = records.check_report({**REPORT, "actions": [
        {"what": " Write the guide ", "owner": "Ann", "due": "2027-01-31"},
        {"what": "", "owner": "", "due": ""}]}, TODAY)
    assert report.people_count == 7
    assert report.actions == (records.Action("Write the guide", "Ann", dt.date(2027, 1, 31)),)
    assert report.actions[0].as_dict() == {"what": "Write the guide", "owner": "Ann",
                                           "due": "2027-01-31"}


@pytest.mark.parametrize(("raw", "field"), [
    ({}, "discussed"),
    ({"discussed": "x" * 2001}, "discussed"),
    ({"discussed": "x", "people_count": "seven"}, "people_count"),
    ({"discussed": "x", "people_count": -1}, "people_count"),
    ({"discussed": "x", "people_count": True}, "people_count"),
    ({"discussed": "x", "names": "x" * 501}, "names"),
    ({"discussed": "x", "actions": "write it"}, "actions"),
    ({"discussed": "x", "actions": [{"what": "x", "when": "soon"}]}, "actions"),
    ({"discussed": "x", "actions": [{"what": "", "owner": "Ann"}]}, "action-1"),
    ({"discussed": "x", "actions": [{"what": "x", "due": "31/01/2027"}]}, "due-1"),
    ({"discussed": "x", "actions": [{"what": "x", "due": "2040-01-01"}]}, "due-1"),
    ({"discussed": "x", "actions": [{"what": "x"}] * 11}, "actions"),
])
def test_a_wrong_report_is_refused_naming_its_field(raw, field):
    with pytest.raises(UserError) as refused:
        records.check_report(raw, TODAY)
    assert refused.value.field == field


def test_only_the_convener_writes_from_a_phone_and_only_while_reports_are_open():
    records.check_may_write_report(reports_are_open=True, convener_id=3, participant_id=3)
    with pytest.raises(NotAllowed):
        records.check_may_write_report(reports_are_open=True, convener_id=3, participant_id=4)
    with pytest.raises(NotAllowed):
        records.check_may_write_report(reports_are_open=True, convener_id=None,
                                       participant_id=4)
    with pytest.raises(NotAllowed):
        records.check_may_write_report(reports_are_open=False, convener_id=3,
                                       participant_id=3)


def test_lines_split_a_box_into_list_items():
    assert records.lines("- One\n\n• Two \n* Three") == ["One", "Two", "Three"]


# -- the service --------------------------------------------------------------------------

def test_the_convener_writes_and_changes_the_report(event, make_participant, make_topic):
    ann = make_participant(event, "Ann")
    topic = make_topic(event, ann)

    report, changed = reports.save(event, ann, "report-id-0001", topic.id, REPORT, today=TODAY)
    again, changed_again = reports.save(event, ann, "report-id-0001", topic.id,
                                        {"discussed": "A retry of the first send"},
                                        today=TODAY)

    assert (changed, changed_again, again.discussed) == (True, False, "How carers get a break")
    assert (report.people_count, report.names, report.source, report.participant_id) == (
        7, "Ann, Bo", "phone", ann.id)
    assert report.actions == [{"what": "Write the one-page guide", "owner": "Ann",
                               "due": "2027-01-31"}]
    reports.save(event, ann, "report-id-0002", topic.id, {"discussed": "Changed"},
                 today=TODAY)
    db.session.expire_all()
    assert (reports.report_of(topic).discussed, reports.report_of(topic).actions) == (
        "Changed", [])
    assert count() == 1


def test_others_cannot_write_a_topics_report_from_a_phone(event, make_participant,
                                                          make_topic):
    topic = make_topic(event, make_participant(event, "Ann"))
    with pytest.raises(NotAllowed):
        reports.save(event, make_participant(event, "Bo"), "report-id-0001", topic.id, REPORT,
                     today=TODAY)
    paper_card = make_topic(event, None, title="From a paper card")
    with pytest.raises(NotAllowed):
        reports.save(event, make_participant(event, "Bo"), "report-id-0002", paper_card.id,
                     REPORT, today=TODAY)
    assert count() == 0


def test_closed_reports_stop_phones_but_not_paper(event, stage, make_participant, make_topic):
    ann = make_participant(event, "Ann")
    topic = make_topic(event, ann)
    reports.set_reports_open(event, stage.id, False)
    assert views.phones(event, stage)["reports_open"] is False
    with pytest.raises(NotAllowed):
        reports.save(event, ann, "report-id-0001", topic.id, REPORT, today=TODAY)

    report, _ = reports.save(event, None, "report-id-0002", topic.id, REPORT, source="paper",
                             today=TODAY)

    assert (report.source, report.participant_id) == ("paper", None)
    reports.set_reports_open(event, stage.id, True)
    assert views.phones(event, stage)["reports_open"] is True


def test_a_hidden_or_other_events_topic_has_no_report(event, make_event, make_participant,
                                                      make_topic):
    ann = make_participant(event, "Ann")
    hidden = make_topic(event, ann)
    service.hide(event, hidden.id, True)
    with pytest.raises(NotFound):
        reports.save(event, ann, "report-id-0001", hidden.id, REPORT, today=TODAY)
    theirs = make_topic(make_event(status="live"), None)
    with pytest.raises(NotFound):
        reports.save(event, None, "report-id-0002", theirs.id, REPORT, source="paper",
                     today=TODAY)


def test_a_merged_topics_report_moves_to_the_kept_one_when_it_has_none(
        event, make_participant, make_topic):
    ann = make_participant(event, "Ann")
    keep, other, third = (make_topic(event, ann, title=t) for t in ("Carers", "Carer", "Care"))
    reports.save(event, ann, "report-id-0001", other.id, REPORT, today=TODAY)
    reports.save(event, ann, "report-id-0002", keep.id, {"discussed": "Kept's own"},
                 today=TODAY)
    reports.save(event, ann, "report-id-0003", third.id, {"discussed": "Third's"},
                 today=TODAY)

    service.merge(event, keep.id, other.id)     # keep has its own: it stays
    assert reports.report_of(keep).discussed == "Kept's own"
    fresh = make_topic(event, ann, title="Fresh")
    service.merge(event, fresh.id, third.id)    # fresh has none: third's moves over
    assert reports.report_of(fresh).discussed == "Third's"


# -- over Socket.IO -----------------------------------------------------------------------

def test_the_conveners_report_reaches_the_console_and_closing_reaches_phones(
        live_event, console, make_phone):
    ann = make_phone(live_event, "Ann")
    space = stage_id(live_event, "open_space")
    assert console.emit("go_to_stage", {"stage_id": space})["ok"]
    topic = ann.emit("propose_topic", {"id": client_id(1), "stage_id": space,
                                       "title": "Breaks"})["topic_id"]
    console.received()
    payload = {"id": client_id(2), "topic_id": topic, **REPORT, "people_count": 7}

    ack = ann.emit("save_report", payload)
    again = ann.emit("save_report", payload)

    assert (ack["ok"], ack["duplicate"], again["duplicate"]) == (True, False, True)
    (saved,) = console.received("report_saved")
    assert (saved["topic_id"], saved["report"]["people_count"],
            saved["report"]["actions"][0]["owner"]) == (topic, 7, "Ann")
    assert console.emit("set_reports_open", {"stage_id": space, "open": False}) == {
        "ok": True, "open": False}
    assert ann.received("board_changed")[-1]["stage"]["reports_open"] is False
    refused = ann.emit("save_report", {**payload, "id": client_id(3)})
    assert refused["reason"] == "not_allowed"


def test_a_phone_cannot_close_reports(live_event, make_phone):
    ann = make_phone(live_event)
    ack = ann.emit("set_reports_open", {"stage_id": stage_id(live_event, "open_space"),
                                        "open": False})
    assert ack["reason"] == "not_allowed"


# -- pages without JavaScript -------------------------------------------------------------

def join(client, event, name="Ann"):
    token = csrf_token(client, f"/j/{event.code}")
    assert client.post(f"/j/{event.code}", data={"csrf_token": token, "name": name}
                       ).status_code == 302


def hidden_value(html: str, name: str) -> str:
    return re.findall(rf'name="{name}"(?: type="hidden")? value="([^"]*)"', html)[-1]


def report_data(html: str, **changes) -> dict:
    data = {"csrf_token": hidden_value(html, "csrf_token"),
            "client_id": hidden_value(html, "client_id"),
            "discussed": "How carers get a break", "people_count": "7", "names": "Ann",
            "key_points": "Respite\nForms", "recommendations": "One page",
            "actions-0-what": "Write the guide", "actions-0-owner": "Ann",
            "actions-0-due": "2027-01-31", "actions-1-what": "", "actions-1-owner": "",
            "actions-1-due": "", "actions-2-what": "", "actions-2-owner": "",
            "actions-2-due": ""}
    return {**data, **changes}


def my_topic(client, event, stage, title="Breaks <b>now</b>"):
    from facilitate.store.models import Participant
    join(client, event)
    ann = db.session.scalars(select(Participant).order_by(Participant.id.desc())).first()
    topic, _ = service.propose(event, ann, "topic-id-0001", stage.id, title)
    return topic


def test_the_convener_fills_the_report_on_one_phone_screen(client, event, stage):
    topic = my_topic(client, event, stage)
    live.go_to_stage(event, stage.id)
    assert f"/j/{event.code}/reports/{topic.id}" in client.get(
        f"/j/{event.code}/live").get_data(as_text=True)
    url = f"/j/{event.code}/reports/{topic.id}"
    html = client.get(url).get_data(as_text=True)
    assert "Report: Breaks &lt;b&gt;now&lt;/b&gt;" in html and "<b>now" not in html

    first = client.post(url, data=report_data(html))
    again = client.post(url, data=report_data(html))   # sent twice

    assert (first.status_code, again.status_code) == (302, 302)
    report = db.session.scalars(select(TopicReport)).one()
    assert (report.people_count, report.source, report.actions) == (
        7, "phone", [{"what": "Write the guide", "owner": "Ann", "due": "2027-01-31"}])
    page = client.get(url).get_data(as_text=True)   # editable: the form holds it
    assert "How carers get a break" in page and 'value="Write the guide"' not in page
    assert re.search(r">\s*Write the guide</textarea>", page)


def test_a_wrong_report_by_the_plain_form_says_what_to_fix(client, event, stage):
    topic = my_topic(client, event, stage)
    url = f"/j/{event.code}/reports/{topic.id}"
    html = client.get(url).get_data(as_text=True)
    response = client.post(url, data=report_data(html, **{"actions-1-owner": "Bo",
                                                          "people_count": "lots"}))
    assert response.status_code == 422
    assert "Write how many took part as a whole number, like 8." in response.get_data(
        as_text=True)
    assert count() == 0


def test_another_phone_cannot_open_the_report_page(app, client, event, stage):
    topic = my_topic(client, event, stage)
    other = app.test_client()
    join(other, event, "Bo")
    assert other.get(f"/j/{event.code}/reports/{topic.id}").status_code == 404


@pytest.fixture
def facilitator(app, event):
    client = app.test_client()
    assert log_in(client, event.facilitators[0].user.email).status_code == 302
    return client


def test_a_facilitator_types_in_a_paper_report_and_closes_reports(facilitator, event, stage,
                                                                  make_topic):
    topic = make_topic(event, None, title="From a paper card")
    base = f"/console/events/{event.code}/open-space/{stage.id}"
    listing = facilitator.get(f"{base}/reports").get_data(as_text=True)
    assert "Reports written: 0 of 1 topics" in listing and "Type in a paper report" in listing
    url = f"{base}/topics/{topic.id}/report"
    html = facilitator.get(url).get_data(as_text=True)

    response = facilitator.post(url, data=report_data(html))

    assert response.status_code == 302
    report = db.session.scalars(select(TopicReport)).one()
    assert (report.source, report.participant_id) == ("paper", None)
    listing = facilitator.get(f"{base}/reports").get_data(as_text=True)
    assert "Reports written: 1 of 1 topics" in listing and "from paper" in listing
    token = hidden_value(listing, "csrf_token")
    facilitator.post(f"{base}/reports/open", data={"csrf_token": token, "value": "close"})
    db.session.expire_all()
    assert reports.reports_open(stage) is False


def test_another_facilitator_cannot_see_or_write_reports(app, event, stage, make_user,
                                                         make_topic):
    topic = make_topic(event, None)
    stranger = app.test_client()
    log_in(stranger, make_user("stranger@example.org").email)
    base = f"/console/events/{event.code}/open-space/{stage.id}"
    assert stranger.get(f"{base}/reports").status_code == 404
    assert stranger.get(f"{base}/topics/{topic.id}/report").status_code == 404
    token = csrf_token(stranger, "/console/")
    assert stranger.post(f"{base}/reports/open", data={"csrf_token": token,
                                                       "value": "close"}).status_code == 404
    db.session.expire_all()
    assert reports.reports_open(stage) is True
