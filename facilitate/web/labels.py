"""Names shown to people for the app's internal words, all translatable."""

from flask_babel import lazy_gettext as _l

STAGE_KIND_LABELS = {
    "welcome": _l("Welcome"),
    "slides": _l("Slides"),
    "reflection": _l("Reflection"),
    "open_space": _l("Open space"),
    "pledges": _l("Pledges"),
    "ladder": _l("Ladder of co-production"),
    "poll": _l("Poll"),
    "close": _l("Close"),
}

STATUS_LABELS = {"draft": _l("Draft"), "live": _l("Live"), "closed": _l("Closed")}


def stage_kind_label(kind: str) -> str:
    return str(STAGE_KIND_LABELS.get(kind, kind))
