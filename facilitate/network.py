"""The addresses phones use to reach this server: the public URL or this machine's LAN address."""

import ipaddress
import socket
import subprocess


def lan_addresses() -> list[str]:
    """This machine's IPv4 addresses other than loopback, private ones first."""
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
