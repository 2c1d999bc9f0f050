"""Session reports: one a topic, written on the convener's phone (or typed in by a facilitator
from a report handed in on paper), editable until the facilitator closes reports.

The phone's page, its Socket.IO message and the console's form all call save(). Each send
carries an id the phone made: a retried send is the report as it was (nothing changes twice).
"""

import datetime as dt
import logging

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from facilitate.domain.errors import NotFound, UserError
from facilitate.domain.ids import client_id as check_client_id
from facilitate.extensions import db
from facilitate.realtime.broadcast import announce
from facilitate.services import sending
from facilitate.stages.open_space import records
from facilitate.stages.open_space.service import announce_board, stage_of, topic_of
from facilitate.store.models import Event, Participant, Stage, Topic, TopicReport

log = logging.getLogger(__name__)


def report_of(topic: Topic) -> TopicReport | None:
    return db.session.scalar(select(TopicReport).where(TopicReport.topic_id == topic.id))


def reports_of(stage: Stage) -> dict[int, TopicReport]:
    """The stage's reports by topic id."""
    return {r.topic_id: r for r in db.session.scalars(
        select(TopicReport).where(TopicReport.stage_id == stage.id))}


def item(report: TopicReport) -> dict:
    """A report as plain data (the console, the proceedings, the workbook)."""
    return {"topic_id": report.topic_id, "discussed": report.discussed,
            "people_count": report.people_count, "names": report.names,
            "key_points": report.key_points, "recommendations": report.recommendations,
            "actions": list(report.actions or []), "source": report.source,
            "updated_at": report.updated_at.isoformat(timespec="seconds")
            if report.updated_at else ""}


def reports_open(stage: Stage) -> bool:
    return records.reports_open(stage.state)


def may_write(topic: Topic, participant: Participant | None) -> bool:
    """Whether this phone is the topic's convener (who writes its report)."""
    return participant is not None and topic.participant_id == participant.id


def save(event: Event, participant: Participant | None, client_id: object, topic_id: object,
         raw: dict, *, address: str = "", source: str = "phone",
         today: dt.date | None = None) -> tuple[TopicReport, bool]:
    """Write or change a topic's report. Returns (report, changed).

    From a phone: only the convener, only while reports are open. From paper (a facilitator):
    any time; the report is marked "from paper".
    """
    client_id = check_client_id(client_id)
    if not isinstance(raw, dict):
        raise UserError("The report was not sent properly. Please send it again.", "discussed")
    from_phone = source == "phone"
    topic = topic_of(event, topic_id)
    if topic.hidden:
        raise NotFound("That topic is not on this board.", "topic_id")
    report = report_of(topic)
    if report is not None and report.client_id == client_id:
        return report, False   # this send arrived before
    stage = stage_of(event, topic.stage_id)
    if from_phone:
        sending.check_can_send(event)
        records.check_may_write_report(reports_are_open=reports_open(stage),
                                       convener_id=topic.participant_id,
                                       participant_id=participant.id)
    fields = records.check_report(raw, today or dt.date.today())
    if from_phone:
        sending.limit_rate(participant, address)
    if report is None:
        report = TopicReport(event_id=event.id, stage_id=stage.id, topic_id=topic.id)
        db.session.add(report)
        try:
            db.session.flush()
        except IntegrityError:   # the convener and a facilitator at once: change theirs
            db.session.rollback()
            topic = topic_of(event, topic_id)
            report = report_of(topic)
    report.client_id = client_id
    report.discussed, report.people_count = fields.discussed, fields.people_count
    report.names, report.key_points = fields.names, fields.key_points
    report.recommendations = fields.recommendations
    report.actions = [a.as_dict() for a in fields.actions]
    report.source = "phone" if from_phone else "paper"
    if from_phone:
        report.participant_id = participant.id
    report.updated_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    announce(event, "report_saved", {"stage_id": stage.id, "topic_id": topic.id,
                                     "report": item(report)}, ("console",))
    log.info("report on topic %s of event %s saved (%s)", topic.id, event.code, report.source)
    return report, True


def set_reports_open(event: Event, stage_id: object, is_open: object) -> Stage:
    """Close reports (phones can no longer write or change them, nor add notes) or reopen."""
    if not isinstance(is_open, bool):
        raise UserError("Choose open or closed.", "open")
    stage = stage_of(event, stage_id)
    stage.state = {**(stage.state or {}), "reports": "open" if is_open else "closed"}
    announce_board(event, stage)
    log.info("open space %s of event %s: reports %s", stage.id, event.code,
             "open" if is_open else "closed")
    return stage


def follow_merge(source: Topic, target: Topic) -> None:
    """A merged topic's report moves to the topic kept when that one has none."""
    theirs = report_of(source)
    if theirs is not None and report_of(target) is None:
        theirs.topic_id = target.id
        db.session.flush()
