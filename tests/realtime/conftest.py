"""Live-event fixtures: a facilitator's console, the screen and phones as Socket.IO test clients.

Each helper goes through the real pages first (log in, open the screen link, join by the
phone form), so the Socket.IO connection carries the same session cookie a browser would.

Every request and message runs in an app context of its own, as on a real server: the test's
own app context would otherwise share `g` (the logged-in user, the CSRF token) between the
console, the screen and the phones.
"""

import re
from dataclasses import dataclass

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_socketio import SocketIOTestClient

from facilitate.extensions import socketio
from facilitate.store.models import Event
from tests.conftest import csrf_token, log_in


@pytest.fixture
def app_config(app_config):
    """Send to phones at once: coalescing has its own test."""
    return {**app_config, "PHONE_COALESCE_SECONDS": 0}


@dataclass
class LiveClient:
    """One browser: its HTTP client and its Socket.IO connection."""

    app: Flask
    http: FlaskClient
    socket: SocketIOTestClient

    def received(self, name: str | None = None) -> list[dict]:
        """The messages received since last asked (only those called `name`, if given)."""
        return [m["args"][0] for m in self.socket.get_received()
                if name is None or m["name"] == name]

    def emit(self, name: str, data=None) -> dict:
        """Send a client event and return its ack."""
        with self.app.app_context():
            return self.socket.emit(name, data, callback=True)


def connect(app: Flask, http: FlaskClient, event: Event, audience: str,
            version: int | None = None) -> SocketIOTestClient:
    """A Socket.IO connection to one event and audience, sharing the HTTP session."""
    code = event.code
    with app.app_context():
        return socketio.test_client(app, flask_test_client=http,
                                    auth={"event": code, "audience": audience,
                                          "version": version})


def join_by_form(app: Flask, http: FlaskClient, event: Event, name: str = "") -> None:
    """Join the event as a phone does: the welcome page's form."""
    code = event.code
    with app.app_context():
        token = csrf_token(http, f"/j/{code}")
    with app.app_context():
        response = http.post(f"/j/{code}", data={"csrf_token": token, "name": name})
    assert response.status_code == 302, response.get_data(as_text=True)


@pytest.fixture
def live_event(make_event):
    """A live event made from the example plan."""
    return make_event(status="live")


@pytest.fixture
def console(app, live_event):
    """The event's owner on the console page."""
    http = app.test_client()
    email = live_event.facilitators[0].user.email
    with app.app_context():
        assert log_in(http, email).status_code == 302
    return LiveClient(app, http, connect(app, http, live_event, "console"))


@pytest.fixture
def screen(app, live_event):
    """A projector laptop that opened the screen link (not logged in)."""
    http = app.test_client()
    link = f"/screen/{live_event.code}?key={live_event.screen_token}"
    with app.app_context():
        assert http.get(link).status_code == 302
    return LiveClient(app, http, connect(app, http, live_event, "screen"))


@pytest.fixture
def make_phone(app):
    """Factory: a phone that joined `event` by the form and connected."""
    def make(event: Event, name: str = "") -> LiveClient:
        http = app.test_client()
        join_by_form(app, http, event, name)
        return LiveClient(app, http, connect(app, http, event, "phones"))
    return make


def stage_id(event: Event, kind: str) -> int:
    """The id of the event's first stage of this kind."""
    return next(s.id for s in event.stages if s.kind == kind)


def client_id(n: int = 1) -> str:
    """A submission id such as a phone makes."""
    return f"phone-made-id-{n:04d}"


def texts(html: str) -> str:
    """Page text with tags stripped, for asserting what a person reads."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
