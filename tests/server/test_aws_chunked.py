"""The aws-chunked decoder: any split of chunks and of arriving pieces gives back the payload and the
trailing headers; a body cut short or malformed is refused."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dockyard.blobs.aws_chunked import AwsChunkedDecoder, MalformedChunkedBody


def _encode(payload: bytes, sizes: list[int], signed: bool) -> bytes:
    out, at = bytearray(), 0
    for size in [*sizes, len(payload)]:
        chunk = payload[at:at + size]
        at += len(chunk)
        if chunk:
            ext = ";chunk-signature=" + "0" * 64 if signed else ""
            out += f"{len(chunk):x}{ext}\r\n".encode() + chunk + b"\r\n"
    return bytes(out) + b"0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n"


@given(st.binary(max_size=3000), st.lists(st.integers(1, 700), max_size=8), st.integers(1, 500), st.booleans())
def test_any_split_decodes_to_the_payload(payload: bytes, sizes: list[int], piece: int, signed: bool) -> None:
    body = _encode(payload, sizes, signed)
    decoder = AwsChunkedDecoder()
    out = b"".join(decoder.feed(body[i:i + piece]) for i in range(0, len(body), piece))
    decoder.finish()
    assert out == payload
    assert decoder.trailers == {"x-amz-checksum-crc32": "AAAAAA=="}


@pytest.mark.parametrize("body", [b"5\r\nabc", b"zz\r\nabc\r\n", b"3\r\nabcdef\r\n0\r\n\r\n", b"3\r\nabc\r\n"])
def test_cut_short_or_malformed_is_refused(body: bytes) -> None:
    decoder = AwsChunkedDecoder()
    with pytest.raises(MalformedChunkedBody):
        decoder.feed(body)
        decoder.finish()
