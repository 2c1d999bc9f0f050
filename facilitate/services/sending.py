"""What everything a phone sends passes, whatever the stage kind: the event still open, sending
not paused by the facilitator, and not too fast."""

from flask import current_app

from facilitate.domain.errors import SendingPaused
from facilitate.ratelimits import rate_limits
from facilitate.services.participants import check_open
from facilitate.store.models import Event, Participant

PAUSED = "Sending is paused for now. We will send it when it opens again."


def check_can_send(event: Event) -> None:
    """EventClosed when the event has finished; SendingPaused (the phone keeps the item and
    sends it again once sending opens) while the facilitator has paused sending."""
    check_open(event)
    if event.submissions_locked:
        raise SendingPaused(PAUSED)


def limit_rate(participant: Participant, address: str) -> None:
    """One phone may not flood the screen; a whole venue on one address still gets through."""
    limits, config = rate_limits(), current_app.config
    limits.require(config["SUBMIT_LIMIT"], "submit", str(participant.id),
                   message="You are sending very fast. Please wait a minute and try again.")
    limits.require(config["SUBMIT_LIMIT_PER_ADDRESS"], "submit-address", address,
                   message="Lots of people are sending at once. Please wait a moment.")
