"""Names shown to people for the app's internal words, all translatable."""

from flask_babel import lazy_gettext as _l

STATUS_LABELS = {"draft": _l("Draft"), "live": _l("Live"), "closed": _l("Closed")}

# Whether what people sent is on the screen: the same words for every kind that moderates.
VISIBILITY_LABELS = {"shown": _l("On the screen"), "pending": _l("Waiting for approval"),
                     "hidden": _l("Hidden")}

# The buttons a moderated item offers in each state: (the state it moves to, the button).
_MODERATION_ACTIONS = {
    "shown": (("hidden", _l("Hide")),),
    "pending": (("shown", _l("Approve")), ("hidden", _l("Hide"))),
    "hidden": (("shown", _l("Show")),),
}


def moderation_actions(visibility: str) -> tuple:
    """(new visibility, button label) for each button an item in this state offers."""
    return _MODERATION_ACTIONS.get(visibility, ())


def template_labels() -> dict:
    """For every template."""
    return {"visibility_labels": VISIBILITY_LABELS, "moderation_actions": moderation_actions}
