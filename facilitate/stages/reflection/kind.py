"""The reflection stage as the registry knows it."""

from flask_babel import lazy_gettext as _l

from facilitate.domain.stages import PersonCount, Setting, StageKind
from facilitate.stages.reflection import handlers, service, sheets, views, web

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
    console_actions={"wall_order": lambda event, value: service.set_wall_order(event, value)},
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
        "wall_heading": _l("On the wall"),
        "wall_hint": _l("If you feel the same, say \"me too\". You can take it back."),
        "wall_none": _l("Nothing on the wall yet."),
        "me_too": _l("Me too"),
        "me_too_take_back": _l("Take back my \"me too\""),
        "me_too_yours": _l("You wrote this"),
        "me_too_said": _l("You said \"me too\""),
        "me_too_waiting": _l("Waiting to send your \"me too\""),
        "me_too_count": _l("Me too: %(count)s"),
        "wall_new": _l("The wall has changed. Show the latest"),
        "wall_order_newest": _l("The screen shows the newest first."),
        "wall_order_me_too": _l("The screen shows the most \"me too\" first."),
        "order_by_me_too": _l("Order the screen by \"me too\""),
        "order_by_newest": _l("Show the newest first"),
    },
)
