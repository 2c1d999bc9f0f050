"""The join QR code: SVG and PNG that a real decoder reads as the join address, never localhost."""

import re
import struct
import zlib

import pytest
import zxingcpp

from facilitate.export.qr import qr_png, qr_svg
from facilitate.services import live


def png_pixels(png: bytes) -> tuple[int, int, bytes]:
    """Width, height and grey pixels of an 8-bit greyscale PNG (what qr_png writes)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    position, data, header = 8, b"", None
    while position < len(png):
        (length,) = struct.unpack(">I", png[position:position + 4])
        kind = png[position + 4:position + 8]
        body = png[position + 8:position + 8 + length]
        (crc,) = struct.unpack(">I", png[position + 8 + length:position + 12 + length])
        assert zlib.crc32(kind + body) & 0xFFFFFFFF == crc
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            data += body
        position += 12 + length
    width, height, depth, colour, *_ = header
    assert (depth, colour) == (8, 0)
    raw = zlib.decompress(data)
    rows = [raw[y * (width + 1):(y + 1) * (width + 1)] for y in range(height)]
    assert all(row[0] == 0 for row in rows)
    return width, height, b"".join(row[1:] for row in rows)


def decode(width: int, height: int, pixels: bytes) -> list[str]:
    image = memoryview(pixels).cast("B", (height, width))
    return [found.text for found in zxingcpp.read_barcodes(image)]


def svg_pixels(svg: str, scale: int = 8) -> tuple[int, int, bytes]:
    """Draw the SVG's path (runs of 'Mx,yhNv1h-Nz') as grey pixels."""
    (size,) = {int(n) for n in re.search(r'viewBox="0 0 (\d+) (\d+)"', svg).groups()}
    dark = [[False] * size for _ in range(size)]
    for x, y, width in re.findall(r"M(\d+),(\d+)h(\d+)v1h-\d+z", svg):
        for column in range(int(x), int(x) + int(width)):
            dark[int(y)][column] = True
    pixels = bytearray()
    for row in dark:
        line = b"".join(b"\x00" * scale if d else b"\xff" * scale for d in row)
        pixels += line * scale
    return size * scale, size * scale, bytes(pixels)


URL = "http://192.0.2.10:5000/j/K7M2QX"


def test_png_decodes_to_the_url():
    assert decode(*png_pixels(qr_png(URL))) == [URL]


def test_svg_decodes_to_the_url_and_is_labelled():
    svg = qr_svg(URL, label="QR code to join: " + URL)

    assert decode(*svg_pixels(svg)) == [URL]
    assert 'role="img"' in svg and "<title>QR code to join: " in svg


def test_svg_label_is_escaped():
    svg = qr_svg(URL, label='<script>"x"</script>')

    assert "<script>" not in svg


def test_the_served_qr_codes_hold_the_events_join_url(client, make_event):
    event = make_event(status="live")

    png = client.get(f"/j/{event.code}/qr.png")
    svg = client.get(f"/j/{event.code}/qr.svg")

    assert png.mimetype == "image/png" and svg.mimetype == "image/svg+xml"
    expected = f"http://192.0.2.10:5000/j/{event.code}"
    assert decode(*png_pixels(png.data)) == [expected]
    assert decode(*svg_pixels(svg.get_data(as_text=True))) == [expected]


@pytest.mark.parametrize("host", ["localhost:5000", "127.0.0.1:5000", "[::1]:5000"])
def test_without_a_public_url_the_qr_never_holds_localhost(app_config, host):
    from facilitate import create_app
    from facilitate.extensions import db
    from facilitate.services import accounts, events
    from facilitate.services.demo import demo_plan_path

    app = create_app({**app_config, "PUBLIC_URL": ""})
    with app.app_context():
        owner, _ = accounts.create_user("owner@example.org", "correct horse battery")
        event = events.create_event_from_plan_text(owner, demo_plan_path().read_bytes())
        response = app.test_client().get(f"/j/{event.code}/qr.png",
                                         headers={"Host": host})
        (url,) = decode(*png_pixels(response.data))
        db.session.remove()
        db.engine.dispose()

    assert url.endswith(f":5000/j/{event.code}")
    assert not re.match(r"https?://(localhost|127\.|\[::1\])", url)


def test_a_named_host_the_facilitator_used_is_kept(client, make_event, app):
    app.config["PUBLIC_URL"] = ""
    event = make_event()

    url = live.join_url(event, "events.example.org", "https")

    assert url == f"https://events.example.org/j/{event.code}"


def test_the_events_own_address_wins(make_event):
    event = make_event()
    live.set_public_url(event, "https://join.example.org/")

    assert live.join_url(event, "127.0.0.1:5000") == f"https://join.example.org/j/{event.code}"


@pytest.mark.parametrize("address", ["http://localhost:5000", "http://127.0.0.1",
                                     "ftp://example.org", "not an address", "javascript:x"])
def test_an_address_phones_cannot_use_is_refused(make_event, address):
    from facilitate.domain.errors import UserError

    event = make_event()

    with pytest.raises(UserError):
        live.set_public_url(event, address)
    assert event.public_url == ""
