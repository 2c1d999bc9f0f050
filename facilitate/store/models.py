"""The database tables. Slim on purpose: rules live in facilitate.domain."""

import datetime as dt

from flask_login import UserMixin
from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from facilitate.extensions import db


def utcnow() -> dt.datetime:
    """Naive UTC now: stored the same on SQLite and PostgreSQL."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class User(UserMixin, db.Model):
    """A facilitator or organiser who logs in to the console."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(DateTime)

    # The token of the login this request belongs to (set by services.accounts, not stored).
    session_token = ""

    def get_id(self) -> str:
        """What a logged-in browser's session holds: the id and the token of its login (a
        LoginSession), so logging out, "log out everywhere" or a new password ends it."""
        return f"{self.id}:{self.session_token}"


class LoginSession(db.Model):
    """One browser's login. Logging out deletes it, so a copy of the cookie opens nothing."""

    __tablename__ = "login_sessions"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # The SHA-256 of the token the cookie holds: the table alone opens no session.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Event(db.Model):
    """One participation event, from draft to closed."""

    __tablename__ = "events"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    date: Mapped[dt.date | None] = mapped_column(Date)
    venue: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default="draft")
    moderation: Mapped[str] = mapped_column(String(16), default="show")
    themes: Mapped[list] = mapped_column(JSON, default=list)
    roles: Mapped[list] = mapped_column(JSON, default=list)
    settings: Mapped[dict] = mapped_column(JSON, default=dict)
    current_stage_id: Mapped[int | None] = mapped_column(
        ForeignKey("stages.id", use_alter=True, name="fk_events_current_stage",
                   ondelete="SET NULL"))
    submissions_locked: Mapped[bool] = mapped_column(Boolean, default=False)
    # Grows by one with every change that clients must hear of; kept in the database so
    # several server processes agree on it.
    version: Mapped[int] = mapped_column(Integer, default=0)
    # The version of the last message sent to the screen and console rooms: each message says
    # which one came before it for that audience, so a client can tell it missed one.
    screen_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    console_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    screen_token: Mapped[str] = mapped_column(String(64), unique=True)
    public_url: Mapped[str] = mapped_column(String(300), default="")
    retention_days: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    stages: Mapped[list["Stage"]] = relationship(
        back_populates="event", order_by="Stage.position", cascade="all, delete-orphan",
        foreign_keys="Stage.event_id", passive_deletes=True)
    facilitators: Mapped[list["EventFacilitator"]] = relationship(
        back_populates="event", cascade="all, delete-orphan", passive_deletes=True)


