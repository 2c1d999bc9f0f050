"""The closing stage as the registry knows it: a message and the counts every kind gives."""

from flask_babel import lazy_gettext as _l

from facilitate.domain.stages import Setting, StageKind, same_view
from facilitate.stages.close import views

KIND = StageKind(
    name="close",
    label=_l("Close"),
    default_title="Close",
    settings=(Setting("message", "text", limit=2000),),
    views=same_view(views.everyone),
    phone_template="stages/close/phone.html",
    script=True,
    strings={
        "close_phone": _l("Thank you for taking part. The organisers will share what happens "
                          "next."),
        "count_joined": _l("People who joined: %(count)s"),
        "close_proceedings": _l("Read the book of proceedings"),
    },
)
