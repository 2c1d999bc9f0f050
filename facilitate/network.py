"""The addresses phones use to reach this server: the public URL or this machine's LAN address.

Looking the LAN address up runs a subprocess and a DNS query, far too slow for every page and
every Socket.IO connect (300 phones reconnecting at once waited 17 s on them, holding database
connections). ``lan_addresses()`` looks them up once, keeps them, and looks again in the
background at most every ``REFRESH_SECONDS`` (the laptop may move to another Wi-Fi).
"""

import ipaddress
import logging
import socket
import subprocess
import threading
import time

log = logging.getLogger(__name__)

REFRESH_SECONDS = 30.0


class _Known:
    """The addresses last looked up, when, and whether a look-up is under way."""

    lock = threading.Lock()
    addresses: list[str] | None = None
    checked = 0.0
    looking = False


def lan_addresses() -> list[str]:
    """This machine's IPv4 addresses other than loopback, private ones first: as last looked
    up (only the very first call waits for the look-up)."""
    with _Known.lock:
        first = _Known.addresses is None
        stale = time.monotonic() - _Known.checked > REFRESH_SECONDS
        look_again = stale and not first and not _Known.looking
        if look_again:
            _Known.looking = True
    if first:
        _remember(look_up_lan_addresses())
    elif look_again:
        threading.Thread(target=_look_again, daemon=True).start()
    return list(_Known.addresses or [])


def _look_again() -> None:
    try:
        _remember(look_up_lan_addresses())
    finally:
        _Known.looking = False


def _remember(addresses: list[str]) -> None:
    with _Known.lock:
        if _Known.addresses is not None and addresses != _Known.addresses:
            log.info("this computer's network address is now %s", ", ".join(addresses) or "none")
        _Known.addresses, _Known.checked = addresses, time.monotonic()


def look_up_lan_addresses() -> list[str]:
    """Ask the system now (slow: a DNS query and `ip addr`)."""
    found: set[str] = set()
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            found.add(info[4][0])
    except OSError:
        pass
    try:
        output = subprocess.run(["ip", "-4", "-o", "addr", "show", "up"], capture_output=True,
                                text=True, timeout=3, check=False).stdout
        for line in output.splitlines():
            parts = line.split()
            if "inet" in parts:
                found.add(parts[parts.index("inet") + 1].split("/")[0])
    except (OSError, subprocess.SubprocessError):
        pass
    usable = [a for a in found if not ipaddress.ip_address(a).is_loopback]
    return sorted(usable, key=lambda a: (not ipaddress.ip_address(a).is_private, a))


def base_url(host: str, port: int, public_url: str = "") -> str:
    """The URL phones should use: the configured public URL, else a LAN address, never localhost."""
    if public_url:
        return public_url.rstrip("/")
    if host not in ("0.0.0.0", "::", "", "localhost") and \
            not ipaddress.ip_address(host).is_loopback:
        return f"http://{host}:{port}"
    addresses = lan_addresses()
    if addresses:
        return f"http://{addresses[0]}:{port}"
    return f"http://{socket.gethostname()}:{port}"
