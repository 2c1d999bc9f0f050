"""Who is in the room: joined people counted by role group, one group a person, no role needed;
the split polls and the ladder use; the screen's switch."""

import pytest

from facilitate.domain.errors import UserError
from facilitate.extensions import db
from facilitate.services import room
from facilitate.store.models import Participant
from tests.export.helpers import join


def test_joined_people_are_counted_once_each_in_their_group(make_event):
    event = make_event(status="live")
    join(event, "Ann", roles=("Person who draws on care and support", "Provider"))
    join(event, "Bo", roles=("Unpaid carer",))
    join(event, "Cy", roles=("NHS", "Commissioner"))
    join(event, "Dee", roles=("Voluntary or community organisation",))
    join(event, "Ed", roles=("Other",))
    join(event, "Fay", roles=("Prefer not to say",))
    join(event, "Gus")
    # Typed in from paper: not one of the people who joined on a phone.
    db.session.add(Participant(event_id=event.id, public_id="paper-person-1", source="paper",
                               roles=["NHS"]))
    db.session.commit()

    assert room.counts(event) == {"care": 2, "community": 1, "services": 1, "other": 1,
                                  "none": 2}
    view = room.view(event)
    assert view["joined"] == 7 and view["shown"] is False
    assert [(g["group"], g["count"]) for g in view["groups"]] == [
        ("care", 2), ("community", 1), ("services", 1), ("other", 1), ("none", 2)]


def test_an_empty_room_names_every_group_with_none_in_it(make_event):
    event = make_event(status="live")
    assert room.counts(event) == {"care": 0, "community": 0, "services": 0, "other": 0,
                                  "none": 0}


def test_groups_of_splits_the_people_asked_about(make_event):
    event = make_event(status="live")
    ann = join(event, "Ann", roles=("Unpaid carer",))
    bo = join(event, "Bo", roles=("Local authority",))
    cy = join(event, "Cy")

    assert room.groups_of(event, [ann.id, bo.id]) == {ann.id: "care", bo.id: "services"}
    assert room.groups_of(event) == {ann.id: "care", bo.id: "services", cy.id: "none"}
    assert room.groups_of(event, []) == {}


def test_the_screen_shows_the_room_only_when_switched_on(make_event):
    event = make_event(status="live")
    assert room.shown(event) is False
    assert room.show_on_screen(event, True) is True
    assert room.shown(event) is True and event.settings["show_room"] is True
    assert room.show_on_screen(event, False) is False
    for wrong in ("yes", 1, None):
        with pytest.raises(UserError):
            room.show_on_screen(event, wrong)


def test_room_counts_group_the_roles_on_postgresql_too(fresh_postgres_url):
    from facilitate import create_app
    from facilitate.resources import demo_plan_path
    from facilitate.services import accounts, events

    app = create_app({"TESTING": True, "SECRET_KEY": "x", "ASYNC_MODE": "threading",
                      "SQLALCHEMY_DATABASE_URI": fresh_postgres_url})
    with app.app_context():
        owner, _ = accounts.create_user("owner@example.org", "a long password here", "Sam")
        event = events.create_event_from_plan_text(owner, demo_plan_path().read_bytes())
        for name, roles in [("Ann", ("Unpaid carer",)), ("Bo", ("Unpaid carer",)),
                            ("Cy", ("NHS",)), ("Dee", ())]:
            join(event, name, roles=roles)

        assert room.counts(event) == {"care": 2, "community": 0, "services": 1, "other": 0,
                                      "none": 1}
        db.session.remove()
        db.engine.dispose()
