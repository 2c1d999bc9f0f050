"""Pledges: take one (phone or paper) exactly once, edit, withdraw, moderate, follow up.

Every change that the room must see is announced through the live-event mechanism; the
phone form, the plain-form fallback and the facilitator's paper entry all come through here.
"""

import datetime as dt
import logging
from collections import Counter

from sqlalchemy import func, select

from facilitate.domain.codes import new_token
from facilitate.domain.errors import NotAllowed, NotFound, SendingPaused, UserError
from facilitate.domain.ids import client_id as check_client_id
from facilitate.extensions import db
from facilitate.realtime.broadcast import announce
from facilitate.services import sending
from facilitate.services.participants import check_open
from facilitate.stages.pledges import rules
from facilitate.store.models import Event, Participant, Pledge, ProgressUpdate, User, utcnow

log = logging.getLogger(__name__)


def _client_id(value: object) -> str:
    """The id a phone (or a form) made for a pledge."""
    return check_client_id(value, "client_id",
                           "The form was not sent properly. Please send it again.")


def _check(event: Event, raw: dict, today: dt.date | None) -> rules.PledgeFields:
    return rules.check_pledge(raw, themes=list(event.themes or []),
                              roles=list(event.roles or []), today=today or dt.date.today())


def is_open(event: Event) -> bool:
    """True until the facilitator closes pledging (or the event): phones may send, change and
    take back pledges. While sending is paused they wait (see SendingPaused)."""
    return rules.pledging_open(event.settings) and event.status != "closed"


def submit_pledge(event: Event, participant: Participant | None, client_id: str, raw: dict,
                  *, source: str = "phone", today: dt.date | None = None,
                  address: str = "") -> tuple[Pledge, bool]:
    """Store a pledge once whatever the retries. Returns (pledge, created).

    A phone pledge needs its participant and open pledging; a paper pledge (typed in by staff,
    participant None) is taken even after pledging has closed.
    """
    if source not in rules.SOURCES:
        raise UserError("Unknown source.", "source")
    client_id = _client_id(client_id)
    existing = sending.sent_before(Pledge, event, client_id)
    if existing is not None:
        if participant is not None and existing.participant_id != participant.id:
            # Somebody else's id: say nothing about what it belongs to.
            raise UserError("The form was not sent properly. Please send it again.", "client_id")
        return existing, False
    if source == "phone":
        if participant is None or participant.event_id != event.id:
            raise NotAllowed("Please join the event first.")
        check_open(event)
        if not rules.pledging_open(event.settings):
            raise NotAllowed("Pledging has closed. Thank you for taking part.")
        sending.check_can_send(event)
    fields = _check(event, raw, today)
    if source == "phone":
        sending.limit_rate(participant, address)
    pledge = Pledge(
        event_id=event.id, client_id=client_id, action=fields.action,
        due_date=fields.due_date, theme=fields.theme, scope=fields.scope,
        support_needed=fields.support_needed, topic_id=fields.topic_id, display=fields.display,
        consent_contact=fields.consent_contact, email=fields.email, source=source,
        visibility=rules.first_visibility(event.moderation),
        follow_up_token=new_token(), status="not_started",
    )
    if participant is None:
        participant = Participant(
            event_id=event.id, public_id=new_token(), source="paper",
            display_name=fields.name, organisation=fields.organisation,
            roles=[fields.role] if fields.role else [],
            consent_show_name=fields.display == "name", consent_contact=fields.consent_contact,
            email=fields.email)
        db.session.add(participant)
        db.session.flush()
    _copy_person(pledge, participant, raw, fields)
    pledge.participant_id = participant.id
    pledge, created = sending.store_once(pledge, event)
    if not created:
        return pledge, False
    _announce_change(event, pledge, "added")   # commits
    log.info("pledge %s stored for event %s from %s", pledge.id, event.code, source)
    return pledge, True


