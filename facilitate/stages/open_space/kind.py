"""The open space as the registry knows it so far: its plan settings; no views yet, so every
page shows "coming soon"."""

from flask_babel import lazy_gettext as _l

from facilitate.domain.stages import Setting, StageKind

KIND = StageKind(
    name="open_space",
    label=_l("Open space"),
    default_title="Open space",
    settings=(
        Setting("theme", "text", limit=300),
        Setting("spaces", "text-list", required=True, limit=80, max_items=60),
        Setting("slots", "slot-list", required=True, limit=40, max_items=20),
    ),
)
