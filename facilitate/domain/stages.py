"""What a stage kind lets a plan set, as plain rules (the kinds are in facilitate/stages/)."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

EVENT_STATUSES = ("draft", "live", "closed")


@dataclass(frozen=True)
class Setting:
    """One setting a stage kind accepts in a plan: its name, type and limits."""

    name: str
    kind: str  # "text", "markdown-list", "text-list", "slot-list"
    required: bool = False
    limit: int = 500
    max_items: int = 50


class PlanKind(Protocol):
    """What checking a plan needs of a stage kind (facilitate.stages.base.StageKind has it)."""

    name: str
    default_title: str
    settings: tuple[Setting, ...]


PlanKinds = Mapping[str, PlanKind]
