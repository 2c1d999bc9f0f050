"""The welcome stage as the registry knows it: a message, and the joining instructions."""

from flask_babel import lazy_gettext as _l

from facilitate.domain.stages import Setting, StageKind, same_view
from facilitate.stages.welcome import views

KIND = StageKind(
    name="welcome",
    label=_l("Welcome"),
    default_title="Welcome",
    settings=(Setting("message", "text", limit=2000),),
    views=same_view(views.everyone),
    phone_template="stages/welcome/phone.html",
    script=True,
    strings={
        "welcome_phone": _l("You are in. Keep this page open: the next step appears here by "
                            "itself."),
        "join_scan": _l("Scan the code with your phone camera."),
        "join_or_go": _l("Or type this address:"),
        "join_code": _l("The code is"),
        "qr_alt": _l("QR code to join: %(url)s"),
    },
)
