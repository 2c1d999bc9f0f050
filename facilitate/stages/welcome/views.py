"""What each audience sees of a welcome stage: its message (the pages add how to join)."""


def everyone(event, stage) -> dict:
    """The facilitator's welcome message."""
    return {"message": stage.config.get("message", "")}
