"""How the app's settings shape an export: the follow-up links it gives out and its time zone."""

from collections.abc import Callable

from flask import current_app

from facilitate.export.workbook import EventExport
from facilitate.export.workbook.context import zone_named
from facilitate.store.models import Event

# The pledger's follow-up page. Used when no view of that name is registered (yet).
FOLLOW_UP_ENDPOINT = "pledges.follow_up"
FOLLOW_UP_PATH = "/f/{token}"


def event_export(event: Event, *, include_hidden: bool,
                 fallback_url: Callable[[], str]) -> EventExport:
    """An export of the event as this app is set up: links, time zone (TIMEZONE setting)."""
    return EventExport(event, include_hidden=include_hidden,
                       link_for=follow_up_links(event, fallback_url),
                       zone=zone_named(current_app.config.get("TIMEZONE")))


def link_base(event: Event, fallback_url: Callable[[], str]) -> str:
    """Where phones reach this server: the event's own address, PUBLIC_URL, else the fallback."""
    base = event.public_url or current_app.config.get("PUBLIC_URL") or fallback_url()
    return base.rstrip("/")


def follow_up_links(event: Event, fallback_url: Callable[[], str]) -> Callable[[str], str]:
    """A function from a pledge's token to its full follow-up link."""
    base = link_base(event, fallback_url)
    path = _follow_up_path()
    return lambda token: base + path.format(token=token)


def _follow_up_path() -> str:
    """The follow-up page's path with a {token} slot, from the app's own routes if it has one."""
    if FOLLOW_UP_ENDPOINT not in current_app.view_functions:
        return FOLLOW_UP_PATH
    adapter = current_app.url_map.bind("localhost")
    return adapter.build(FOLLOW_UP_ENDPOINT, {"token": "TOKEN"}).replace("TOKEN", "{token}")
