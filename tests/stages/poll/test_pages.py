"""Polls and the ladder as pages, without JavaScript: a phone answers by the plain form (and
changes it), sees results only once revealed; the facilitator runs the questions from the run
page, adds and edits questions, types in paper counts; other facilitators' events are 404."""

import re

import pytest
from sqlalchemy import func, select

from facilitate.extensions import db
from facilitate.services import live
from facilitate.stages.poll import service, views
from facilitate.store.models import PollAnswer
from tests.conftest import csrf_token, log_in
from tests.stages.poll.conftest import HOW_HEARD, LISTENED, NOW, WANT, stage_of


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)))


def stage_text(response) -> str:
    """What the phone page shows of the stage (not the words kept for its scripts)."""
    html = response.get_data(as_text=True)
    html = html[html.index('id="stage"'):html.index("<noscript>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def join(client, event, name="Ann"):
    token = csrf_token(client, f"/j/{event.code}")
    assert client.post(f"/j/{event.code}", data={"csrf_token": token, "name": name}
                       ).status_code == 302


def phone_page(client, event, **args):
    return client.get(f"/j/{event.code}/live", query_string=args)


def hidden_value(html: str, name: str) -> str:
    return re.search(rf'name="{name}" value="([^"]*)"', html).group(1)


def send(client, event, kind, **answers):
    html = phone_page(client, event).get_data(as_text=True)
    data = {"csrf_token": hidden_value(html, "csrf_token"),
            "client_id": hidden_value(html, "client_id"),
            "stage_id": str(stage_of(event, kind).id), **answers}
    return client.post(f"/j/{event.code}/answers", data=data)


@pytest.fixture
def facilitator(app, event):
    client = app.test_client()
    assert log_in(client, event.facilitators[0].user.email).status_code == 302
    return client


def console_question(event, kind, question_id):
    view = views.console(event, stage_of(event, kind))
    return next(q for q in view["questions"] if q["id"] == question_id)


def test_a_phone_answers_a_poll_by_the_plain_form_and_changes_its_answer(client, event):
    join(client, event)
    live.go_to_stage(event, stage_of(event, "poll").id)
    page = stage_text(phone_page(client, event))
    assert "Question 1 of 3" in page and "How did you hear about today?" in page
    assert "From a friend or family" in page and "Results" not in page

    assert send(client, event, "poll", q1="2").status_code == 302
    assert "Sent. You can change your answer" in text_of(phone_page(client, event))
    send(client, event, "poll", q1="1")

    assert [c["phone"] for c in console_question(event, "poll", HOW_HEARD)["counts"]] == [
        0, 1, 0, 0]
    assert 'value="1" checked' in phone_page(client, event).get_data(as_text=True)


def test_the_same_page_sent_twice_counts_once_and_a_change_from_it_counts(client, event):
    join(client, event)
    live.go_to_stage(event, stage_of(event, "poll").id)
    html = phone_page(client, event).get_data(as_text=True)
    form = {"csrf_token": hidden_value(html, "csrf_token"),
            "client_id": hidden_value(html, "client_id"),
            "stage_id": str(stage_of(event, "poll").id)}
    for choice in ("2", "2", "3"):     # a retry, then Back and another answer
        client.post(f"/j/{event.code}/answers", data={**form, "q1": choice})
    assert db.session.scalar(select(func.count(PollAnswer.id))) == 2
    assert [c["phone"] for c in console_question(event, "poll", HOW_HEARD)["counts"]] == [
        0, 0, 0, 1]


def test_a_closed_question_refuses_a_plain_answer_plainly(client, event):
    join(client, event)
    poll = stage_of(event, "poll")
    live.go_to_stage(event, poll.id)
    service.control(event, poll.id, HOW_HEARD, "close")
    send(client, event, "poll", q1="1")
    assert "This question has closed" in stage_text(phone_page(client, event))
    assert db.session.scalar(select(func.count(PollAnswer.id))) == 0


def test_results_show_on_the_phone_only_once_revealed(client, event, make_participant):
    join(client, event)
    poll = stage_of(event, "poll")
    live.go_to_stage(event, poll.id)
    service.answer(event, make_participant(event, "Bo"), "answer-id-0001", poll.id, HOW_HEARD,
                   [3])
    assert "Another way 1" not in stage_text(phone_page(client, event))
    service.control(event, poll.id, HOW_HEARD, "reveal")
    assert "Another way 1" in stage_text(phone_page(client, event))


def test_the_ladder_on_a_phone_plain_and_easy_read(client, event):
    join(client, event)
    live.go_to_stage(event, stage_of(event, "ladder").id)
    page = stage_text(phone_page(client, event))
    assert "Where are we now?" in page and "Where do we want to be?" in page
    assert "7. Co-production" in page and "1. Coercion" in page
    assert "Think Local Act Personal (TLAP)" in page
    assert "National Co-production Advisory Group" in page
    easy = phone_page(client, event, easy="1").get_data(as_text=True)
    assert 'class="ladder-phone easy-read"' in easy and "<svg" in easy

    send(client, event, "ladder", q1="3", q2="6")
    assert [c["phone"] for c in console_question(event, "ladder", NOW)["counts"]] == [
        0, 0, 1, 0, 0, 0, 0]
    assert [c["phone"] for c in console_question(event, "ladder", WANT)["counts"]] == [
        0, 0, 0, 0, 0, 1, 0]


def test_a_rung_that_does_not_exist_is_refused(client, event):
    join(client, event)
    live.go_to_stage(event, stage_of(event, "ladder").id)
    send(client, event, "ladder", q1="9")
    assert "not one of the choices" in text_of(phone_page(client, event))


def test_the_run_page_runs_the_poll_without_javascript(facilitator, event):
    poll = stage_of(event, "poll")
    live.go_to_stage(event, poll.id)
    run = f"/console/events/{event.code}/run"
    page = text_of(facilitator.get(run))
    assert "Question 1 of 3:" in page and "Show results" in page
    token = csrf_token(facilitator, run)
    facilitator.post(f"{run}/poll", data={"csrf_token": token, "value": f"{poll.id}:1:reveal"})
    assert "Ask the next question" in page
    facilitator.post(f"{run}/poll", data={"csrf_token": token, "value": f"{poll.id}:2:ask"})
    db.session.refresh(poll)
    assert service.current_id(poll) == 2
    assert service.state_of(poll, service.question_of(poll, HOW_HEARD)).revealed is True
    page = text_of(facilitator.get(run))
    assert "Question 2 of 3: Which two things would help you take part more?" in page


def test_questions_are_added_and_changed_in_the_console(facilitator, event):
    poll = stage_of(event, "poll")
    path = f"/console/events/{event.code}/polls/{poll.id}"
    token = csrf_token(facilitator, path)
    response = facilitator.post(f"{path}/questions", data={
        "csrf_token": token, "text": "Shall we meet again?", "kind": "multiple",
        "options": "Yes\nNo\nMaybe", "max_choices": "2", "scale": "1-5"})
    assert response.status_code == 302
    added = service.questions_of(poll)[-1]
    assert (added.id, added.text, added.max_choices) == (LISTENED + 1, "Shall we meet again?", 2)

    edit = f"{path}/questions/{added.id}"
    assert 'value="Shall we meet again?"' in facilitator.get(edit).get_data(as_text=True)
    facilitator.post(edit, data={"csrf_token": token, "text": "Shall we meet in spring?",
                                 "kind": "scale", "scale": "0-10", "low": "No", "high": "Yes"})
    db.session.refresh(poll)
    assert service.question_of(poll, added.id).values == tuple(range(11))

    bad = facilitator.post(f"{path}/questions", data={"csrf_token": token, "text": "Only one",
                                                      "kind": "single", "options": "Yes"})
    assert bad.status_code == 422 and "Give at least two options." in text_of(bad)


def test_paper_counts_are_typed_in_and_shown_apart(facilitator, event):
    poll = stage_of(event, "poll")
    path = f"/console/events/{event.code}/polls/{poll.id}/paper/{HOW_HEARD}"
    token = csrf_token(facilitator, path)
    response = facilitator.post(path, data={"csrf_token": token, "count-0": "4", "count-1": "",
                                            "count-2": "2", "count-3": "0"})
    assert response.status_code == 302
    assert [c["paper"] for c in console_question(event, "poll", HOW_HEARD)["counts"]] == [
        4, 0, 2, 0]
    bad = facilitator.post(path, data={"csrf_token": token, "count-0": "-3"})
    assert bad.status_code == 422 and "whole number" in text_of(bad)


def test_other_facilitators_and_strangers_are_kept_out(app, event, make_user):
    poll = stage_of(event, "poll")
    stranger = app.test_client()
    other = make_user("other@example.org")
    assert log_in(stranger, other.email).status_code == 302
    base = f"/console/events/{event.code}/polls/{poll.id}"
    for path in (base, f"{base}/questions/1", f"{base}/paper/1"):
        assert stranger.get(path).status_code == 404
        assert app.test_client().get(path).status_code == 302   # to the login page


def test_forms_without_a_csrf_token_change_nothing(facilitator, event):
    poll = stage_of(event, "poll")
    base = f"/console/events/{event.code}/polls/{poll.id}"
    facilitator.post(f"{base}/questions", data={"text": "Q?", "options": "A\nB"})
    facilitator.post(f"{base}/paper/1", data={"count-0": "5"})
    facilitator.post(f"{base}/questions/1/remove", data={})
    db.session.refresh(poll)
    assert len(service.questions_of(poll)) == 3
    assert service.state_of(poll, service.question_of(poll, HOW_HEARD)).paper == {}


def test_a_hostile_question_is_escaped_on_every_page(facilitator, client, event):
    poll = stage_of(event, "poll")
    service.save_question(event, poll.id, {"text": "<script>alert(1)</script>",
                                           "options": ["<b>yes</b>", "no"]})
    service.control(event, poll.id, LISTENED + 1, "ask")
    live.go_to_stage(event, poll.id)
    join(client, event)
    for html in (phone_page(client, event).get_data(as_text=True),
                 facilitator.get(f"/console/events/{event.code}/run").get_data(as_text=True),
                 facilitator.get(f"/console/events/{event.code}/polls/{poll.id}"
                                 ).get_data(as_text=True)):
        assert "<script>alert(1)</script>" not in html and "<b>yes</b>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_ladder_is_compared_with_an_earlier_event_from_the_console(facilitator, event,
                                                                    make_event,
                                                                    make_participant):
    owner = event.facilitators[0].user
    march = make_event(owner=owner, status="live")
    before = stage_of(march, "ladder")
    service.answer(march, make_participant(march, "Ann"), "march-id-0001", before.id, NOW, [4])
    ladder = stage_of(event, "ladder")
    path = f"/console/events/{event.code}/ladders/{ladder.id}/earlier"
    page = facilitator.get(path).get_data(as_text=True)
    assert f'value="{before.id}"' in page
    token = csrf_token(facilitator, path)
    assert facilitator.post(path, data={"csrf_token": token, "earlier": str(before.id)}
                            ).status_code == 302
    assert "then the room put it at Consultation" in text_of(facilitator.get(path))

    # A ladder of an event this facilitator does not run cannot be chosen.
    other = make_event(status="live")
    facilitator.post(path, data={"csrf_token": token, "earlier": str(stage_of(other, "ladder").id)})
    assert "Choose a ladder from the list." in text_of(facilitator.get(path))
    db.session.refresh(ladder)
    assert ladder.state["earlier_stage_id"] == before.id
    assert facilitator.get(f"/console/events/{event.code}/ladders/"
                           f"{stage_of(event, 'poll').id}/earlier").status_code == 404


def test_the_run_page_runs_the_ladder_without_javascript(facilitator, event):
    ladder = stage_of(event, "ladder")
    live.go_to_stage(event, ladder.id)
    run = f"/console/events/{event.code}/run"
    page = text_of(facilitator.get(run))
    assert "Close answers" in page and "Show results" in page
    assert "Compare with an earlier event" in page
    token = csrf_token(facilitator, run)
    facilitator.post(f"{run}/poll", data={"csrf_token": token,
                                          "value": f"{ladder.id}:all:close"})
    db.session.refresh(ladder)
    statuses = {service.state_of(ladder, q).status for q in service.questions_of(ladder)}
    assert statuses == {"closed"}
    assert "Open answers" in text_of(facilitator.get(run))


def test_a_scale_shows_its_median_once_revealed(client, event, make_participant):
    join(client, event)
    poll = stage_of(event, "poll")
    live.go_to_stage(event, poll.id)
    service.control(event, poll.id, LISTENED, "ask")
    for n, value in enumerate((2, 4, 5)):
        service.answer(event, make_participant(event, f"P{n}"), f"answer-id-{n:04d}", poll.id,
                       LISTENED, [value])
    assert "Median" not in stage_text(phone_page(client, event))
    service.control(event, poll.id, LISTENED, "reveal")
    assert "Median: 4" in stage_text(phone_page(client, event))


def test_the_events_page_links_to_the_poll_and_ladder_pages(facilitator, event):
    html = facilitator.get(f"/console/events/{event.code}").get_data(as_text=True)
    assert f"/polls/{stage_of(event, 'poll').id}" in html
    assert f"/ladders/{stage_of(event, 'ladder').id}/earlier" in html
