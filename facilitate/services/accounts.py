"""Facilitator accounts: create, change password, check a login, start and end login sessions."""

import datetime as dt
import hashlib
import secrets
from functools import cache

from flask import current_app
from sqlalchemy import delete, select
from werkzeug.security import check_password_hash, generate_password_hash

from facilitate.domain.errors import NotFound, UserError
from facilitate.domain.text import clean_email, clean_text
from facilitate.extensions import db
from facilitate.store.models import LoginSession, User, utcnow

MIN_PASSWORD_LENGTH = 10


def _hash(password: str) -> str:
    """The password's hash by the configured method (scrypt unless a test asks for less)."""
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


@cache
def _dummy_hash(method: str) -> str:
    """Checked against when the email is unknown, so a wrong email takes as long as a wrong
    password: made by the same method as real hashes."""
    return generate_password_hash("not a real password", method=method)


def check_password_rules(password: str) -> None:
    """Long passwords beat complicated ones: ask only for length."""
    if not isinstance(password, str) or len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(f"The password must be at least {MIN_PASSWORD_LENGTH} characters.",
                        "password")
    if len(password) > 200:
        raise UserError("The password must be at most 200 characters.", "password")


def one_time_password() -> str:
    """A password to hand over once; the holder must change it at first login."""
    return secrets.token_urlsafe(12)


def user_of_session(session_id: str) -> User | None:
    """The user of a login session that has not ended (see start_session); None for one that
    ended (logged out, logged out everywhere, a new password) or for anything else."""
    user_id, _, token = session_id.partition(":")
    if not (user_id.isascii() and user_id.isdigit() and len(user_id) <= 10 and token):
        return None
    user = db.session.scalar(
        select(User).join(LoginSession, LoginSession.user_id == User.id)
        .where(User.id == int(user_id), LoginSession.token_hash == _token_hash(token)))
    if user is not None:
        user.session_token = token
    return user


def start_session(user: User) -> str:
    """Begin a login for one browser; the user's get_id() then names it. Returns its token."""
    token = secrets.token_urlsafe(32)
    too_old = utcnow() - dt.timedelta(seconds=current_app.config["PERMANENT_SESSION_LIFETIME"])
    db.session.execute(delete(LoginSession).where(LoginSession.user_id == user.id,
                                                  LoginSession.created_at < too_old))
    db.session.add(LoginSession(user_id=user.id, token_hash=_token_hash(token)))
    db.session.commit()
    user.session_token = token
    return token


def end_session(user: User) -> None:
    """End the login this request belongs to: a copy of its cookie opens nothing any more."""
    db.session.execute(delete(LoginSession).where(
        LoginSession.user_id == user.id,
        LoginSession.token_hash == _token_hash(user.session_token)))
    db.session.commit()


def end_every_session(user: User) -> None:
    """Log the user out in every browser (a lost laptop, a new password)."""
    db.session.execute(delete(LoginSession).where(LoginSession.user_id == user.id))
    db.session.commit()


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def find_user(email: str) -> User | None:
    """The account with this email, if any."""
    return db.session.scalar(select(User).where(User.email == email.strip().lower()))


def create_user(email: str, password: str | None = None, name: str = "") -> tuple[User, str]:
    """Make an account; without a password a one-time one is made. Returns (user, password)."""
    email = clean_email(email, required=True)
    name = clean_text(name, limit=120, field="name", label="Name")
    if find_user(email):
        raise UserError("There is already an account with that email.", "email")
    must_change = password is None
    password = password if password is not None else one_time_password()
    check_password_rules(password)
    user = User(email=email, name=name, password_hash=_hash(password),
                must_change_password=must_change)
    db.session.add(user)
    db.session.commit()
    return user, password


def set_password(email: str, password: str | None = None) -> tuple[User, str]:
    """Give an account a new password (a one-time one when none is given)."""
    user = find_user(email)
    if user is None:
        raise NotFound("There is no account with that email.", "email")
    must_change = password is None
    password = password if password is not None else one_time_password()
    check_password_rules(password)
    user.password_hash = _hash(password)
    user.must_change_password = must_change
    end_every_session(user)   # commits; every browser logs in again with the new password
    return user, password


def authenticate(email: str, password: str) -> User | None:
    """The user when email and password match, else None (in the same time either way)."""
    user = find_user(email or "")
    if user is None:
        check_password_hash(_dummy_hash(current_app.config["PASSWORD_HASH_METHOD"]),
                            password or "")
        return None
    if not check_password_hash(user.password_hash, password or ""):
        return None
    user.last_login_at = utcnow()
    db.session.commit()
    return user


def count_users() -> int:
    """How many accounts exist."""
    return db.session.query(User).count()
