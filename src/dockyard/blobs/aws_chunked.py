"""An ``aws-chunked`` request body (``x-amz-content-sha256: STREAMING-...``) decoded as it arrives.

The body is a run of chunks, ``<hex size>[;chunk-signature=...]\\r\\n<data>\\r\\n``, ended by a chunk of
size 0 and, for the ``...-TRAILER`` kinds, trailing headers (``x-amz-checksum-crc32:<value>``) and an
empty line. :meth:`AwsChunkedDecoder.feed` returns the payload bytes each piece of body completes;
:attr:`AwsChunkedDecoder.trailers` holds the trailing headers. Chunk signatures are not checked (as in
moto, which this replaces for streamed uploads).
"""

from __future__ import annotations

MAX_LINE = 4096  # a size line or trailer line longer than this is not aws-chunked


class MalformedChunkedBody(ValueError):
    pass


class AwsChunkedDecoder:
    def __init__(self) -> None:
        self._buf = bytearray()
        self._left = 0
        self._state = "size"
        self.trailers: dict[str, str] = {}

    def _line(self) -> bytes | None:
        end = self._buf.find(b"\r\n")
        if end < 0:
            if len(self._buf) > MAX_LINE:
                raise MalformedChunkedBody("an aws-chunked line is too long")
            return None
        line = bytes(self._buf[:end])
        del self._buf[: end + 2]
        return line

    def feed(self, data: bytes) -> bytes:
        """The payload bytes that ``data`` (the next piece of the raw body) completes."""
        self._buf += data
        out: list[bytes] = []
        while self._buf:
            if self._state == "data":
                take = min(self._left, len(self._buf))
                out.append(bytes(self._buf[:take]))
                del self._buf[:take]
                self._left -= take
                if self._left == 0:
                    self._state = "crlf"
            elif self._state == "crlf":
                if len(self._buf) < 2:
                    break
                if self._buf[:2] != b"\r\n":
                    raise MalformedChunkedBody("an aws-chunked chunk is longer than its size line says")
                del self._buf[:2]
                self._state = "size"
            elif self._state == "size":
                line = self._line()
                if line is None:
                    break
                try:
                    size = int(line.split(b";", 1)[0].strip(), 16)
                except ValueError:
                    raise MalformedChunkedBody(f"not an aws-chunked size line: {line[:40]!r}") from None
                if size < 0:
                    raise MalformedChunkedBody("a negative aws-chunked size")
                self._left = size
                self._state = "data" if size else "trailer"
            elif self._state == "trailer":
                line = self._line()
                if line is None:
                    break
                if not line:
                    self._state = "end"
                    continue
                name, _, value = line.decode("latin-1").partition(":")
                self.trailers[name.strip().lower()] = value.strip()
            else:  # after the final empty line: nothing more is payload
                self._buf.clear()
        return b"".join(out)

    def finish(self) -> None:
        """Raise :class:`MalformedChunkedBody` unless the body ended after its last (size 0) chunk."""
        if self._state == "trailer" and self._buf:
            self.feed(b"\r\n")  # a last trailer line without its line end
        if self._state not in ("trailer", "end"):
            raise MalformedChunkedBody("the aws-chunked body ended before its last chunk")