def _copy_person(pledge: Pledge, participant: Participant, raw: dict,
                 fields: rules.PledgeFields) -> None:
    """Name, organisation and role as given on the form, else as given when joining."""
    pledge.pledger_name = fields.name if "name" in raw else participant.display_name
    pledge.organisation = (fields.organisation if "organisation" in raw
                           else participant.organisation)
    # "Show my name" with the name box left empty (or not yet filled in by the phone's
    # script) means the name given when joining.
    if fields.display == "name" and not pledge.pledger_name:
        pledge.pledger_name = participant.display_name
    if fields.display == "organisation" and not pledge.organisation:
        pledge.organisation = participant.organisation
    roles = [fields.role] if fields.role else list(participant.roles or [])
    pledge.role = ", ".join(roles)[:rules.ROLE_LIMIT]


def update_pledge(pledge: Pledge, participant: Participant | None, raw: dict,
                  *, today: dt.date | None = None, address: str = "") -> Pledge:
    """The pledger edits their pledge while pledging is open; it may need approval again."""
    event = db.session.get(Event, pledge.event_id)
    _check_owner(pledge, participant, event)
    fields = _check(event, raw, today)
    sending.limit_rate(participant, address)
    was_shown = pledge.visibility == "shown"
    for name in ("action", "due_date", "theme", "scope", "support_needed", "display",
                 "consent_contact", "email"):
        setattr(pledge, name, getattr(fields, name))
    if fields.topic_id is not None:
        pledge.topic_id = fields.topic_id
    _copy_person(pledge, participant, raw, fields)
    pledge.visibility = rules.visibility_after_edit(pledge.visibility, event.moderation)
    _announce_change(event, pledge, "changed", was_shown)
    log.info("pledge %s edited by its pledger", pledge.id)
    return pledge


def withdraw_pledge(pledge: Pledge, participant: Participant | None) -> Pledge:
    """The pledger takes a pledge back: it leaves the wall and follow-up; the email goes."""
    event = db.session.get(Event, pledge.event_id)
    _check_owner(pledge, participant, event)
    was_shown = pledge.visibility == "shown"
    pledge.withdrawn_at = utcnow()
    pledge.email = ""
    pledge.consent_contact = False
    _announce_change(event, pledge, "removed", was_shown)
    log.info("pledge %s withdrawn by its pledger", pledge.id)
    return pledge


def _check_owner(pledge: Pledge, participant: Participant | None, event: Event) -> None:
    rules.check_can_change(owner_id=pledge.participant_id,
                           participant_id=participant.id if participant else None,
                           withdrawn=pledge.withdrawn_at is not None, closed=not is_open(event))
    if event.submissions_locked:
        raise SendingPaused("Sending is paused for now. Please try again in a few minutes.")


def moderate(pledge: Pledge, action: str) -> Pledge:
    """A facilitator approves, shows or hides a pledge on the wall."""
    visibility = rules.visibility_after(action)
    if pledge.withdrawn_at is not None:
        raise NotFound("That pledge was taken back by the person who made it.")
    was_shown = pledge.visibility == "shown"
    if visibility == pledge.visibility:
        return pledge
    pledge.visibility = visibility
    _announce_change(db.session.get(Event, pledge.event_id), pledge, "changed", was_shown)
    log.info("pledge %s is now %s", pledge.id, pledge.visibility)
    return pledge


def set_pledging_open(event: Event, is_open_now: bool) -> Event:
    """Open or close pledging; once closed, phones can no longer add, edit or withdraw."""
    settings = dict(event.settings or {})
    settings[rules.PLEDGES_CLOSED] = not is_open_now
    event.settings = settings
    announce(event, "pledging_changed", {"open": is_open(event)}, ("phones", "screen", "console"))
    log.info("pledging %s for event %s", "opened" if is_open_now else "closed", event.code)
    return event


# -- reading ------------------------------------------------------------------------------

