"""Fixtures for the Lex V2 archive tests: the real sample zipped in memory, and a raw zip builder
that can produce what ``zipfile``/``pyzipper`` refuse to write (ZipCrypto, lying headers, ...)."""

from __future__ import annotations

import io
import os
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

SAMPLE = Path("lexv2") / "sample_airline_bot"


@pytest.fixture(scope="session")
def sample_dir(shared_data: Path) -> Path:
    path = shared_data / SAMPLE
    if not path.is_dir():
        pytest.skip(f"needs {path}")
    return path


def sample_export_files(sample_dir: Path) -> dict[str, bytes]:
    """The export's own files (Manifest.json and the LexBot/ tree; not the repo's README)."""
    files = {"Manifest.json": (sample_dir / "Manifest.json").read_bytes()}
    for path in sorted((sample_dir / "LexBot").rglob("*.json")):
        files[path.relative_to(sample_dir).as_posix()] = path.read_bytes()
    return files


@pytest.fixture(scope="session")
def sample_files(sample_dir: Path) -> dict[str, bytes]:
    return sample_export_files(sample_dir)


def plain_zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.fixture(scope="session")
def sample_zip(sample_files: dict[str, bytes]) -> bytes:
    return plain_zip(sample_files)


@pytest.fixture
def make_zip() -> Callable[[dict[str, bytes]], bytes]:
    return plain_zip


@dataclass
class RawEntry:
    name: str
    data: bytes
    deflate: bool = True
    zipcrypto_password: str | None = None
    external_attr: int = 0o100644 << 16
    declared_size: int | None = None
    """Lie in the headers about the uncompressed size."""


def _crc_byte(crc: int, byte: int) -> int:
    return zlib.crc32(bytes([byte]), crc ^ 0xFFFFFFFF) ^ 0xFFFFFFFF


def zipcrypto_encrypt(plain: bytes, password: str, crc: int) -> bytes:
    """Traditional PKWARE encryption (12-byte header + stream), as ``zip -P`` writes."""
    keys = [0x12345678, 0x23456789, 0x34567890]

    def update(byte: int) -> None:
        keys[0] = _crc_byte(keys[0], byte)
        keys[1] = ((keys[1] + (keys[0] & 0xFF)) * 134775813 + 1) & 0xFFFFFFFF
        keys[2] = _crc_byte(keys[2], keys[1] >> 24)

    for byte in password.encode():
        update(byte)
    out = bytearray()
    for byte in os.urandom(11) + bytes([crc >> 24]) + plain:
        temp = (keys[2] | 2) & 0xFFFF
        out.append(byte ^ (((temp * (temp ^ 1)) >> 8) & 0xFF))
        update(byte)
    return bytes(out)


def raw_zip(entries: list[RawEntry]) -> bytes:
    """A zip written byte by byte (no validation at all)."""
    body = bytearray()
    central = bytearray()
    for entry in entries:
        crc = zlib.crc32(entry.data)
        payload = entry.data
        if entry.deflate:
            compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
            payload = compressor.compress(payload) + compressor.flush()
        flags = 0
        if entry.zipcrypto_password is not None:
            payload = zipcrypto_encrypt(payload, entry.zipcrypto_password, crc)
            flags |= 1
        method = 8 if entry.deflate else 0
        size = entry.declared_size if entry.declared_size is not None else len(entry.data)
        name = entry.name.encode()
        offset = len(body)
        body += struct.pack(
            "<4s5H3L2H", b"PK\x03\x04", 20, flags, method, 0, 0x21, crc, len(payload), size, len(name), 0
        )
        body += name + payload
        central += struct.pack(
            "<4s6H3L5H2L",
            b"PK\x01\x02",
            (3 << 8) | 20,
            20,
            flags,
            method,
            0,
            0x21,
            crc,
            len(payload),
            size,
            len(name),
            0,
            0,
            0,
            0,
            entry.external_attr,
            offset,
        )
        central += name
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(central), len(body), 0)
    return bytes(body + central + end)


@pytest.fixture
def build_raw_zip() -> Callable[[list[RawEntry]], bytes]:
    return raw_zip


@pytest.fixture
def raw_entry() -> type[RawEntry]:
    return RawEntry
