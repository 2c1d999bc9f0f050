"""The ladder of co-production as the registry knows it: a poll with two fixed questions,
"Where are we now?" and "Where do we want to be?", answered on the seven rungs. Its answers,
messages and pages are the poll's (stages/poll/); here are its words, views and sheet."""

from flask_babel import lazy_gettext as _l

from facilitate.domain.stages import Setting, StageKind
from facilitate.stages.ladder import sheets, views, web
from facilitate.stages.poll import views as poll_views
from facilitate.stages.poll import web as poll_web


def phone_context(event, stage, participant) -> dict:
    """The poll's (an id, this person's answers, easy read or not) and the rungs."""
    return {**poll_web.phone_context(event, stage, participant),
            "ladder_rungs": views.rung_list()}


KIND = StageKind(
    name="ladder",
    label=_l("Ladder of co-production"),
    default_title="Ladder of co-production",
    # The subject the room places on the ladder, e.g. "our commissioning of day services".
    settings=(Setting("question", "text", limit=300),),
    starter_config={"question": "How we plan and run services together"},
    proceedings=views.proceedings,
    views={"phones": views.phones, "screen": views.screen, "console": views.console},
    mine=poll_views.mine,
    summary=lambda event, hidden: poll_views.summary(event, hidden)[1:],
    sheets=(sheets.LADDER,),
    sheet_rank=25,
    blueprints=(web.console,),
    phone_template="stages/ladder/phone.html",
    phone_context=phone_context,
    forms_template="stages/ladder/form.html",
    console_template="stages/ladder/console.html",
    script=True,
    strings={
        "ladder_now": _l("Now"),
        "ladder_want": _l("Where we want to be"),
        "ladder_median": _l("median"),
        "ladder_summary": _l("Median now: %(now)s. Median wanted: %(want)s. Gap: %(gap)s steps."),
        "ladder_choose_both": _l("Please choose a step for each question."),
        "ladder_saved": _l("Your answers are saved. You can change them until the facilitator "
                           "closes the questions."),
        "ladder_easy_read": _l("Easy read"),
        "ladder_earlier": _l("Earlier, at %(title)s: now %(now)s; wanted %(want)s (%(count)s "
                             "answered)."),
        "ladder_earlier_link": _l("Compare with an earlier event"),
        "ladder_by_group": _l("By role group: the median step of each"),
        "ladder_group": _l("Role group"),
        "ladder_answered": _l("Answered"),
        "ladder_gap": _l("Gap (steps)"),
        "ladder_intro": _l("The ladder of co-production has seven steps. At the bottom, things "
                           "are done to people. At the top, we do things together as equals."),
    },
)
