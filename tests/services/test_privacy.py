"""Data protection: find a person, export all about them, delete them, retention of emails."""

import datetime as dt
import json

from sqlalchemy import func, select

from facilitate.extensions import db
from facilitate.services import privacy
from facilitate.stages.pledges import service as pledges
from facilitate.store.models import Participant, Pledge, ProgressUpdate, Reflection


def count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def test_people_lists_those_with_something_to_find_them_by(make_event, make_participant,
                                                           make_pledge):
    event = make_event()
    ann = make_participant(event, "Ann", "NHS Trust")
    make_participant(event)                       # joined and said nothing: nobody to find
    quiet = make_participant(event)
    make_pledge(event, quiet, action="I will listen")
    make_participant(make_event(), "Ann in another event")
    assert [(p.id, n) for p, n in privacy.people(event)] == [(quiet.id, 1), (ann.id, 0)]


def test_people_search_finds_by_name_email_pledge_or_link(make_event, make_participant,
                                                          make_pledge):
    event = make_event()
    ann = make_participant(event, "Ann", "NHS Trust", email="ann@example.org")
    bo = make_participant(event)
    pledge = make_pledge(event, bo, action="I will start a 100% carers cafe")
    assert [p for p, _ in privacy.people(event, "ann@EXAMPLE")] == [ann]
    assert [p for p, _ in privacy.people(event, "nhs")] == [ann]
    assert [p for p, _ in privacy.people(event, "carers cafe")] == [bo]
    assert [p for p, _ in privacy.people(event, "100%")] == [bo]
    assert privacy.people(event, "_") == []
    link = f"https://events.example.org/f/{pledge.follow_up_token}"
    assert [p for p, _ in privacy.people(event, link)] == [bo]


def test_subject_access_holds_everything_about_one_person(make_event, make_participant,
                                                          make_pledge):
    event = make_event()
    ann = make_participant(event, "Ann", "NHS Trust", ["NHS"], email="ann@example.org")
    pledge = make_pledge(event, ann, action="I will ask", consent_contact=True,
                         email="ann@example.org")
    make_pledge(event, make_participant(event, "Bo"), action="Not Ann's")
    pledges.record_progress(pledge, {"status": "in_progress", "note": "Asked twice"})
    db.session.add(Reflection(event_id=event.id, participant_id=ann.id, client_id="r-000001",
                              text="Ann's reflection"))
    db.session.commit()
    held = privacy.subject_access(ann)
    text = json.dumps(held)
    assert held["person"]["display_name"] == "Ann"
    assert held["person"]["email"] == "ann@example.org"
    assert [p["action"] for p in held["pledges"]] == ["I will ask"]
    assert [r["text"] for r in held["reflections"]] == ["Ann's reflection"]
    assert [u["note"] for u in held["progress_updates"]] == ["Asked twice"]
    assert held["event"]["code"] == event.code
    assert "Not Ann's" not in text
    assert pledge.follow_up_token not in text
    assert ann.public_id not in text


def test_delete_person_erases_them_everywhere_and_no_one_else(make_event, make_participant,
                                                              make_pledge):
    event = make_event()
    ann, bo = make_participant(event, "Ann"), make_participant(event, "Bo")
    pledges.record_progress(make_pledge(event, ann), {"status": "done"})
    pledges.record_progress(make_pledge(event, bo), {"status": "done"})
    db.session.add(Reflection(event_id=event.id, participant_id=ann.id, client_id="r-000001",
                              text="Ann's"))
    db.session.commit()
    privacy.delete_person(ann)
    assert db.session.scalars(select(Participant.display_name)).all() == ["Bo"]
    assert count(Pledge) == 1
    assert count(ProgressUpdate) == 1
    assert count(Reflection) == 0


def test_retention_erases_emails_once_the_period_ends(make_event, make_participant,
                                                      make_pledge):
    event, kept = make_event(), make_event()
    event.retention_days = 182
    db.session.commit()
    ann = make_participant(event, "Ann", email="ann@example.org")
    make_pledge(event, ann, consent_contact=True, email="ann@example.org")
    make_pledge(kept, make_participant(kept, email="bo@example.org"), consent_contact=True,
                email="bo@example.org")
    ends = event.date + dt.timedelta(days=182)
    assert privacy.erase_expired_contacts(today=ends - dt.timedelta(days=1)) == []
    assert ann.email == "ann@example.org"
    assert privacy.erase_expired_contacts(today=ends) == [(event.code, 2)]
    db.session.expire_all()
    assert db.session.scalars(select(Participant.email).where(
        Participant.event_id == event.id)).all() == [""]
    assert db.session.scalars(select(Pledge.email).where(Pledge.event_id == event.id)).all() \
        == [""]
    assert event.settings["contacts_erased_on"] == ends.isoformat()
    assert db.session.scalars(select(Pledge.email).where(Pledge.event_id == kept.id)).all() \
        == ["bo@example.org"]
    # The pledges themselves stay: only contact details go.
    assert count(Pledge) == 2
    assert privacy.erase_expired_contacts(today=ends) == []


def test_retention_command_erases_emails_as_of_a_given_day(app, make_event, make_participant,
                                                           make_pledge):
    from click.testing import CliRunner

    from facilitate.cli import cli

    event = make_event()
    event.retention_days = 91
    db.session.commit()
    make_pledge(event, make_participant(event, email="ann@example.org"), consent_contact=True,
                email="ann@example.org")
    run = CliRunner()
    before = run.invoke(cli, ["retention", "--today", "2027-03-03"], obj=app)
    assert (before.exit_code, before.output) == (0, "No email addresses were due to be erased.\n")
    result = run.invoke(cli, ["retention", "--today", "2027-03-04"], obj=app)
    assert (result.exit_code, result.output) == (0, f"{event.code}: erased 2 email addresses.\n")
    db.session.expire_all()
    assert db.session.scalars(select(Pledge.email)).all() == [""]
    wrong = run.invoke(cli, ["retention", "--today", "03/04/2027"], obj=app)
    assert wrong.exit_code == 2
    assert "Write the date like 2027-06-03." in wrong.output


def test_retention_runs_when_the_app_starts(app_config, tmp_path):
    from facilitate import create_app

    first = create_app(app_config)
    with first.app_context():
        from facilitate.services import accounts, events

        owner, _ = accounts.create_user("owner@example.org", "correct horse battery")
        made = events.create_blank_event(owner, title="Old event", date=dt.date(2020, 1, 1),
                                         venue="", description="")
        made.retention_days = 91
        db.session.add(Participant(event_id=made.id, public_id="p" * 20,
                                   email="old@example.org", consent_contact=True))
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    second = create_app(app_config)
    with second.app_context():
        assert db.session.scalars(select(Participant.email)).all() == [""]
        db.session.remove()
        db.engine.dispose()
