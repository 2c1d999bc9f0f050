"""The kinds of stage an event's agenda is made of, and what each one needs to run."""

from dataclasses import dataclass

EVENT_STATUSES = ("draft", "live", "closed")


@dataclass(frozen=True)
class Setting:
    """One setting a stage kind accepts in a plan: its name, type and limits."""

    name: str
    kind: str  # "text", "markdown-list", "text-list", "slot-list"
    required: bool = False
    limit: int = 500
    max_items: int = 50


@dataclass(frozen=True)
class StageKind:
    """A kind of stage: its name in plans and the settings it takes."""

    name: str
    settings: tuple[Setting, ...] = ()

    def setting(self, name: str) -> Setting | None:
        return next((s for s in self.settings if s.name == name), None)


STAGE_KINDS: dict[str, StageKind] = {
    kind.name: kind
    for kind in (
        StageKind("welcome", (Setting("message", "text", limit=2000),)),
        StageKind("slides", (Setting("slides", "markdown-list", required=True, limit=5000,
                                     max_items=100),)),
        StageKind("reflection", (Setting("question", "text", required=True, limit=300),)),
        StageKind("open_space", (
            Setting("theme", "text", limit=300),
            Setting("spaces", "text-list", required=True, limit=80, max_items=60),
            Setting("slots", "slot-list", required=True, limit=40, max_items=20),
        )),
        StageKind("pledges", (Setting("prompt", "text", limit=300),)),
        StageKind("ladder", (Setting("question", "text", limit=300),)),
        StageKind("poll", (
            Setting("question", "text", required=True, limit=300),
            Setting("options", "text-list", required=True, limit=120, max_items=12),
        )),
        StageKind("close", (Setting("message", "text", limit=2000),)),
    )
}

# The title a stage gets when a plan gives none.
DEFAULT_TITLES = {
    "welcome": "Welcome",
    "slides": "Slides",
    "reflection": "Reflection",
    "open_space": "Open space",
    "pledges": "Pledges",
    "ladder": "Ladder of co-production",
    "poll": "Poll",
    "close": "Close",
}
