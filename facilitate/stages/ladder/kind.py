"""The ladder of co-production as the registry knows it: a poll with two fixed questions."""

from flask_babel import lazy_gettext as _l

from facilitate.domain.stages import Setting, StageKind
from facilitate.stages.ladder import views
from facilitate.stages.poll import views as poll_views

KIND = StageKind(
    name="ladder",
    label=_l("Ladder of co-production"),
    default_title="Ladder of co-production",
    # The subject the room places on the ladder, e.g. "our commissioning of day services".
    settings=(Setting("question", "text", limit=300),),
    starter_config={"question": "How we plan and run services together"},
    views={"phones": views.phones, "screen": views.screen, "console": views.console},
    mine=poll_views.mine,
    summary=lambda event, hidden: poll_views.summary(event, hidden)[1:],
)
