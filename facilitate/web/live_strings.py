"""The words the live pages' scripts show, translated here and handed over as JSON.

The words every page shares are here; each stage kind brings its own (StageKind.strings)."""

from flask_babel import lazy_gettext as _l

from facilitate import registry
from facilitate.web.labels import VISIBILITY_LABELS

LIVE_STRINGS = {
    "holding_phone": _l("There is nothing to do on your phone for this part. Please look at the "
                        "big screen and listen to the facilitator."),
    "holding_screen": _l("Please listen to the facilitator."),
    "holding_console": _l("This kind of stage is not built yet. The screen and phones show "
                          "its title and a short note."),
    "waiting_title": _l("You are in!"),
    "waiting_phone": _l("The event will start soon. Keep this page open: the next step appears "
                        "here by itself."),
    "waiting_screen": _l("We will start soon."),
    "waiting_console": _l("Nothing is on show yet. Choose a stage from the agenda."),
    "nothing_on_show": _l("Nothing yet"),
    "joined_count": _l("People joined: %(count)s"),
    "room_heading": _l("Who is in the room"),
    "room_nobody": _l("Nobody has joined yet."),
    "room_group": _l("%(label)s: %(count)s"),
    "sending": _l("Sending…"),
    "saved_offline": _l("Saved on this phone. It will be sent when you are back online."),
    "waiting_offline": _l("Waiting to send: you are offline"),
    "waiting_note": _l("Waiting to send: %(note)s"),
    "sent": _l("Sent"),
    "sent_pending": _l("Sent: waiting for a facilitator to check it"),
    "not_sent": _l("Not sent: %(note)s"),
    "offline": _l("You are offline. What you write is kept on this phone and sent when you "
                  "are back."),
    "now_showing": _l("Now showing: %(title)s"),
    "hide": _l("Hide"),
    "show": _l("Show"),
    "approve": _l("Approve"),
    "screen_offline": _l("Reconnecting…"),
    "console_online": _l("Connected. The screen and phones follow what you do here."),
    "console_offline": _l("Not connected. Trying again… The buttons still work, but the page "
                          "does not update by itself."),
    "no_answer": _l("No answer from the server. Please try again."),
    "no_name": _l("(no name given)"),
    "copied": _l("Screen link copied."),
    "on_screen": VISIBILITY_LABELS["shown"],
    "waiting_approval": VISIBILITY_LABELS["pending"],
    "hidden_label": VISIBILITY_LABELS["hidden"],
}


def live_strings() -> dict[str, str]:
    """The strings in the current language."""
    return {key: str(value) for key, value in {**LIVE_STRINGS, **registry.strings()}.items()}
