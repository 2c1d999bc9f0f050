"""Settings: defaults, overlaid by FACILITATE_* environment variables, then by test config."""

import os
import secrets
from pathlib import Path

from facilitate.resources import PROJECT_DIR


def data_dir() -> Path:
    """Where event data lives: FACILITATE_DATA_DIR, else sessions/ in a checkout or here."""
    configured = os.environ.get("FACILITATE_DATA_DIR")
    if configured:
        return Path(configured)
    checkout = PROJECT_DIR / "sessions"
    return checkout if (PROJECT_DIR / "pyproject.toml").is_file() else Path.cwd() / "sessions"


def secret_key(folder: Path) -> str:
    """FACILITATE_SECRET_KEY, else a key made once and kept (readable by us only) in folder."""
    configured = os.environ.get("FACILITATE_SECRET_KEY")
    if configured:
        return configured
    path = folder / "secret_key"
    if path.is_file():
        return path.read_text().strip()
    folder.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


def default_config() -> dict:
    """The configuration before any test overrides."""
    folder = data_dir()
    return {
        "DATA_DIR": str(folder),
        "SQLALCHEMY_DATABASE_URI": os.environ.get("FACILITATE_DATABASE_URL")
        or f"sqlite:///{folder / 'facilitate.db'}",
        "SECRET_KEY_SOURCE": folder,
        # Socket.IO message queue shared by several processes (Redis URL); None for one process.
        "MESSAGE_QUEUE": os.environ.get("FACILITATE_MESSAGE_QUEUE") or None,
        # Where rate-limit counters live: memory:// for one process, a redis:// URL for many.
        "RATE_LIMIT_STORAGE": os.environ.get("FACILITATE_RATE_LIMIT_STORAGE")
        or os.environ.get("FACILITATE_MESSAGE_QUEUE") or "memory://",
        # The address phones use, e.g. https://events.example.org; else the LAN address.
        "PUBLIC_URL": os.environ.get("FACILITATE_PUBLIC_URL", ""),
        "AUTO_UPGRADE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": os.environ.get("FACILITATE_SECURE_COOKIES") == "1",
        "PERMANENT_SESSION_LIFETIME": 60 * 60 * 24 * 30,
        # Room for an edited workbook of a very big event (about 15 MB) to come back.
        "MAX_CONTENT_LENGTH": 32 * 1024 * 1024,
        # Times in the workbook and on pages are shown in this zone.
        "TIMEZONE": os.environ.get("FACILITATE_TIMEZONE", "Europe/London"),
        "BABEL_DEFAULT_LOCALE": "en",
        "LANGUAGES": ["en"],
        # Werkzeug's method for new password hashes; tests ask for a cheap one.
        "PASSWORD_HASH_METHOD": "scrypt",
        "LOGIN_FAILURE_LIMIT": "5 per 15 minutes",
        "LOGIN_FAILURE_LIMIT_PER_ADDRESS": "50 per 15 minutes",
        "WTF_CSRF_TIME_LIMIT": None,
        # Live event: per-person limits stop one phone flooding the screen; per-address limits
        # are generous because a whole venue often reaches us from one public address.
        "SUBMIT_LIMIT": "10 per minute",
        "SUBMIT_LIMIT_PER_ADDRESS": "3000 per minute",
        "JOIN_LIMIT_PER_ADDRESS": "2000 per 10 minutes",
        # Wrong join codes per address (typos at a busy venue stay far below this).
        "WRONG_CODE_LIMIT_PER_ADDRESS": "300 per 10 minutes",
        # Messages to phones within this many seconds are sent as one (see realtime.broadcast).
        "PHONE_COALESCE_SECONDS": 0.25,
    }
