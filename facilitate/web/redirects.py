"""Where a form may send a browser next: only to a page of this site."""

from urllib.parse import urlsplit


def local_target(target: object, prefix: str = "/") -> str | None:
    """`target` if it is a path on this site under `prefix`, else None.

    Browsers drop tabs and line breaks from addresses and read a backslash as a slash, so
    "/\\t/evil.example" or "/\\\\evil.example" would leave the site: such targets are refused,
    as is anything with a scheme or a host of its own.
    """
    if not isinstance(target, str) or not target.startswith(prefix) or len(target) > 2000:
        return None
    if "\\" in target or any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in target):
        return None
    parts = urlsplit(target)
    if target.startswith("//") or parts.scheme or parts.netloc:
        return None
    return target
