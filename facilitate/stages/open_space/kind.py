"""The open space as the registry knows it."""

from flask_babel import lazy_gettext as _l

from facilitate.domain.stages import Setting, StageKind
from facilitate.stages.open_space import (
    board,
    console_web,
    handlers,
    privacy,
    proceedings_web,
    records_web,  # noqa: F401  (its pages join console_web's)
    rules,
    sheets,
    views,
    web,
)
from facilitate.stages.open_space.strings import SCRIPT_STRINGS

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
    sheets=sheets.SHEETS,
    person_counts=sheets.PERSON_COUNTS,
    sheet_rank=15,
    client_events=handlers.CLIENT_EVENTS,
    blueprints=(web.bp, console_web.console, proceedings_web.bp, proceedings_web.console),
    phone_template="stages/open_space/phone.html",
    phone_context=web.phone_context,
    forms_template="stages/open_space/form.html",
    console_template="stages/open_space/console.html",
    personal_data=privacy.PERSONAL_DATA,
    script=True,
    demo_ready=board.ready_for_demo,
    strings=SCRIPT_STRINGS,
)
