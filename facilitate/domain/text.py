"""Cleaning of everything people type: trimmed, bounded and free of control characters."""

import re
import unicodedata

from facilitate.domain.errors import UserError

# Control characters except tab and newline; Excel and many screens choke on them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u2028\u2029]")
_LINE_ENDINGS = re.compile(r"\r\n?")


def clean_text(value: object, *, limit: int, field: str, label: str,
               required: bool = False, multiline: bool = False) -> str:
    """Return the cleaned text, or raise UserError naming the field."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise UserError(f"{label} must be text.", field)
    text = tidy_text(value, multiline=multiline)
    if required and not text:
        raise UserError(f"Please fill in {label.lower()}.", field)
    if len(text) > limit:
        raise UserError(f"{label} is too long: {len(text)} characters. "
                        f"The most is {limit}.", field)
    return text


def tidy_text(value: str, *, multiline: bool = False) -> str:
    """The cleaning clean_text does, without its checks (for readers that list problems):
    NFC, line breaks as \\n, no control characters, spaces tidied."""
    text = unicodedata.normalize("NFC", _LINE_ENDINGS.sub("\n", value))
    text = _CONTROL.sub("", text)
    if not multiline:
        return " ".join(text.split())
    text = "\n".join(line.rstrip() for line in text.strip().split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def clean_email(value: object, *, field: str = "email", required: bool = False) -> str:
    """Return a plausible email address in lower case, or raise UserError."""
    text = clean_text(value, limit=254, field=field, label="Email", required=required)
    if text and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", text):
        raise UserError("That email address does not look right. "
                        "It should look like name@example.org.", field)
    return text.lower()
