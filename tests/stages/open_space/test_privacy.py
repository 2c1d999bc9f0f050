"""One person's open-space data: shown to them whole; on deletion their topics stay the group's."""

import datetime as dt
import json
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from facilitate.extensions import db
from facilitate.services import privacy
from facilitate.stages.open_space import service
from facilitate.store.models import CheckIn, Event, Participant, Topic, TopicInterest
from tests.export.helpers import export_bytes, join, open_workbook, rows_of

PLAN = """
[event]
title = "Open space day"
date = 2030-05-14

[[stages]]
kind = "open_space"
title = "Open space"
spaces = [{name = "Main Hall", capacity = 40}, "Room 1"]
slots = ["11:00-11:45", "12:00-12:45"]
"""
HALL, ROOM_1 = 1, 2
MORNING = 1


@pytest.fixture
def board(make_event, monkeypatch):
    """Ann convenes a topic Bo marks and is at; Ann marks Bo's topic and is there at 11:00;
    Ann's duplicate was merged into her first topic."""
    event = make_event(plan=PLAN, status="live")
    stage = next(s for s in event.stages if s.kind == "open_space")
    ann, bo = join(event, "Ann Jones", show_name=True), join(event, "Bo")
    transport, _ = service.propose(event, ann, "topic-0001", stage.id, "Transport to meetings",
                                   "Buses stop at six.", show_name=True, name="Ann")
    duplicate, _ = service.propose(event, ann, "topic-0002", stage.id, "Buses", show_name=True,
                                   name="Ann")
    paying, _ = service.propose(event, bo, "topic-0003", stage.id, "Paying carers")
    service.place(event, transport.id, HALL, MORNING)
    service.place(event, paying.id, ROOM_1, MORNING)
    service.merge(event, transport.id, duplicate.id)
    service.mark_interest(event, bo, transport.id, True)
    service.mark_interest(event, ann, paying.id, True)
    monkeypatch.setattr(service, "local_now", lambda: dt.datetime(2030, 5, 14, 11, 5))
    service.check_in(event, bo, transport.id)
    service.check_in(event, ann, paying.id)
    db.session.commit()
    return SimpleNamespace(event=event, ann=ann, bo=bo, transport=transport,
                           duplicate=duplicate, paying=paying)


def test_subject_access_shows_the_topics_marks_and_check_ins_of_the_person(board):
    held = privacy.subject_access(board.ann)
    assert [(t["title"], t["convener_name"], t["merged_into_id"]) for t in held["topics"]] == [
        ("Transport to meetings", "Ann", None), ("Buses", "Ann", board.transport.id)]
    assert [m["topic_id"] for m in held["topic_interests"]] == [board.paying.id]
    assert [(c["topic_id"], c["slot_id"]) for c in held["check_ins"]] == [
        (board.paying.id, MORNING)]
    mark = db.session.scalar(select(TopicInterest).where(
        TopicInterest.participant_id == board.ann.id))
    here = db.session.scalar(select(CheckIn).where(CheckIn.participant_id == board.ann.id))
    assert held["topics_marked"] == [{"topic_id": board.paying.id, "title": "Paying carers",
                                      "marked_at": mark.created_at.isoformat()}]
    assert held["topics_checked_in_to"] == [
        {"topic_id": board.paying.id, "title": "Paying carers", "slot": "11:00–11:45",
         "checked_in_at": here.created_at.isoformat()}]


def test_subject_access_holds_nothing_of_others_and_no_secret(board):
    text = json.dumps(privacy.subject_access(board.ann))
    assert [m["topic_id"] for m in privacy.subject_access(board.bo)["topic_interests"]] == [
        board.transport.id]
    assert f'"participant_id": {board.bo.id}' not in text
    assert board.transport.client_id not in text
    assert board.ann.public_id not in text


def test_deleting_a_convener_keeps_their_topics_without_their_name(board):
    bo_id, transport_id = board.bo.id, board.transport.id
    privacy.delete_person(board.ann)   # the session forgets every row it held
    topics = db.session.scalars(select(Topic).order_by(Topic.id)).all()
    assert [(t.title, t.description, t.participant_id, t.convener_name, t.space_id, t.slot_id,
             t.merged_into_id) for t in topics] == [
        ("Transport to meetings", "Buses stop at six.", None, "", HALL, MORNING, None),
        ("Buses", "", None, "", None, None, transport_id),
        ("Paying carers", "", bo_id, "", ROOM_1, MORNING, None)]
    assert db.session.scalars(select(Participant.display_name)).all() == ["Bo"]


def test_deleting_a_person_removes_their_marks_and_check_ins_and_keeps_others(board):
    bo_id, transport_id = board.bo.id, board.transport.id
    privacy.delete_person(board.ann)
    assert db.session.execute(select(TopicInterest.participant_id, TopicInterest.topic_id)
                              ).all() == [(bo_id, transport_id)]
    assert db.session.execute(select(CheckIn.participant_id, CheckIn.topic_id)).all() == [
        (bo_id, transport_id)]


def test_a_deleted_conveners_topic_stays_in_the_workbook_as_anonymous(board):
    event_id = board.event.id
    privacy.delete_person(board.ann)
    event = db.session.get(Event, event_id)
    topics = rows_of(open_workbook(export_bytes(event))["Topics"])
    assert [(t["Topic"], t["Convener"], t["Interest"], t["Peak headcount"]) for t in topics] \
        == [("Transport to meetings", "anonymous", 1, 1), ("Paying carers", "anonymous", 0, 1)]
