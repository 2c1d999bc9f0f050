"""How the app's settings shape an export: the follow-up links it gives out and its time zone."""

from collections.abc import Callable

from flask import current_app, has_request_context, url_for

from facilitate.export.workbook import EventExport
from facilitate.export.workbook.context import zone_named
from facilitate.services import live
from facilitate.store.models import Event

FOLLOW_UP_ENDPOINT = "followup.pledge_page"
# Where phones reach the server when nothing else says: `facilitate serve`'s default port.
COMMAND_LINE_HOST = "localhost:5000"


def event_export(event: Event, *, include_hidden: bool, host: str = COMMAND_LINE_HOST,
                 scheme: str = "http") -> EventExport:
    """An export of the event as this app is set up: its links and time zone (TIMEZONE)."""
    return EventExport(event, include_hidden=include_hidden,
                       link_for=follow_up_links(event, host, scheme),
                       zone=zone_named(current_app.config.get("TIMEZONE")))


def follow_up_links(event: Event, host: str, scheme: str) -> Callable[[str], str]:
    """A function from a pledge's token to its full follow-up link, on the address phones use."""
    base = live.base_url(event, host, scheme).rstrip("/")
    path = _follow_up_path()
    return lambda token: base + path.format(token=token)


def _follow_up_path() -> str:
    """The follow-up page's path with a {token} slot (in a request, under its mount point)."""
    if has_request_context():
        return url_for(FOLLOW_UP_ENDPOINT, token="TOKEN").replace("TOKEN", "{token}")
    with current_app.test_request_context():
        return _follow_up_path()
