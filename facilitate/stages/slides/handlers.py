"""The slides stage's client event: next, previous or a slide by number."""

from facilitate.domain.stages import client_event
from facilitate.stages.slides import service


@client_event("move_slide", ("console", "screen"), {"step", "slide"})
def move_slide(event, connection, data):
    """Next or previous slide (the screen's clicker may do this too), or a slide by number."""
    return {"ok": True, "slide": service.move_slide(event, data.get("step"), data.get("slide"))}


CLIENT_EVENTS = (move_slide,)
