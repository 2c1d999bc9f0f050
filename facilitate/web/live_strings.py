"""The words the live pages' scripts show, translated here and handed over as JSON."""

from flask_babel import lazy_gettext as _l

from facilitate.web.pledge_strings import PLEDGE_STRINGS

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
    "welcome_phone": _l("You are in. Keep this page open: the next step appears here by "
                        "itself."),
    "join_scan": _l("Scan the code with your phone camera."),
    "join_or_go": _l("Or type this address:"),
    "join_code": _l("The code is"),
    "joined_count": _l("People joined: %(count)s"),
    "qr_alt": _l("QR code to join: %(url)s"),
    "slide_of": _l("Slide %(number)s of %(count)s"),
    "no_slides": _l("There are no slides yet."),
    "edit_slides": _l("Edit slides"),
    "your_reflection": _l("Your reflection"),
    "up_to": _l("Up to %(limit)s characters."),
    "send": _l("Send"),
    "what_you_sent": _l("What you sent"),
    "nothing_yet": _l("Nothing yet."),
    "sending": _l("Sending…"),
    "saved_offline": _l("Saved on this phone. It will be sent when you are back online."),
    "waiting_offline": _l("Waiting to send: you are offline"),
    "waiting_note": _l("Waiting to send: %(note)s"),
    "sent": _l("Sent"),
    "sent_pending": _l("Sent: waiting for a facilitator to check it"),
    "not_sent": _l("Not sent: %(note)s"),
    "empty_text": _l("Please write something first."),
    "too_long": _l("This is too long. The most is %(limit)s characters."),
    "offline": _l("You are offline. What you write is kept on this phone and sent when you "
                  "are back."),
    "now_showing": _l("Now showing: %(title)s"),
    "wall_label": _l("Latest reflections"),
    "wall_empty": _l("Reflections will appear here."),
    "cloud_label": _l("Most used words"),
    "on_screen": _l("On the screen"),
    "waiting_approval": _l("Waiting for approval"),
    "hidden_label": _l("Hidden"),
    "hide": _l("Hide"),
    "show": _l("Show"),
    "approve": _l("Approve"),
    "no_posts": _l("No posts yet."),
    "reflection_number": _l("reflection %(number)s"),
    "close_phone": _l("Thank you for taking part. The organisers will share what happens "
                      "next."),
    "count_joined": _l("People who joined: %(count)s"),
    "count_reflections": _l("Reflections shared: %(count)s"),
    "count_pledges": _l("Pledges made: %(count)s"),
    "screen_offline": _l("Reconnecting…"),
    "console_online": _l("Connected. The screen and phones follow what you do here."),
    "console_offline": _l("Not connected. Trying again… The buttons still work, but the page "
                          "does not update by itself."),
    "no_answer": _l("No answer from the server. Please try again."),
    "no_name": _l("(no name given)"),
    "copied": _l("Screen link copied."),
    **PLEDGE_STRINGS,
}


def live_strings() -> dict[str, str]:
    """The strings in the current language."""
    return {key: str(value) for key, value in LIVE_STRINGS.items()}
