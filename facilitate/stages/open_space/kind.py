"""The open space as the registry knows it."""

from flask_babel import lazy_gettext as _l

from facilitate.domain.stages import PersonCount, Setting, StageKind
from facilitate.stages.open_space import handlers, rules, views

KIND = StageKind(
    name="open_space",
    label=_l("Open space"),
    default_title="Open space",
    settings=(
        Setting("theme", "text", limit=300),
        Setting("spaces", "table-list", required=True, read=rules.read_plan_spaces),
        Setting("slots", "table-list", required=True, read=rules.read_plan_slots),
    ),
    starter_config={
        "theme": "What matters most to you about this?",
        "spaces": [{"id": 1, "name": "Main Hall", "capacity": None, "access": ""},
                   {"id": 2, "name": "Room 1", "capacity": None, "access": ""}],
        "slots": [{"id": 3, "starts": "11:00", "ends": "11:45", "date": None},
                  {"id": 4, "starts": "12:00", "ends": "12:45", "date": None}],
    },
    views={"phones": views.phones, "screen": views.screen, "console": views.console},
    mine=views.mine,
    counts=views.counts,
    summary=views.summary,
    client_events=handlers.CLIENT_EVENTS,
    sheet_rank=15,
)