def active_pledges(event: Event) -> list[Pledge]:
    """Every pledge not taken back, oldest first."""
    return list(db.session.scalars(
        select(Pledge).where(Pledge.event_id == event.id, Pledge.withdrawn_at.is_(None))
        .order_by(Pledge.created_at, Pledge.id)))


def wall_pledges(event: Event) -> list[Pledge]:
    """The pledges the room may see, oldest first."""
    return [p for p in active_pledges(event) if p.visibility == "shown"]


def paper_count(event: Event) -> int:
    """How many pledges have been typed in from paper cards (and not taken back)."""
    return db.session.scalar(select(func.count(Pledge.id)).where(
        Pledge.event_id == event.id, Pledge.source == "paper",
        Pledge.withdrawn_at.is_(None))) or 0


def recent_paper(event: Event, limit: int = 5) -> list[Pledge]:
    """The paper cards typed in last, newest first."""
    return list(db.session.scalars(select(Pledge).where(
        Pledge.event_id == event.id, Pledge.source == "paper")
        .order_by(Pledge.id.desc()).limit(limit)))


def pledges_of(participant: Participant) -> list[Pledge]:
    """A person's own pledges, not taken back, oldest first."""
    return list(db.session.scalars(
        select(Pledge).where(Pledge.participant_id == participant.id,
                             Pledge.withdrawn_at.is_(None))
        .order_by(Pledge.created_at, Pledge.id)))


def pledge_in(event: Event, pledge_id: object) -> Pledge:
    """One pledge of this event; NotFound for any other id."""
    pledge = db.session.get(Pledge, pledge_id) if _is_id(pledge_id) else None
    if pledge is None or pledge.event_id != event.id:
        raise NotFound("That pledge is not in this event.")
    return pledge


def own_pledge(participant: Participant, pledge_id: object) -> Pledge:
    """One of this person's pledges; NotFound otherwise (we do not say whose it is)."""
    pledge = db.session.get(Pledge, pledge_id) if _is_id(pledge_id) else None
    if pledge is None or pledge.participant_id != participant.id or pledge.withdrawn_at:
        raise NotFound("That pledge is not one of yours.")
    return pledge


