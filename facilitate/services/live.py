"""Driving a live event: the stage on show, pausing sending, moderation, the join address.

Each function checks, saves and announces (see facilitate.realtime.broadcast), so the screen,
consoles and phones follow. The console's Socket.IO handlers and its plain forms both call them.
"""

import ipaddress
import logging
import re

from flask import current_app

from facilitate import network
from facilitate.domain.errors import NotFound, UserError
from facilitate.domain.text import clean_text
from facilitate.realtime.broadcast import announce
from facilitate.services import snapshots
from facilitate.store.models import Event, Stage

log = logging.getLogger(__name__)

# An address for phones: a host name or IP address, a port, a plain path. It goes into QR
# codes, printed cards and follow-up emails, so quotes, brackets and spaces have no place.
_ADDRESS = re.compile(r"https?://([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:\d{1,5})?"
                      r"(/[A-Za-z0-9._~%/-]*)?")
ALL = ("screen", "console", "phones")
# The value of a Next or Previous button without JavaScript, as a step.
BUTTON_STEPS = {"next": 1, "previous": -1}


def stage_of(event: Event, stage_id: object) -> Stage:
    """A stage of this event, or NotFound (also for stages of other events)."""
    if not isinstance(stage_id, int) or isinstance(stage_id, bool):
        raise UserError("Choose a stage.", "stage_id")
    stage = next((s for s in event.stages if s.id == stage_id), None)
    if stage is None:
        raise NotFound("That stage is not in this event.", "stage_id")
    return stage


def announce_stage(event: Event) -> int:
    """Send every audience its view of the current stage."""
    stage = snapshots.current_stage(event)
    return announce(event, "stage_changed",
                    lambda audience: {"stage": snapshots.view_of(event, stage, audience)}, ALL)


def go_to_stage(event: Event, stage_id: object) -> Stage:
    """Put a stage on show."""
    stage = stage_of(event, stage_id)
    event.current_stage_id = stage.id
    announce_stage(event)
    log.info("event %s: stage %s (%s)", event.code, stage.id, stage.kind)
    return stage


def is_step(value: object) -> bool:
    """1 or -1 as a whole number: True == 1 and 1.0 == 1 in Python, but they are no steps."""
    return type(value) is int and value in (1, -1)


def step_stage(event: Event, step: object) -> Stage:
    """Go to the next (+1) or previous (-1) stage of the agenda."""
    if not is_step(step):
        raise UserError("Go one stage forward or back.", "step")
    stages = list(event.stages)
    if not stages:
        raise UserError("This event has no stages yet.")
    current = snapshots.current_stage(event)
    index = stages.index(current) + step if current else 0
    return go_to_stage(event, stages[max(0, min(index, len(stages) - 1))].id)


def set_locked(event: Event, locked: object) -> bool:
    """Pause (True) or resume (False) sending from phones."""
    if not isinstance(locked, bool):
        raise UserError("Say whether sending is paused.", "locked")
    if event.submissions_locked != locked:
        event.submissions_locked = locked
        announce(event, "submissions_locked", {"locked": locked}, ALL)
        log.info("event %s: sending %s", event.code, "paused" if locked else "open")
    return locked


def set_moderation(event: Event, moderation: object) -> str:
    """Show what people send at once ("show"), or only after approval ("approve")."""
    if moderation not in ("show", "approve"):
        raise UserError("Choose whether posts show at once or wait for approval.", "moderation")
    if event.moderation != moderation:
        event.moderation = moderation
        announce(event, "moderation_changed", {"moderation": moderation}, ("screen", "console"))
    return moderation


def set_public_url(event: Event, url: object) -> str:
    """The address phones use for this event; empty means 'work it out'."""
    text = clean_text(url, limit=300, field="public_url", label="Address")
    if text and not _ADDRESS.fullmatch(text):
        raise UserError("Write the address like http://192.168.1.20:5000 or "
                        "https://events.example.org.", "public_url")
    text = text.rstrip("/")
    if _is_loopback(text):
        raise UserError("Phones cannot reach this computer's own address (localhost). "
                        "Use its network address instead.", "public_url")
    event.public_url = text
    announce(event, "join_changed", {}, ("screen", "console"))
    return text


def base_url(event: Event, host_header: str = "", scheme: str = "http") -> str:
    """The address phones use: the event's, else FACILITATE_PUBLIC_URL, else the one this page
    was reached at unless it is this computer's own, else the LAN address. Never localhost."""
    if event.public_url:
        return event.public_url
    configured = current_app.config.get("PUBLIC_URL", "")
    if configured:
        return configured.rstrip("/")
    host, port = _split_host(host_header, scheme)
    if host and not _is_loopback(f"http://{host}") and not _is_ip(host):
        return f"{scheme}://{host_header}"
    return network.base_url(host if _is_ip(host) else "0.0.0.0", port)


def join_url(event: Event, host_header: str = "", scheme: str = "http") -> str:
    """The address in the QR code: base URL + /j/<code>."""
    return f"{base_url(event, host_header, scheme)}/j/{event.code}"


def _split_host(host_header: str, scheme: str) -> tuple[str, int]:
    default = 443 if scheme == "https" else 80
    match = re.fullmatch(r"\[?([^\]]*?)\]?(?::(\d+))?", host_header or "")
    if not match:
        return "", default
    return match.group(1), int(match.group(2) or default)


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _is_loopback(url: str) -> bool:
    host = re.sub(r"^https?://\[?", "", url).split("/")[0]
    host = host.rsplit("]", 1)[0] if "]" in host else host.split(":")[0]
    if host.lower() in ("localhost", "localhost.localdomain") or host.endswith(".localhost"):
        return True
    return _is_ip(host) and ipaddress.ip_address(host).is_loopback