class EventFacilitator(db.Model):
    """Who may run an event: its owner and any co-facilitators."""

    __tablename__ = "event_facilitators"
    __table_args__ = (UniqueConstraint("event_id", "user_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    is_owner: Mapped[bool] = mapped_column(Boolean, default=False)
    added_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    event: Mapped[Event] = relationship(back_populates="facilitators")
    user: Mapped[User] = relationship()


class Stage(db.Model):
    """One step of the agenda: welcome, slides, reflection, open space, pledges..."""

    __tablename__ = "stages"
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(120))
    config: Mapped[dict] = mapped_column(JSON, default=dict)
    # Stage-specific live state, e.g. the slide on show.
    state: Mapped[dict] = mapped_column(JSON, default=dict)

    event: Mapped[Event] = relationship(back_populates="stages", foreign_keys=[event_id])


class Participant(db.Model):
    """Somebody taking part, without an account: known by an id kept in a signed cookie."""

    __tablename__ = "participants"
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    public_id: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(80), default="")
    organisation: Mapped[str] = mapped_column(String(120), default="")
    roles: Mapped[list] = mapped_column(JSON, default=list)
    consent_show_name: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_contact: Mapped[bool] = mapped_column(Boolean, default=False)
    # Only ever set when consent_contact is true.
    email: Mapped[str] = mapped_column(String(254), default="")
    source: Mapped[str] = mapped_column(String(16), default="phone")
    joined_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    last_seen_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Reflection(db.Model):
    """A short reflection sent during a reflection stage."""

    __tablename__ = "reflections"
    __table_args__ = (UniqueConstraint("event_id", "client_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    stage_id: Mapped[int | None] = mapped_column(ForeignKey("stages.id", ondelete="SET NULL"))
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    # Made by the phone, so a retried send is stored once.
    client_id: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    visibility: Mapped[str] = mapped_column(String(16), default="shown")  # shown/pending/hidden
    # "phone", or "paper": a card a facilitator typed in (no participant).
    source: Mapped[str] = mapped_column(String(16), default="phone", server_default="phone")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class ReflectionSupport(db.Model):
    """Somebody said "me too" to a reflection on the wall: once a person a reflection."""

    __tablename__ = "reflection_supports"
    __table_args__ = (UniqueConstraint("reflection_id", "participant_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    reflection_id: Mapped[int] = mapped_column(
        ForeignKey("reflections.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Pledge(db.Model):
    """An action somebody will take after the event, and its follow-up."""

    __tablename__ = "pledges"
    __table_args__ = (UniqueConstraint("event_id", "client_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    client_id: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(Text)
    due_date: Mapped[dt.date | None] = mapped_column(Date)
    theme: Mapped[str] = mapped_column(String(60), default="")
    scope: Mapped[str] = mapped_column(String(16), default="me")
    support_needed: Mapped[str] = mapped_column(Text, default="")
    topic_id: Mapped[int | None] = mapped_column(Integer)  # open-space topic, once it exists
    display: Mapped[str] = mapped_column(String(16), default="anonymous")
    pledger_name: Mapped[str] = mapped_column(String(80), default="")
    organisation: Mapped[str] = mapped_column(String(120), default="")
    role: Mapped[str] = mapped_column(String(80), default="")
    consent_contact: Mapped[bool] = mapped_column(Boolean, default=False)
    email: Mapped[str] = mapped_column(String(254), default="")  # only with consent_contact
    source: Mapped[str] = mapped_column(String(16), default="phone")
    visibility: Mapped[str] = mapped_column(String(16), default="shown")  # shown/pending/hidden
    withdrawn_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    follow_up_token: Mapped[str] = mapped_column(String(64), unique=True)
    status: Mapped[str] = mapped_column(String(16), default="not_started")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    updates: Mapped[list["ProgressUpdate"]] = relationship(
        back_populates="pledge", order_by="ProgressUpdate.created_at",
        cascade="all, delete-orphan", passive_deletes=True)


class ProgressUpdate(db.Model):
    """A step of follow-up on a pledge, by the pledger, by staff or from a spreadsheet."""

    __tablename__ = "progress_updates"
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    pledge_id: Mapped[int] = mapped_column(ForeignKey("pledges.id", ondelete="CASCADE"),
                                           index=True)
    status: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")
    what_changed: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(16), default="pledger")  # pledger/staff/import
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    pledge: Mapped[Pledge] = relationship(back_populates="updates")


class Topic(db.Model):
    """An open-space topic: proposed from a phone, typed in from a paper card, placed on the
    board of spaces x slots (space_id and slot_id name entries of its stage's config)."""

    __tablename__ = "topics"
    __table_args__ = (UniqueConstraint("event_id", "client_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    stage_id: Mapped[int | None] = mapped_column(ForeignKey("stages.id", ondelete="SET NULL"),
                                                 index=True)
    # The convener, when they proposed it from their phone (paper cards have none).
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL"), index=True)
    client_id: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")
    convener_name: Mapped[str] = mapped_column(String(80), default="")  # "" shows "anonymous"
    help_wanted: Mapped[bool] = mapped_column(Boolean, default=False)
    source: Mapped[str] = mapped_column(String(16), default="phone")  # phone/paper
    space_id: Mapped[int | None] = mapped_column(Integer)
    slot_id: Mapped[int | None] = mapped_column(Integer)
    locked: Mapped[bool] = mapped_column(Boolean, default=False)
    hidden: Mapped[bool] = mapped_column(Boolean, default=False)
    merged_into_id: Mapped[int | None] = mapped_column(
        ForeignKey("topics.id", ondelete="SET NULL"))
    peak_headcount: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class TopicInterest(db.Model):
    """Somebody would like to join a topic."""

    __tablename__ = "topic_interests"
    __table_args__ = (UniqueConstraint("topic_id", "participant_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("topics.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class CheckIn(db.Model):
    """Somebody said "I'm here" at a topic during a slot: one topic a person a slot."""

    __tablename__ = "check_ins"
    __table_args__ = (UniqueConstraint("stage_id", "slot_id", "participant_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    stage_id: Mapped[int] = mapped_column(ForeignKey("stages.id", ondelete="CASCADE"))
    slot_id: Mapped[int] = mapped_column(Integer)
    topic_id: Mapped[int] = mapped_column(ForeignKey("topics.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class PollAnswer(db.Model):
    """One answer a person sent to a poll or ladder question. Each send is a row (stored once
    by the phone's id); a person's answer is their latest row for the question, so changing it
    replaces it."""

    __tablename__ = "poll_answers"
    __table_args__ = (UniqueConstraint("event_id", "client_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    stage_id: Mapped[int] = mapped_column(ForeignKey("stages.id", ondelete="CASCADE"),
                                          index=True)
    # A question's id within its stage's config (the ladder's: 1 now, 2 want).
    question_id: Mapped[int] = mapped_column(Integer)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    client_id: Mapped[str] = mapped_column(String(64))
    # The values chosen: option numbers from 0, a scale's number, or a ladder rung 1-7.
    choices: Mapped[list] = mapped_column(JSON, default=list)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class TopicNote(db.Model):
    """A note from an open-space topic, sent from a phone or typed from paper: a key point, an
    idea, a question or an action (an action may name who will do it)."""

    __tablename__ = "topic_notes"
    __table_args__ = (UniqueConstraint("event_id", "client_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    stage_id: Mapped[int | None] = mapped_column(ForeignKey("stages.id", ondelete="SET NULL"),
                                                 index=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("topics.id", ondelete="CASCADE"), index=True)
    # Who wrote it from their phone (paper notes, and notes kept nameless, have none).
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    client_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))   # point/idea/question/action
    text: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(80), default="")   # an action's "who will do it"
    source: Mapped[str] = mapped_column(String(16), default="phone")   # phone/paper
    visibility: Mapped[str] = mapped_column(String(16), default="shown")  # shown/pending/hidden
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class TopicReport(db.Model):
    """An open-space topic's session report, one a topic: written on the convener's phone or
    typed in by a facilitator from paper, editable until the facilitator closes reports."""

    __tablename__ = "topic_reports"
    __table_args__ = (UniqueConstraint("topic_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    stage_id: Mapped[int | None] = mapped_column(ForeignKey("stages.id", ondelete="SET NULL"),
                                                 index=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("topics.id", ondelete="CASCADE"))
    # Who last wrote it from their phone (a facilitator's paper entry, or kept nameless: none).
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    # The id of the last send applied, so a retried send changes nothing.
    client_id: Mapped[str] = mapped_column(String(64), default="")
    discussed: Mapped[str] = mapped_column(Text, default="")
    people_count: Mapped[int | None] = mapped_column(Integer)
    names: Mapped[str] = mapped_column(Text, default="")   # those who agreed to be named
    key_points: Mapped[str] = mapped_column(Text, default="")
    recommendations: Mapped[str] = mapped_column(Text, default="")
    # [{"what", "owner", "due" ("" or "2027-01-31")}]
    actions: Mapped[list] = mapped_column(JSON, default=list)
    source: Mapped[str] = mapped_column(String(16), default="phone")   # phone/paper
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