def _is_id(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value < 2**31


def theme_counts(event: Event, pledges: list[Pledge]) -> list[tuple[str, int]]:
    """How many pledges per theme, in the event's theme order, then 'no theme'."""
    counts = Counter(p.theme for p in pledges)
    ordered = [(theme, counts.get(theme, 0)) for theme in (event.themes or [])]
    if counts.get(""):
        ordered.append(("", counts[""]))
    return ordered


def find_by_token(token: object) -> Pledge | None:
    """The pledge behind a private follow-up link, if the token is real and still in use."""
    if not isinstance(token, str) or not 16 <= len(token) <= 64:
        return None
    pledge = db.session.scalar(select(Pledge).where(Pledge.follow_up_token == token))
    if pledge is None or pledge.withdrawn_at is not None:
        return None
    return pledge


# -- payloads -----------------------------------------------------------------------------

def wall_item(pledge: Pledge) -> dict:
    """What the screen shows of a pledge: never an email, a name only if the person chose."""
    return {"id": pledge.id, "action": pledge.action, "theme": pledge.theme,
            "scope": pledge.scope,
            "who": rules.wall_name(pledge.display, pledge.pledger_name, pledge.organisation)}


def console_item(pledge: Pledge) -> dict:
    """What the facilitator's moderation list shows of a pledge."""
    return {**wall_item(pledge), "visibility": pledge.visibility, "source": pledge.source}


def own_item(pledge: Pledge) -> dict:
    """What a pledger sees of their own pledge in 'my pledges'."""
    return {"id": pledge.id, "client_id": pledge.client_id, "action": pledge.action,
            "due": pledge.due_date.isoformat() if pledge.due_date else "",
            "theme": pledge.theme, "scope": pledge.scope,
            "support_needed": pledge.support_needed, "display": pledge.display,
            "name": pledge.pledger_name, "organisation": pledge.organisation,
            "consent_contact": pledge.consent_contact, "email": pledge.email,
            "visibility": pledge.visibility}


def wall_snapshot(event: Event) -> dict:
    """The wall as the screen draws it: pledges shown, the count and the count by theme."""
    shown = wall_pledges(event)
    return {"open": is_open(event), "count": len(shown),
            "themes": [{"theme": t, "count": n} for t, n in theme_counts(event, shown)],
            "pledges": [wall_item(p) for p in shown]}


def console_snapshot(event: Event) -> dict:
    """The moderation list: every pledge not taken back, with its visibility."""
    active = active_pledges(event)
    return {**wall_snapshot(event), "all": [console_item(p) for p in active],
            "waiting": sum(1 for p in active if p.visibility == "pending")}


def phone_snapshot(event: Event, participant: Participant | None) -> dict:
    """What a phone needs: is pledging open, and the person's own pledges."""
    mine = pledges_of(participant) if participant is not None else []
    return {"open": is_open(event), "mine": [own_item(p) for p in mine]}


# -- follow-up ----------------------------------------------------------------------------

def record_progress(pledge: Pledge, raw: dict, *, source: str = "pledger",
                    author: User | None = None) -> ProgressUpdate:
    """Add a progress update and move the pledge to its status."""
    if source not in rules.PROGRESS_SOURCES:
        raise UserError("Unknown source.", "source")
    fields = rules.check_progress(raw)
    update = ProgressUpdate(event_id=pledge.event_id, pledge_id=pledge.id, status=fields.status,
                            note=fields.note, what_changed=fields.what_changed, source=source,
                            author_id=author.id if author else None)
    pledge.status = fields.status
    db.session.add(update)
    db.session.commit()
    log.info("progress on pledge %s: %s (%s)", pledge.id, fields.status, source)
    return update


def reissue_link(pledge: Pledge) -> Pledge:
    """Give the pledge a new follow-up link; the old one stops working at once."""
    pledge.follow_up_token = new_token()
    db.session.commit()
    log.info("follow-up link of pledge %s replaced", pledge.id)
    return pledge


def stop_contact(pledge: Pledge) -> Pledge:
    """The pledger asks not to be contacted about this pledge: the email is erased."""
    pledge.consent_contact = False
    pledge.email = ""
    db.session.commit()
    log.info("pledger of pledge %s withdrew consent to contact", pledge.id)
    return pledge


# -- live updates -------------------------------------------------------------------------

def _screen_totals(event: Event) -> dict:
    shown = wall_pledges(event)
    return {"count": len(shown),
            "themes": [{"theme": t, "count": n} for t, n in theme_counts(event, shown)]}


def _console_totals(event: Event) -> dict:
    active = active_pledges(event)
    return {"count": sum(1 for p in active if p.visibility == "shown"), "total": len(active),
            "waiting": sum(1 for p in active if p.visibility == "pending")}


def _announce_change(event: Event, pledge: Pledge, change: str,
                     was_shown: bool = False) -> None:
    """Tell the screen and consoles; the screen only ever hears of pledges it may show."""
    shown = pledge.visibility == "shown" and pledge.withdrawn_at is None

    def payload(audience: str) -> dict | None:
        if audience == "console":
            body = ({"id": pledge.id} if change == "removed"
                    else {"pledge": console_item(pledge)})
            return {**body, **_console_totals(event)}
        if shown and change != "removed":
            return {"pledge": wall_item(pledge), **_screen_totals(event)}
        if was_shown:
            return {"id": pledge.id, **_screen_totals(event)}
        return None

    name = {"added": "pledge_added", "removed": "pledge_removed"}.get(change, "pledge_changed")
    announce(event, name, payload, ("screen", "console"))
