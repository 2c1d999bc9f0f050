"""The poll as the registry knows it so far: its plan settings; no views yet, so every page
shows "coming soon"."""

from flask_babel import lazy_gettext as _l

from facilitate.domain.stages import Setting, StageKind

KIND = StageKind(
    name="poll",
    label=_l("Poll"),
    default_title="Poll",
    settings=(
        Setting("question", "text", required=True, limit=300),
        Setting("options", "text-list", required=True, limit=120, max_items=12),
    ),
)
