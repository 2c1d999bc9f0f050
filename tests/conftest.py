"""Shared fixtures: an app on a fresh SQLite file, clients, and factories named make_*."""

import re
import shutil

import pytest
from flask.testing import FlaskClient
from jinja2 import BytecodeCache

from facilitate import create_app
from facilitate.extensions import db
from facilitate.services import accounts, events
from facilitate.services.demo import demo_plan_path

pytest_plugins = ["tests.servers"]

PASSWORD = "correct horse battery"


SETTINGS = {
    "TESTING": True,
    "SECRET_KEY": "test-secret",
    "ASYNC_MODE": "threading",
    "RATE_LIMIT_STORAGE": "memory://",
    "PUBLIC_URL": "http://192.0.2.10:5000",
    # One round instead of scrypt: accounts are made and logged into in most tests. Tests of
    # hashing itself build their app without this.
    "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1",
}


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory):
    """One SQLite file migrated to head per session: each test starts from a copy of it."""
    path = tmp_path_factory.mktemp("migrated") / "facilitate.db"
    app = create_app({**SETTINGS, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}"})
    with app.app_context():
        db.engine.dispose()  # the last connection closing folds the WAL into the file
    assert not path.with_name(path.name + "-wal").exists()
    return path


@pytest.fixture
def database_url(tmp_path, migrated_database):
    """A fresh SQLite file already at the newest schema (the app then skips migrating)."""
    path = tmp_path / "facilitate.db"
    shutil.copyfile(migrated_database, path)
    return f"sqlite:///{path}"


@pytest.fixture
def app_config(database_url):
    """Settings for a test app; override this fixture to change them."""
    return {**SETTINGS, "SQLALCHEMY_DATABASE_URI": database_url}


class SessionBytecodeCache(BytecodeCache):
    """Compiled templates kept for the session: each test's new app would compile them again."""

    def __init__(self):
        self.codes: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self.codes:
            bucket.bytecode_from_string(self.codes[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self.codes[bucket.key] = bucket.bytecode_to_string()


TEMPLATES = SessionBytecodeCache()


class OwnContextClient(FlaskClient):
    """Each request in an app context of its own, as on a real server.

    The test's app context stays pushed for direct service calls; without this, every
    client would share its `g`: the logged-in user and the CSRF token.
    """

    def open(self, *args, **kwargs):
        with self.application.app_context():
            response = super().open(*args, **kwargs)
        db.session.expire_all()  # the test's own session reads what the request saved
        return response


@pytest.fixture
def app(app_config):
    app = create_app(app_config)
    app.test_client_class = OwnContextClient
    app.jinja_env.bytecode_cache = TEMPLATES
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def make_user(app):
    """Make a facilitator account with a known password."""
    counter = iter(range(1, 10_000))

    def make(email: str | None = None, name: str = "Sam Facilitator"):
        email = email or f"facilitator{next(counter)}@example.org"
        user, _ = accounts.create_user(email, PASSWORD, name)
        return user
    return make


@pytest.fixture
def make_event(app, make_user):
    """Make an event from the example plan, owned by the given (or a new) facilitator."""
    def make(owner=None, plan: str | bytes | None = None, status: str = "draft"):
        owner = owner or make_user()
        source = plan if plan is not None else demo_plan_path().read_bytes()
        event = events.create_event_from_plan_text(owner, source)
        if status != "draft":
            events.set_status(event, status)
        return event
    return make


def csrf_token(client, path: str) -> str:
    """The CSRF token a form page hands out."""
    html = client.get(path).get_data(as_text=True)
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html) or \
        re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def log_in(client, email: str, password: str = PASSWORD):
    """Log in through the real form, CSRF token and all."""
    token = csrf_token(client, "/console/login")
    return client.post("/console/login", data={"email": email, "password": password,
                                               "csrf_token": token})


@pytest.fixture
def logged_in(client, make_user):
    """A client logged in as a new facilitator; returns (client, user)."""
    user = make_user()
    response = log_in(client, user.email)
    assert response.status_code == 302
    return client, user
