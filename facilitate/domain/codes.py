"""Join codes people can read aloud and type, and unguessable tokens for private links."""

import secrets

# No 0/O, 1/I/L: they look and sound alike on a projector and over a phone line.
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 6


def new_join_code() -> str:
    """A random join code such as 'K7M2QX'."""
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def normalise_join_code(typed: str) -> str:
    """Turn what a person typed ('k7m 2qx', 'K7M-2QX') into the stored form."""
    kept = "".join(ch for ch in (typed or "").upper() if ch.isalnum())
    return kept[:32]


def is_valid_join_code(code: str) -> bool:
    """True when the code has the right length and only unambiguous characters."""
    return len(code) == JOIN_CODE_LENGTH and all(ch in JOIN_CODE_ALPHABET for ch in code)


def spoken_join_code(code: str) -> str:
    """The code split in two halves, easier to read aloud: 'K7M 2QX'."""
    half = len(code) // 2
    return f"{code[:half]} {code[half:]}"


def new_token() -> str:
    """An unguessable URL-safe token (about 190 bits) for private links."""
    return secrets.token_urlsafe(24)
