"""Shared by the attachment tests: tiny real images and hostile look-alikes."""

from __future__ import annotations

import struct
import zlib

#: An SVG that would run script, fetch a tracker and embed HTML if it were inlined.
HOSTILE_SVG = (
    b'<?xml version="1.0"?>\n'
    b'<svg xmlns="http://www.w3.org/2000/svg" width="200" height="80" onload="alert(1)">'
    b"<script>alert(document.cookie)</script>"
    b'<rect width="200" height="80" fill="#36c"/>'
    b'<foreignObject><iframe src="https://attacker.example/"/></foreignObject>'
    b'<image href="https://attacker.example/track.png"/>'
    b"</svg>\n"
)


def png_bytes(width: int = 4, height: int = 2) -> bytes:
    """A valid RGB PNG of one colour."""
    rows = b"".join(b"\x00" + bytes([200, 30, 30]) * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


#: The start of a JPEG (SOI and an APP0 marker): what pmtui reads to know the kind.
JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64 + b"\xff\xd9"
