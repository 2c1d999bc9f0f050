"""The closing stage as the registry knows it: a message and the counts every kind gives."""

from flask_babel import lazy_gettext as _l

from facilitate.domain.stages import Setting
from facilitate.services import participants
from facilitate.stages import registry
from facilitate.stages.base import StageKind, views


def _view(event, stage) -> dict:
    return {"message": stage.config.get("message", ""),
            "counts": {"joined": participants.joined_count(event), **registry.counts(event)}}


KIND = StageKind(
    name="close",
    label=_l("Close"),
    default_title="Close",
    settings=(Setting("message", "text", limit=2000),),
    views=views(_view),
    phone_template="stages/close/phone.html",
    script=True,
    strings={
        "close_phone": _l("Thank you for taking part. The organisers will share what happens "
                          "next."),
        "count_joined": _l("People who joined: %(count)s"),
    },
)
