"""The slides stage as the registry knows it."""

from flask_babel import lazy_gettext as _l

from facilitate.domain.stages import Setting, StageKind, same_view
from facilitate.stages.slides import handlers, service, views, web

KIND = StageKind(
    name="slides",
    label=_l("Slides"),
    default_title="Slides",
    settings=(Setting("slides", "markdown-list", required=True, limit=5000, max_items=100),),
    views={**same_view(views.everyone, "phones", "screen"), "console": views.console},
    client_events=handlers.CLIENT_EVENTS,
    console_actions={"slide": service.step_by_button},
    blueprints=(web.bp,),
    phone_template="stages/slides/phone.html",
    console_template="stages/slides/console.html",
    script=True,
    strings={
        "slide_of": _l("Slide %(number)s of %(count)s"),
        "no_slides": _l("There are no slides yet."),
        "edit_slides": _l("Edit slides"),
    },
)
