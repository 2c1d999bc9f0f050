"""Many phones against a real `facilitate serve`: set-up, python-socketio clients, counting.

Used by tests/realtime/test_recovery.py (a crash and a connect storm, in the suite) and by
benchmarks/recovery.py (the same with more phones, timed). Everything runs on 127.0.0.1.

- ``prepare(database_url, phones)`` makes a live event on its reflection stage with that many
  participants, straight in the database, and returns their signed session cookies (what a
  phone holds after joining) and its facilitator's (logged in).
- ``Server`` starts and kills ``python -m facilitate serve`` (gevent, as shipped: no public URL).
- ``Phone`` is one attendee: a python-socketio client that reconnects by itself and an outbox
  that keeps each reflection until its ack says ok, sending again after a reconnect, as
  static/js/live.js does.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import socketio

REPO = Path(__file__).resolve().parents[1]
SECRET = "load-test-secret"


@dataclass
class Prepared:
    """An event ready for phones: its code, its stages by kind, the cookies of its
    participants (one per phone) and of its facilitator's login."""

    code: str
    stages: dict[str, int]
    cookies: list[str]
    console_cookie: str

    @property
    def stage_id(self) -> int:
        """The reflection stage on show."""
        return self.stages["reflection"]


def prepare(database_url: str, phones: int) -> Prepared:
    """A live event on its reflection stage with `phones` participants, straight in the
    database, and the session cookies a browser holds after joining or logging in."""
    from facilitate import create_app
    from facilitate.extensions import db
    from facilitate.services import accounts, events, live, participants
    from facilitate.services.demo import demo_plan_path

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": SECRET,
                      "ASYNC_MODE": "threading", "PUBLIC_URL": "",
                      "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1", "RATE_LIMIT_STORAGE": "memory://"})
    with app.app_context():
        user, _ = accounts.create_user("facilitator@example.org", "correct horse battery")
        event = events.create_event_from_plan_text(user, demo_plan_path().read_bytes())
        events.set_status(event, "live")
        stages = {}
        for stage in event.stages:
            stages.setdefault(stage.kind, stage.id)
        live.go_to_stage(event, stages["reflection"])
        people = [participants.join(event) for _ in range(phones)]
        signer = app.session_interface.get_signing_serializer(app)
        cookies = [signer.dumps({participants.SESSION_KEY: {event.code: person.public_id}})
                   for person in people]
        accounts.start_session(user)
        console_cookie = signer.dumps({"_user_id": user.get_id(), "_fresh": True})
        prepared = Prepared(event.code, stages, cookies, console_cookie)
        db.session.remove()
        db.engine.dispose()
    return prepared


