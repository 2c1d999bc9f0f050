"""What each audience sees of the closing stage: its message and what people did together."""

from facilitate import registry
from facilitate.services import participants


def everyone(event, stage) -> dict:
    """The message, how many joined, each kind's counts (reflections shared, pledges...), and
    the book of proceedings' address once published ("" before)."""
    from facilitate.stages.open_space.proceedings import public_path

    return {"message": stage.config.get("message", ""),
            "counts": {"joined": participants.joined_count(event), **registry.counts(event)},
            "proceedings": public_path(event)}
