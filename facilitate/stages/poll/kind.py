"""The poll as the registry knows it (the ladder, in stages/ladder/, is built on it)."""

from flask_babel import lazy_gettext as _l

from facilitate.domain.stages import Setting, StageKind
from facilitate.stages.poll import handlers, rules, sheets, views, web
from facilitate.stages.poll.strings import POLL_STRINGS

KIND = StageKind(
    name="poll",
    label=_l("Poll"),
    default_title="Poll",
    settings=(
        # One single-choice question, as older plans write it...
        Setting("question", "text", limit=rules.QUESTION_LIMIT),
        Setting("options", "text-list", limit=rules.OPTION_LIMIT, max_items=rules.MAX_OPTIONS),
        # ... or several, each single, multiple (with a max) or a scale.
        Setting("questions", "table-list", read=rules.read_plan_questions),
    ),
    starter_config={"questions": [
        {"id": 1, "kind": "single", "text": "How was today for you?",
         "options": ["Good", "All right", "Not good"]}]},
    proceedings=views.proceedings,
    views={"phones": views.phones, "screen": views.screen, "console": views.console},
    mine=views.mine,
    summary=lambda event, hidden: views.summary(event, hidden)[:1],
    sheets=(sheets.POLLS,),
    summary_notes=("Polls and Ladder: answers from phones and counts from paper or a show of "
                   "hands are in separate columns; the role-group columns count phones only "
                   "(a person's group comes from the roles they chose when they joined).",),
    sheet_rank=30,
    client_events=handlers.CLIENT_EVENTS,
    console_actions=web.CONSOLE_ACTIONS,
    blueprints=(web.bp, web.console),
    phone_template="stages/poll/phone.html",
    phone_context=web.phone_context,
    forms_template="stages/poll/form.html",
    console_template="stages/poll/console.html",
    script=True,
    strings=POLL_STRINGS,
)
