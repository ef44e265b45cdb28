"""The safetensors header: an 8-byte little-endian length, then that many bytes of JSON."""

from __future__ import annotations

import json
import struct
from dataclasses import dataclass

SUPPORTED_DTYPES = frozenset({"F32", "F16", "BF16"})
DTYPE_BYTES = {"F64": 8, "F32": 4, "F16": 2, "BF16": 2, "I64": 8, "I32": 4, "I16": 2, "I8": 1, "U8": 1, "BOOL": 1}
MAX_HEADER_BYTES = 100_000_000  # the safetensors library's own limit


class HeaderError(ValueError):
    """The header does not parse; the message says why."""


@dataclass(frozen=True)
class Tensor:
    name: str
    dtype: str
    shape: tuple[int, ...]
    begin: int
    end: int

    @property
    def elements(self) -> int:
        n = 1
        for d in self.shape:
            n *= d
        return n


def header_length(first8: bytes) -> int:
    if len(first8) < 8:
        raise HeaderError(f"the file is {len(first8)} bytes long, shorter than the 8-byte header length")
    (n,) = struct.unpack("<Q", first8[:8])
    if n == 0 or n > MAX_HEADER_BYTES:
        raise HeaderError(f"the header length {n} is not between 1 and {MAX_HEADER_BYTES} bytes")
    return n


def parse_header(raw: bytes, file_size: int) -> list[Tensor]:
    """The tensors a header describes, checked against the file's size."""
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise HeaderError(f"the header is not valid JSON ({exc})") from exc
    if not isinstance(doc, dict):
        raise HeaderError("the header is not a JSON object")
    data_size = file_size - 8 - len(raw)
    tensors = []
    for name, entry in doc.items():
        if name == "__metadata__":
            continue
        try:
            dtype = str(entry["dtype"])
            shape = tuple(int(d) for d in entry["shape"])
            begin, end = (int(x) for x in entry["data_offsets"])
        except (KeyError, TypeError, ValueError, OverflowError) as exc:  # OverflowError: Infinity in JSON
            raise HeaderError(f"tensor '{name}' lacks a dtype, shape or data_offsets") from exc
        t = Tensor(name, dtype, shape, begin, end)
        width = DTYPE_BYTES.get(dtype)
        if width is not None and end - begin != t.elements * width:
            raise HeaderError(f"tensor '{name}' has {end - begin} bytes of data, its shape needs {t.elements * width}")
        if not 0 <= begin <= end <= data_size:
            raise HeaderError(f"tensor '{name}' lies outside the file's {data_size} bytes of data")
        tensors.append(t)
    return tensors
