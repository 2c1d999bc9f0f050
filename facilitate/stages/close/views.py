"""What each audience sees of the closing stage: its message and what people did together."""

from facilitate import registry
from facilitate.services import participants


def everyone(event, stage) -> dict:
    """The message, how many joined, and each kind's counts (reflections shared, pledges...)."""
    return {"message": stage.config.get("message", ""),
            "counts": {"joined": participants.joined_count(event), **registry.counts(event)}}
