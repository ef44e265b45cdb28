"""The safetensors header reader, directly: golden cases, random bytes, and the safetensors library as oracle."""

from __future__ import annotations

import json
import struct

import pytest
import safetensors
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dockyard.services.bedrock_model_import.formats.safetensors_header import HeaderError, header_length, parse_header
from dockyard.services.bedrock_model_import.formats.tiny_model import safetensors_bytes


def read(data: bytes) -> list:
    """What the import job does with a whole file: length, then header."""
    n = header_length(data[:8], len(data))
    return parse_header(data[8:8 + n], len(data))


def with_header(header: object, data: bytes = b"", raw: bytes | None = None) -> bytes:
    body = raw if raw is not None else json.dumps(header).encode()
    return struct.pack("<Q", len(body)) + body + data


def test_a_written_file_reads_back() -> None:
    data = safetensors_bytes({"a": ("BF16", (2, 3)), "b": ("F32", (4,)), "c": ("I8", (0,))})
    tensors = {t.name: t for t in read(data)}
    assert tensors["a"].shape == (2, 3) and tensors["a"].dtype == "BF16" and tensors["a"].elements == 6
    assert (tensors["b"].begin, tensors["b"].end) == (12, 28)
    assert tensors["c"].elements == 0


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "shorter than the 8-byte header length"),
        (b"\x05\x00", "shorter than the 8-byte header length"),
        (struct.pack("<Q", 0), "not between 1 and"),
        (struct.pack("<Q", 10**12) + b"{}", "not between 1 and"),
        (struct.pack("<Q", 100) + b"{}", "exceeds the file's 10 bytes"),
        (with_header(None, raw=b"[1, 2]"), "does not start with '{'"),
        (with_header(None, raw=b"{no"), "not valid JSON"),
        (with_header(None, raw=b'{"a": 1}'), "tensor 'a' lacks a dtype"),
        (with_header({"a": {"dtype": "Q9", "shape": [1], "data_offsets": [0, 1]}}, b"x"), "unknown dtype"),
        (with_header({"a": {"dtype": "I8", "shape": [1.5], "data_offsets": [0, 1]}}, b"x"), "shape that is not"),
        (with_header({"a": {"dtype": "I8", "shape": [True], "data_offsets": [0, 1]}}, b"x"), "shape that is not"),
        (with_header({"a": {"dtype": "I8", "shape": [-1], "data_offsets": [0, 1]}}, b"x"), "shape that is not"),
        (with_header({"a": {"dtype": "I8", "shape": [1], "data_offsets": [0]}}, b"x"), "data_offsets that are not"),
        (with_header({"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 4]}}, b"xxxx"), "its shape needs 8"),
        (with_header({"a": {"dtype": "I8", "shape": [1], "data_offsets": [1, 2]}}, b"xx"), "starts at byte 1"),
        (with_header({"a": {"dtype": "I8", "shape": [1], "data_offsets": [0, 1]}}, b"xx"), "cover 1 bytes of data"),
        (with_header({"a": {"dtype": "I8", "shape": [2], "data_offsets": [0, 2]},
                      "b": {"dtype": "I8", "shape": [2], "data_offsets": [1, 3]}}, b"xxx"), "without gaps or overlaps"),
        (with_header({"__metadata__": {"k": 1}}), "__metadata__ is not a map of strings"),
    ],
)
def test_golden_header_failures(data: bytes, words: str) -> None:
    with pytest.raises(HeaderError, match=None) as err:
        read(data)
    assert words in str(err.value)


@given(st.binary(max_size=200))
@settings(max_examples=300)
def test_random_bytes_never_crash(data: bytes) -> None:
    try:
        read(data)
    except HeaderError as exc:
        assert str(exc)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 40) | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=12,
)
entries = st.fixed_dictionaries(
    {}, optional={"dtype": st.sampled_from(["F32", "BF16", "I8", "F16", "X"]) | json_values,
                  "shape": st.lists(st.integers(0, 4), max_size=3) | json_values,
                  "data_offsets": st.lists(st.integers(0, 40), min_size=2, max_size=2) | json_values},
)


@given(st.dictionaries(st.text(max_size=6), entries | json_values, max_size=4), st.integers(0, 40))
@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
def test_structured_headers_agree_with_the_safetensors_library(header: dict, data_size: int) -> None:
    """Any header our reader accepts, the library accepts with the same tensors; any it refuses, ours refuses."""
    data = with_header(header, bytes(data_size))
    try:
        ours = {t.name: (t.dtype, list(t.shape)) for t in read(data)}
    except HeaderError:
        ours = None
    try:
        theirs = {name: (t["dtype"], t["shape"]) for name, t in safetensors.deserialize(data)}
    except Exception:  # SafetensorError, and the library's own parse errors
        theirs = None
    if ours is not None:
        assert theirs == ours
    if theirs is None:
        assert ours is None


@given(st.dictionaries(st.text(min_size=1, max_size=8).filter(lambda s: s != "__metadata__"),
                       st.tuples(st.sampled_from(["F32", "F16", "BF16", "I8"]),
                                 st.lists(st.integers(0, 5), max_size=3).map(tuple)), max_size=5))
@settings(max_examples=100)
def test_files_the_writer_makes_read_back_as_the_library_reads_them(tensors: dict) -> None:
    data = safetensors_bytes(tensors)
    ours = {t.name: (t.dtype, list(t.shape)) for t in read(data)}
    assert ours == {name: (t["dtype"], t["shape"]) for name, t in safetensors.deserialize(data)}
    assert ours == {name: (dtype, list(shape)) for name, (dtype, shape) in tensors.items()}
