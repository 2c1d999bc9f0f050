"""The words static/js/stages/open_space.js shows."""

from flask_babel import lazy_gettext as _l

SCRIPT_STRINGS = {
    "count_topics": _l("Open-space topics: %(count)s"),
}
