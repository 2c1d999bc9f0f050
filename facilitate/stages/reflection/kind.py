"""The reflection stage as the registry knows it."""

from flask_babel import lazy_gettext as _l

from facilitate.domain.stages import PersonCount, Setting, StageKind
from facilitate.stages.reflection import handlers, sheets, views, web

KIND = StageKind(
    name="reflection",
    label=_l("Reflection"),
    default_title="Reflection",
    settings=(Setting("question", "text", required=True, limit=300),),
    starter_config={"question": "What is one thing you will take away from today?"},
    views={"phones": views.phones, "screen": views.screen, "console": views.console},
    mine=views.mine,
    counts=views.counts,
    summary=views.summary,
    sheets=(sheets.REFLECTIONS,),
    person_counts=(PersonCount("Reflections", sheets.per_person),),
    sheet_rank=20,
    client_events=handlers.CLIENT_EVENTS,
    blueprints=(web.bp, web.console),
    phone_template="stages/reflection/phone.html",
    phone_context=web.phone_context,
    forms_template="stages/reflection/form.html",
    console_template="stages/reflection/console.html",
    script=True,
    strings={
        "nothing_yet": _l("Nothing yet."),
        "empty_text": _l("Please write something first."),
        "too_long": _l("This is too long. The most is %(limit)s characters."),
        "wall_label": _l("Latest reflections"),
        "wall_empty": _l("Reflections will appear here."),
        "cloud_label": _l("Most used words"),
        "no_posts": _l("No posts yet."),
        "reflection_number": _l("reflection %(number)s"),
        "count_reflections": _l("Reflections shared: %(count)s"),
    },
)