@dataclass
class Server:
    """`facilitate serve` on 127.0.0.1 with its own database and log."""

    folder: Path
    port: int
    database_url: str
    process: subprocess.Popen | None = None
    starts: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def log(self) -> Path:
        return self.folder / "server.log"

    def start(self, timeout: float = 30) -> float:
        """Start it and wait until it answers; return the seconds that took."""
        env = {key: value for key, value in os.environ.items()
               if not key.startswith("FACILITATE_")}
        env.update({"FACILITATE_DATABASE_URL": self.database_url, "PYTHONUNBUFFERED": "1",
                    "FACILITATE_SECRET_KEY": SECRET, "FACILITATE_DATA_DIR": str(self.folder)})
        began = time.monotonic()
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "facilitate", "serve", "--host", "127.0.0.1",
                 "--port", str(self.port)], env=env, cwd=REPO, stdout=log,
                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        self.starts += 1
        while not self._healthy():
            if self.process.poll() is not None or time.monotonic() - began > timeout:
                raise RuntimeError(f"the server did not start:\n{self.log_tail()}")
            time.sleep(0.05)
        return time.monotonic() - began

    def kill(self) -> None:
        """kill -9: no goodbye to anyone, nothing flushed."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()

    def log_tail(self, lines: int = 40) -> str:
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    def _healthy(self) -> bool:
        try:
            with urllib.request.urlopen(self.url + "/healthz", timeout=1) as response:
                return response.status == 200
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return False


class PatientClient(socketio.Client):
    """Waits for the answer to a connect as long as a browser does (socket.io-client gives it
    20 s), where python-socketio gives up after 1 s when it reconnects and tries again."""

    def connect(self, *args, wait_timeout: float = 10, **kwargs):
        return super().connect(*args, wait_timeout=wait_timeout, **kwargs)


@dataclass
class Phone:
    """One attendee's phone: reconnects by itself, keeps each reflection until acked."""

    number: int
    url: str
    code: str
    stage_id: int
    cookie: str
    pending: list[str] = field(default_factory=list)
    acked: set[str] = field(default_factory=set)
    refused: list[dict] = field(default_factory=list)
    back: threading.Event = field(default_factory=threading.Event)
    made: int = 0

    def __post_init__(self):
        self.client = PatientClient(reconnection_delay=0.5, reconnection_delay_max=2,
                                    randomization_factor=0.5)
        self.client.on("snapshot", self._heard_from_server)
        self.client.on("up_to_date", self._heard_from_server)
        self.client.on("disconnect", self._lost)
        self.waiting: threading.Event | None = None   # set when the ack comes or cannot
        self.back_at = 0.0

    def _lost(self, *_reason) -> None:
        self.back.clear()
        if self.waiting is not None:
            self.waiting.set()   # no ack will come on this connection

    def _heard_from_server(self, _message) -> None:
        self.back_at = time.monotonic()
        self.back.set()

    def connect(self, deadline: float) -> bool:
        """Connect (trying again until the deadline); True once the server sent its state."""
        while time.monotonic() < deadline:
            try:
                self.client.connect(self.url, headers={"Cookie": f"session={self.cookie}"},
                                    auth={"event": self.code, "audience": "phones",
                                          "version": None},
                                    transports=["websocket"], wait_timeout=10)
            except socketio.exceptions.ConnectionError:
                time.sleep(0.2)
                continue
            return self.back.wait(max(0.0, deadline - time.monotonic()))
        return False

    def write(self) -> str:
        """Put a new reflection in the outbox; return its id."""
        self.made += 1
        client_id = f"phone-{self.number:04d}-{self.made:04d}"
        self.pending.append(client_id)
        return client_id

    def send(self, deadline: float) -> None:
        """Send the outbox until it is empty or the deadline passes; keep what is not acked."""
        while self.pending and time.monotonic() < deadline:
            if not self.back.wait(0.2):
                continue
            client_id = self.pending[0]
            ack = self._call("submit_reflection", {"id": client_id, "stage_id": self.stage_id,
                                                   "text": f"Reflection {client_id}"})
            if ack is None:
                time.sleep(0.1)    # not connected, or no answer: send it again later
                continue
            if ack and ack.get("ok"):
                self.acked.add(client_id)
                self.pending.pop(0)
            elif ack and ack.get("reason") in ("paused", "rate_limited", "error"):
                time.sleep(0.5)
            else:
                self.refused.append(ack)
                self.pending.pop(0)

    def _call(self, name: str, payload: dict, timeout: float = 10) -> dict | None:
        """Send and wait for the ack; None if the connection is lost first (the browser's
        outbox sends again on reconnecting, without waiting for an answer that cannot come)."""
        answered, answer = threading.Event(), []
        self.waiting = answered
        try:
            self.client.emit(name, payload,
                             callback=lambda *args: (answer.extend(args), answered.set()))
        except socketio.exceptions.SocketIOError:
            return None
        answered.wait(timeout)
        self.waiting = None
        return answer[0] if answer else None

    def close(self) -> None:
        self.client.disconnect()


def console_changes_stage(url: str, event: Prepared, stage_id: int) -> tuple[dict, float]:
    """The facilitator's console connects and puts a stage on show: (the ack, seconds taken)."""
    console = PatientClient()
    began = time.monotonic()
    try:
        console.connect(url, headers={"Cookie": f"session={event.console_cookie}"},
                        auth={"event": event.code, "audience": "console", "version": None},
                        transports=["websocket"])
        ack = console.call("go_to_stage", {"stage_id": stage_id}, timeout=20)
        return ack, time.monotonic() - began
    finally:
        console.disconnect()


def together(phones: list[Phone], action, *args) -> None:
    """Run `action(phone, *args)` for every phone at once, each in a thread; wait for all."""
    threads = [threading.Thread(target=action, args=(phone, *args), daemon=True)
               for phone in phones]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
