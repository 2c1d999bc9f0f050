"""The stage kinds, from one explicit list: shared code learns about kinds here, and only here.

Each name below is a package facilitate/stages/<name>/ whose kind.py holds ``KIND``, a
StageKind (facilitate/domain/stages.py says what one declares). The packages are read on
first use, so this module sits low: every layer may ask it. Adding a kind is one line in
KINDS (docs/stage-kinds.md).
"""

import importlib
from collections.abc import Mapping
from functools import cache

from facilitate.domain.stages import (
    ClientEvent,
    PersonalData,
    PersonCount,
    StageKind,
    SummaryRow,
    SummaryTable,
)

# In the order the console offers them.
KINDS = (
    "welcome",
    "slides",
    "reflection",
    "open_space",
    "pledges",
    "ladder",
    "poll",
    "close",
)

# The agenda of an event made in the console without a plan.
DEFAULT_AGENDA = ("welcome", "reflection", "pledges", "close")



@cache
def _loaded() -> dict[str, StageKind]:
    """Each kind's KIND, read once (two threads at once would read the same, whole)."""
    kinds = {}
    for name in KINDS:
        kind = importlib.import_module(f"facilitate.stages.{name}.kind").KIND
        if kind.name != name:
            raise RuntimeError(f"facilitate/stages/{name}/kind.py names {kind.name!r}")
        kinds[name] = kind
    return kinds


def all_kinds() -> tuple[StageKind, ...]:
    """Every kind, in the order of KINDS (their modules are read on first use)."""
    return tuple(_loaded().values())


def by_name() -> Mapping[str, StageKind]:
    """Kinds by their names in plans and the database."""
    return dict(_loaded())


def get(name: str) -> StageKind | None:
    """The kind with this name, or None for a name no kind has."""
    return _loaded().get(name)


def label(name: str) -> str:
    """What people call a kind, in their language."""
    kind = get(name)
    return str(kind.label) if kind else name


def is_built(name: str) -> bool:
    """True when the kind has views; the others show "coming soon"."""
    kind = get(name)
    return bool(kind and kind.built)


def view_part(name: str, audience: str):
    """The kind's view function for an audience, or None."""
    kind = get(name)
    return kind.views.get(audience) if kind else None


def in_agenda(event) -> list[StageKind]:
    """The built kinds of the event's stages, each once, in agenda order."""
    names = dict.fromkeys(stage.kind for stage in event.stages)
    return [kind for kind in map(get, names) if kind is not None and kind.built]


def console_templates(event) -> dict[str, str]:
    """Kind name -> its console macros, for the kinds in the event's agenda."""
    return {kind.name: kind.console_template for kind in in_agenda(event)
            if kind.console_template}


def proceedings_parts(event) -> list[tuple[str, dict]]:
    """What each stage gives the book of proceedings, in agenda order: (its console template,
    its part), for the stages whose kind gives one and has something to show."""
    parts = []
    for stage in event.stages:
        kind = get(stage.kind)
        part = kind.proceedings(event, stage) if kind and kind.proceedings else None
        if part:
            parts.append((kind.console_template, part))
    return parts


def mine(participant, stage) -> list:
    """What this participant sent in the stage on show, for their own phone."""
    kind = get(stage.kind) if stage is not None else None
    return kind.mine(participant, stage) if kind and kind.mine else []


def console_action(action: str):
    """The function behind a run-page button a kind adds (fn(event, value)), or None."""
    for kind in all_kinds():
        if action in kind.console_actions:
            return kind.console_actions[action]
    return None


def client_events() -> list[ClientEvent]:
    """Every kind's client events, for the Socket.IO server."""
    return [message for kind in all_kinds() for message in kind.client_events]


def blueprints() -> list:
    """Every kind's Flask blueprints."""
    return [blueprint for kind in all_kinds() for blueprint in kind.blueprints]


def _workbook_order() -> list[StageKind]:
    """The kinds as the workbook lists them: by sheet_rank, then as in KINDS."""
    return sorted(all_kinds(), key=lambda kind: kind.sheet_rank)


def sheets() -> list:
    """Every kind's workbook sheets, in the workbook's order."""
    ranked = _workbook_order()
    return [sheet for kind in ranked for sheet in kind.sheets]


def counts(event) -> dict[str, int]:
    """What people did together, kind by kind, for the closing stage."""
    numbers: dict[str, int] = {}
    for kind in all_kinds():
        if kind.counts is not None:
            numbers.update(kind.counts(event))
    return numbers


def summary(event, include_hidden: bool) -> list[SummaryRow]:
    """Every kind's lines on the workbook's Summary sheet."""
    return [row for kind in all_kinds() if kind.summary is not None
            for row in kind.summary(event, include_hidden)]


def personal_data() -> list[PersonalData]:
    """What each kind adds to one person's data, its deletion and retention."""
    return [kind.personal_data for kind in all_kinds()]


def summary_tables(event, include_hidden: bool) -> list[SummaryTable]:
    """Every kind's tables and charts on the Summary sheet, in the workbook's order."""
    ranked = _workbook_order()
    return [table for kind in ranked if kind.summary_tables is not None
            for table in kind.summary_tables(event, include_hidden)]


def person_counts() -> list[PersonCount]:
    """Every kind's columns on the Participants sheet, in the workbook's order."""
    ranked = _workbook_order()
    return [count for kind in ranked for count in kind.person_counts]


def summary_notes() -> list[str]:
    """Every kind's lines under "How to use this file", in the workbook's order."""
    ranked = _workbook_order()
    return [line for kind in ranked for line in kind.summary_notes]


def strings() -> dict:
    """The words every kind's script shows (key -> lazy translation)."""
    words: dict = {}
    for kind in all_kinds():
        words.update(kind.strings)
    return words


def scripts() -> list[str]:
    """The kinds with a script in static/js/stages/."""
    return [kind.name for kind in all_kinds() if kind.script]
