"""'Me too' as the services see it: once a person, only on the wall, never on one's own, taken
back; the screen's wall by me too; the workbook's column; one person's data shown and deleted."""

import pytest
from sqlalchemy import func, select

from facilitate.domain.errors import EventClosed, NotAllowed, NotFound, SendingPaused, UserError
from facilitate.extensions import db
from facilitate.services import events, live, privacy
from facilitate.services.snapshots import view_of
from facilitate.stages.reflection import rules, service, views
from facilitate.store.models import ReflectionSupport
from tests.export.helpers import export_bytes, hide_reflection, open_workbook, reflect, rows_of
from tests.stages.reflection.conftest import reflection_stage


def supports() -> int:
    return db.session.scalar(select(func.count(ReflectionSupport.id)))


def test_me_too_counts_once_a_person_however_often_said(event, people):
    ann, bo, cy = people
    listening = reflect(event, ann, "Nobody listened to my mum")

    service.say_me_too(event, bo, listening.id)
    service.say_me_too(event, bo, listening.id)
    _, me_too, count = service.say_me_too(event, cy, listening.id, True)

    assert (me_too, count) == (True, 2)
    assert supports() == 2


def test_me_too_is_taken_back_and_taking_back_twice_is_harmless(event, people):
    ann, bo, _ = people
    listening = reflect(event, ann, "Nobody listened to my mum")
    service.say_me_too(event, bo, listening.id)

    assert service.say_me_too(event, bo, listening.id, False)[1:] == (False, 0)
    assert service.say_me_too(event, bo, listening.id, False)[1:] == (False, 0)
    assert supports() == 0


def test_me_too_only_on_a_shown_reflection(event, people):
    ann, bo, _ = people
    hidden = hide_reflection(event, reflect(event, ann, "Something rude"))
    events.update_event(event, title=event.title, date=event.date, venue=event.venue,
                        description=event.description, moderation="approve")
    waiting = reflect(event, ann, "Waiting for approval")

    for reflection in (hidden, waiting):
        with pytest.raises(NotFound, match="not on the wall"):
            service.say_me_too(event, bo, reflection.id)
    assert supports() == 0


def test_me_too_not_on_ones_own_reflection(event, people):
    ann, _, _ = people
    mine = reflect(event, ann, "Transport is the barrier")

    with pytest.raises(NotAllowed, match="You wrote this one"):
        service.say_me_too(event, ann, mine.id)


def test_me_too_refuses_other_events_reflections_and_wrong_ids(event, people, make_event):
    from tests.export.helpers import join

    other = make_event(status="live")
    live.go_to_stage(other, reflection_stage(other).id)
    elsewhere = reflect(other, join(other, "Dee"), "Another town")
    _, bo, _ = people

    with pytest.raises(NotFound):
        service.say_me_too(event, bo, elsewhere.id)
    for wrong in ("1", 1.0, True, None, -1, 10**12):
        with pytest.raises(UserError):
            service.say_me_too(event, bo, wrong)
    with pytest.raises(UserError):
        service.say_me_too(event, bo, elsewhere.id, "yes")
    assert supports() == 0


def test_me_too_waits_while_sending_is_paused_and_stops_when_the_event_closes(event, people):
    ann, bo, _ = people
    listening = reflect(event, ann, "Nobody listened")
    live.set_locked(event, True)
    with pytest.raises(SendingPaused):
        service.say_me_too(event, bo, listening.id)
    live.set_locked(event, False)
    events.set_status(event, "closed")
    with pytest.raises(EventClosed):
        service.say_me_too(event, bo, listening.id)


def test_wall_orders_by_me_too_then_newest():
    items = [{"id": 1, "me_too": 2}, {"id": 2, "me_too": 0}, {"id": 3, "me_too": 2},
             {"id": 4, "me_too": 5}]

    assert [i["id"] for i in rules.ordered(items, "me_too")] == [4, 3, 1, 2]
    assert [i["id"] for i in rules.ordered(items, "newest")] == [4, 3, 2, 1]
    assert rules.wall_order({"wall_order": "loudest"}) == "newest"


def test_screen_view_holds_counts_and_the_order_the_facilitator_chose(event, people):
    ann, bo, cy = people
    stage = reflection_stage(event)
    first = reflect(event, ann, "Transport")
    second = reflect(event, bo, "Being heard")
    service.say_me_too(event, bo, first.id)
    service.say_me_too(event, cy, first.id)

    assert view_of(event, stage, "screen")["order"] == "newest"
    service.set_wall_order(event, "me_too")

    screen = view_of(event, stage, "screen")
    assert screen["order"] == "me_too"
    assert [(r["id"], r["me_too"]) for r in screen["reflections"]] == [(first.id, 2),
                                                                      (second.id, 0)]
    assert view_of(event, stage, "console")["order"] == "me_too"
    with pytest.raises(UserError):
        service.set_wall_order(event, "loudest")


def test_wall_order_needs_a_reflection_on_show(event, people):
    live.go_to_stage(event, next(s.id for s in event.stages if s.kind == "welcome"))
    with pytest.raises(NotFound):
        service.set_wall_order(event, "me_too")


def test_a_phone_sees_the_wall_and_its_own_me_too(event, people):
    ann, bo, _ = people
    stage = reflection_stage(event)
    first = reflect(event, ann, "Transport")
    hide_reflection(event, reflect(event, ann, "Hidden one"))
    service.say_me_too(event, bo, first.id)

    assert view_of(event, stage, "phones")["wall"] == [{"id": first.id, "text": "Transport"}]
    assert {"kind": "me_too", "id": first.id} in views.mine(bo, stage)
    assert service.wall_for(event, bo, stage.id) == {
        "stage_id": stage.id, "wall": [{"id": first.id, "text": "Transport"}],
        "me_too": [first.id]}


def test_workbook_reflections_sheet_has_a_me_too_column(event, people):
    ann, bo, cy = people
    first = reflect(event, ann, "Transport")
    reflect(event, bo, "Being heard")
    service.say_me_too(event, bo, first.id)
    service.say_me_too(event, cy, first.id)

    sheet = open_workbook(export_bytes(event))["Reflections"]

    rows = rows_of(sheet)
    assert [(r["Reflection"], r["Me too"]) for r in rows] == [("Transport", 2),
                                                               ("Being heard", 0)]


def test_one_persons_me_too_is_in_their_data_and_goes_when_they_are_deleted(event, people):
    ann, bo, _ = people
    first = reflect(event, ann, "Transport")
    service.say_me_too(event, bo, first.id)
    bo_id, first_id = bo.id, first.id

    held = privacy.subject_access(bo)
    assert [row["reflection_id"] for row in held["reflection_supports"]] == [first_id]
    assert privacy.subject_access(ann)["reflection_supports"] == []

    privacy.delete_person(bo)

    assert db.session.scalar(select(func.count(ReflectionSupport.id))
                             .where(ReflectionSupport.participant_id == bo_id)) == 0
    assert views.me_too_counts([first_id]) == {}
