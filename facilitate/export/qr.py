"""QR codes of the join address, as SVG (for screens and print) and PNG (to download or share).

Both are drawn from qrcode's module matrix, so no imaging library is needed.
"""

import struct
import zlib
from xml.sax.saxutils import quoteattr

import qrcode
from qrcode.constants import ERROR_CORRECT_M

BORDER = 4  # modules of quiet zone: scanners need it


def qr_matrix(data: str) -> list[list[bool]]:
    """The dark (True) and light modules of a QR code holding data, quiet zone included."""
    code = qrcode.QRCode(border=BORDER, error_correction=ERROR_CORRECT_M)
    code.add_data(data)
    code.make(fit=True)
    return code.get_matrix()


def qr_svg(data: str, label: str = "") -> str:
    """An SVG that scales to its box: black modules on white, one path."""
    matrix = qr_matrix(data)
    size = len(matrix)
    parts = []
    for y, row in enumerate(matrix):
        x = 0
        while x < size:
            if row[x]:
                start = x
                while x < size and row[x]:
                    x += 1
                parts.append(f"M{start},{y}h{x - start}v1h{start - x}z")
            else:
                x += 1
    title = f"<title>{_escape(label)}</title>" if label else ""
    aria = f' role="img" aria-label={quoteattr(label)}' if label else ' aria-hidden="true"'
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" '
            f'shape-rendering="crispEdges"{aria}>{title}'
            f'<rect width="{size}" height="{size}" fill="#fff"/>'
            f'<path fill="#000" d="{"".join(parts)}"/></svg>')


def qr_png(data: str, scale: int = 10) -> bytes:
    """A greyscale PNG, each module `scale` pixels square."""
    matrix = qr_matrix(data)
    rows = []
    for row in matrix:
        line = b"".join(b"\x00" * scale if dark else b"\xff" * scale for dark in row)
        rows.extend([b"\x00" + line] * scale)  # filter byte 0 (none) before each row
    size = len(matrix) * scale
    header = struct.pack(">IIBBBBB", size, size, 8, 0, 0, 0, 0)  # 8-bit greyscale
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)
            + _chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + _chunk(b"IEND", b""))


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (struct.pack(">I", len(data)) + kind + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
