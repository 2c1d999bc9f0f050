"""The ladder of co-production's seven rungs, from the bottom, in our own words.

The ladder is Think Local Act Personal's (TLAP), made with its National Co-production Advisory
Group; the descriptions here are ours. Rungs 1-2 are "doing to", 3-5 "doing for", 6-7 "doing
with". The easy-read lines are short, one idea each, for the easy-read view.
"""

from dataclasses import dataclass

from flask import has_request_context
from flask_babel import gettext


def _l(text: str, **values) -> str:
    """Plain English here (the workbook and CLI have no request); words() translates it."""
    return text % values if values else text


def words(text: str, **values) -> str:
    """The text in the person's language when there is a request to ask, else English."""
    if has_request_context():
        return gettext(text, **values)
    return text % values if values else text

CREDIT = _l("The ladder of co-production is by Think Local Act Personal (TLAP) and its "
            "National Co-production Advisory Group. The descriptions here are in our own words.")


@dataclass(frozen=True)
class Rung:
    number: int          # 1 (bottom) to 7 (top)
    key: str             # also the name of its picture in the template
    name: str            # English; words() translates
    description: str     # one plain-English sentence
    easy: tuple          # easy-read lines, one idea each
    group: str           # doing to / doing for / doing with


DOING_TO, DOING_FOR, DOING_WITH = _l("Doing to"), _l("Doing for"), _l("Doing with")

RUNGS: tuple[Rung, ...] = (
    Rung(1, "coercion", _l("Coercion"),
         _l("People are made to accept services and nobody asks what they think."),
         (_l("Nobody asks you."), _l("You have to take what you get.")), DOING_TO),
    Rung(2, "educating", _l("Educating"),
         _l("People are helped to understand services, but have no say in them."),
         (_l("They explain things to you."), _l("You have no say.")), DOING_TO),
    Rung(3, "informing", _l("Informing"),
         _l("People are told what services there are and what has been decided."),
         (_l("They tell you what they decided."), _l("It is already decided.")), DOING_FOR),
    Rung(4, "consultation", _l("Consultation"),
         _l("People are asked their views, but without power those views may change nothing."),
         (_l("They ask what you think."), _l("It may not change anything.")), DOING_FOR),
    Rung(5, "engagement", _l("Engagement"),
         _l("People have more say, but only as far as those in charge allow."),
         (_l("You have more say."), _l("They still decide how much.")), DOING_FOR),
    Rung(6, "co-design", _l("Co-design"),
         _l("People shape how a service is designed, but not how it is carried out."),
         (_l("You help plan it."), _l("Others carry it out.")), DOING_WITH),
    Rung(7, "co-production", _l("Co-production"),
         _l("People are equal partners, sharing decisions from design through to delivery."),
         (_l("We are equal partners."), _l("We decide together."), _l("We do it together.")),
         DOING_WITH),
)

NOW, WANT = 1, 2
PARTS = {NOW: "now", WANT: "want"}
QUESTION_TEXT = {NOW: _l("Where are we now?"), WANT: _l("Where do we want to be?")}


def rung(number: int) -> Rung | None:
    return next((r for r in RUNGS if r.number == number), None)


def rung_name(value: float | None) -> str:
    """A median as words: a rung's name, or "between X and Y" for a half."""
    if value is None:
        return ""
    if value == int(value):
        found = rung(int(value))
        return words(found.name) if found else ""
    low, high = rung(int(value)), rung(int(value) + 1)
    if low is None or high is None:
        return ""
    return words("between %(low)s and %(high)s", low=words(low.name), high=words(high.name))
