"""The safetensors header: an 8-byte little-endian length, then that many bytes of JSON.

The rules are the safetensors library's own: a JSON object of tensors (``dtype``, ``shape``,
``data_offsets``) and an optional ``__metadata__`` of strings; the tensors' byte ranges, in order,
cover the data section exactly, each as long as its shape and dtype need.
"""

from __future__ import annotations

import json
import struct
from dataclasses import dataclass
from typing import Any

SUPPORTED_DTYPES = frozenset({"F32", "F16", "BF16"})
DTYPE_BITS = {
    "BOOL": 8, "U8": 8, "I8": 8, "F8_E5M2": 8, "F8_E4M3": 8, "F8_E8M0": 8, "F4": 4, "F6_E2M3": 6, "F6_E3M2": 6,
    "I16": 16, "U16": 16, "F16": 16, "BF16": 16, "I32": 32, "U32": 32, "F32": 32, "I64": 64, "U64": 64, "F64": 64,
    "C64": 64,
}
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


def header_length(first8: bytes, file_size: int) -> int:
    """The header's length from the file's first 8 bytes, checked against the file's size."""
    if file_size < 8 or len(first8) < 8:
        raise HeaderError(f"the file is {min(file_size, len(first8))} bytes long, shorter than the 8-byte header "
                          "length")
    (n,) = struct.unpack("<Q", first8[:8])
    if n == 0 or n > MAX_HEADER_BYTES:
        raise HeaderError(f"the header length {n} is not between 1 and {MAX_HEADER_BYTES} bytes")
    if 8 + n > file_size:
        raise HeaderError(f"the header length {n} exceeds the file's {file_size} bytes")
    return n


def parse_header(raw: bytes, file_size: int) -> list[Tensor]:
    """The tensors a header describes, checked against the file's size."""
    doc = _json_object(raw)
    data_size = file_size - 8 - len(raw)
    tensors = []
    for name, entry in doc.items():
        if name == "__metadata__":
            if not isinstance(entry, dict) or not all(isinstance(v, str) for v in entry.values()):
                raise HeaderError("__metadata__ is not a map of strings")
            continue
        tensors.append(_tensor(name, entry))
    position = 0
    for t in sorted(tensors, key=lambda t: (t.begin, t.end)):
        if t.begin != position:
            raise HeaderError(f"tensor '{t.name}' starts at byte {t.begin} of the data, expected {position} (the "
                              "tensors must follow each other without gaps or overlaps)")
        position = t.end
    if position != data_size:
        raise HeaderError(f"the tensors cover {position} bytes of data, but the file holds {data_size}")
    return tensors


def _json_object(raw: bytes) -> dict[str, Any]:
    if not raw.startswith(b"{"):
        raise HeaderError("the header does not start with '{'")
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise HeaderError(f"the header is not valid JSON ({exc})") from exc
    if not isinstance(doc, dict):
        raise HeaderError("the header is not a JSON object")
    return doc


def _tensor(name: str, entry: Any) -> Tensor:
    if not isinstance(entry, dict) or not {"dtype", "shape", "data_offsets"} <= entry.keys():
        raise HeaderError(f"tensor '{name}' lacks a dtype, shape or data_offsets")
    dtype, shape, offsets = entry["dtype"], entry["shape"], entry["data_offsets"]
    if not isinstance(dtype, str) or dtype not in DTYPE_BITS:
        raise HeaderError(f"tensor '{name}' has the unknown dtype {json.dumps(dtype)[:40]}")
    if not isinstance(shape, list) or not all(_natural(d) for d in shape):
        raise HeaderError(f"tensor '{name}' has a shape that is not a list of non-negative integers")
    if not isinstance(offsets, list) or len(offsets) != 2 or not all(_natural(x) for x in offsets):
        raise HeaderError(f"tensor '{name}' has data_offsets that are not two non-negative integers")
    t = Tensor(name, dtype, tuple(shape), offsets[0], offsets[1])
    bits = t.elements * DTYPE_BITS[dtype]
    if t.end < t.begin or t.end - t.begin != (bits + 7) // 8:
        raise HeaderError(f"tensor '{name}' has {t.end - t.begin} bytes of data, its shape needs {(bits + 7) // 8}")
    return t


def _natural(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0
