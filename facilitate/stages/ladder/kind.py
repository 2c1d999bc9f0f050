"""The ladder as the registry knows it so far: its plan settings; no views yet, so every page
shows "coming soon"."""

from flask_babel import lazy_gettext as _l

from facilitate.domain.stages import Setting, StageKind

KIND = StageKind(
    name="ladder",
    label=_l("Ladder of co-production"),
    default_title="Ladder of co-production",
    settings=(Setting("question", "text", limit=300),),
)
