"""Password hashing: scrypt for real, the cheap method the other tests ask for only there."""

import pytest

from facilitate import create_app
from facilitate.extensions import db
from facilitate.services import accounts
from tests.conftest import PASSWORD


@pytest.fixture
def real_app(app_config):
    """An app with the default password hashing (the shared settings ask for a cheap one)."""
    settings = {key: value for key, value in app_config.items()
                if key != "PASSWORD_HASH_METHOD"}
    app = create_app(settings)
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


def test_passwords_are_hashed_with_scrypt_by_default(real_app):
    user, _ = accounts.create_user("kim@example.org", PASSWORD)

    assert user.password_hash.startswith("scrypt:32768:8:1$")
    assert accounts.authenticate("kim@example.org", PASSWORD) == user
    assert accounts.authenticate("kim@example.org", "not the password") is None


def test_a_new_password_is_hashed_with_scrypt_by_default(real_app):
    accounts.create_user("kim@example.org", PASSWORD)

    user, _ = accounts.set_password("kim@example.org", "another long password")

    assert user.password_hash.startswith("scrypt:32768:8:1$")
    assert accounts.authenticate("kim@example.org", "another long password") == user


def test_the_configured_hash_method_is_used(app):
    user, _ = accounts.create_user("kim@example.org", PASSWORD)

    assert app.config["PASSWORD_HASH_METHOD"] == "pbkdf2:sha256:1"
    assert user.password_hash.startswith("pbkdf2:sha256:1$")
    assert accounts.authenticate("kim@example.org", PASSWORD) == user
