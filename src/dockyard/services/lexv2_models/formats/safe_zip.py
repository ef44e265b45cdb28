"""Open untrusted zip bytes in memory, refusing anything unsafe.

Handles unencrypted, ZipCrypto and WinZip-AES entries (pyzipper). Nothing is ever written to disk.
Structural problems (paths, symlinks, duplicates, entry count, declared sizes) are all collected
before anything is decompressed; decompression then streams each entry and re-checks the limits
against the bytes actually produced.
"""

from __future__ import annotations

import io
import stat
import zipfile
import zlib

import pyzipper

from .errors import ArchiveError
from .limits import DEFAULT_LIMITS, ZipLimits

_ENCRYPTED_FLAG = 0x1
_IGNORED_NAMES = frozenset({".DS_Store", "Thumbs.db"})


def read_zip_entries(
    data: bytes, password: str | None = None, limits: ZipLimits = DEFAULT_LIMITS
) -> dict[str, bytes]:
    """Return ``{entry name: content}`` for every file entry of the zip ``data``, in archive order.

    Directory entries, ``__MACOSX/`` resource forks and ``.DS_Store`` files are skipped. A
    ``password`` is used for encrypted entries and ignored for an unencrypted archive.
    Raises :class:`ArchiveError` listing every reason the archive is refused.
    """
    try:
        archive = pyzipper.AESZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, pyzipper.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        # NotImplementedError: a central directory claiming a zip version pyzipper does not know
        raise ArchiveError(["the file is not a valid zip archive"]) from None
    with archive:
        infos = archive.infolist()
        _raise_if(_structural_reasons(infos, limits))
        if password is None and any(_encrypted(i) for i in infos):
            raise ArchiveError(["the archive is password protected but no filePassword was given"])
        pwd = password.encode("utf-8") if password is not None else None
        return _decompress_all(archive, infos, pwd, limits)


def _raise_if(reasons: list[str]) -> None:
    if reasons:
        raise ArchiveError(reasons)


def _encrypted(info: zipfile.ZipInfo) -> bool:
    return bool(info.flag_bits & _ENCRYPTED_FLAG)


def _skipped(info: zipfile.ZipInfo) -> bool:
    name = info.filename.replace("\\", "/")
    return name.endswith("/") or name.startswith("__MACOSX/") or name.rsplit("/", 1)[-1] in _IGNORED_NAMES


def _path_reason(name: str) -> str | None:
    """Why an entry name is unsafe, or ``None``."""
    if not name:
        return "entry with an empty name"
    if "\x00" in name:
        return f"entry {name!r} has a NUL byte in its name"
    normal = name.replace("\\", "/")
    if normal.startswith("/") or (len(normal) > 1 and normal[1] == ":"):
        return f"entry {name!r} has an absolute path"
    if ".." in normal.split("/"):
        return f"entry {name!r} escapes the archive root (path traversal)"
    return None


def _is_symlink(info: zipfile.ZipInfo) -> bool:
    mode = info.external_attr >> 16
    return stat.S_ISLNK(mode)


def _structural_reasons(infos: list[zipfile.ZipInfo], limits: ZipLimits) -> list[str]:
    reasons: list[str] = []
    if len(infos) > limits.max_entries:
        reasons.append(f"the archive has {len(infos)} entries, more than the limit of {limits.max_entries}")
    seen: set[str] = set()
    declared = 0
    for info in infos:
        name = info.filename
        reason = _path_reason(name)
        if reason:
            reasons.append(reason)
        if _is_symlink(info):
            reasons.append(f"entry {name!r} is a symbolic link")
        key = name.replace("\\", "/")
        if key in seen:
            reasons.append(f"entry {name!r} appears more than once")
        seen.add(key)
        declared += info.file_size
    if declared > limits.max_total_uncompressed:
        reasons.append(
            f"the archive declares {declared} uncompressed bytes, more than the limit of "
            f"{limits.max_total_uncompressed}"
        )
    return reasons


def _decompress_all(
    archive: pyzipper.AESZipFile, infos: list[zipfile.ZipInfo], pwd: bytes | None, limits: ZipLimits
) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    reasons: list[str] = []
    budget = limits.max_total_uncompressed
    for info in infos:
        if _skipped(info):
            continue
        try:
            content = _read_entry(archive, info, pwd, limits, budget)
        except ArchiveError as err:
            reasons.extend(err.reasons)
            if _fatal(err):
                break
            continue
        budget -= len(content)
        files[info.filename.replace("\\", "/")] = content
    _raise_if(_dedupe(reasons))
    return files


def _fatal(err: ArchiveError) -> bool:
    """Stop at the first size-limit or password failure: the rest would only repeat it."""
    return any("limit" in r or "password" in r for r in err.reasons)


def _dedupe(reasons: list[str]) -> list[str]:
    return list(dict.fromkeys(reasons))


def _read_entry(
    archive: pyzipper.AESZipFile, info: zipfile.ZipInfo, pwd: bytes | None, limits: ZipLimits, budget: int
) -> bytes:
    """Stream one entry, enforcing the remaining total budget and the compression ratio."""
    name = info.filename
    wrong_password = ArchiveError(["the filePassword is wrong: the archive could not be decrypted"])
    out = bytearray()
    try:
        with archive.open(info, pwd=pwd if _encrypted(info) else None) as stream:
            while chunk := stream.read(limits.chunk_size):
                out += chunk
                if len(out) > budget:
                    raise ArchiveError(
                        [
                            f"the archive expands to more than {limits.max_total_uncompressed} bytes, "
                            "the uncompressed size limit"
                        ]
                    )
                ratio = len(out) / max(info.compress_size, 1)
                if len(out) > limits.ratio_threshold and ratio > limits.max_ratio:
                    raise ArchiveError(
                        [
                            f"entry {name!r} exceeds the compression ratio limit of "
                            f"{limits.max_ratio:g}:1 (possible zip bomb)"
                        ]
                    )
    except ArchiveError:
        raise
    except RuntimeError as exc:  # pyzipper: "Bad password for file"
        if "password" in str(exc).lower():
            raise wrong_password from None
        raise ArchiveError([f"entry {name!r} cannot be read: {exc}"]) from None
    except (zipfile.BadZipFile, pyzipper.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        # ValueError: a local header offset pointing before the file start ("negative seek value")
        if _encrypted(info):  # a ZipCrypto wrong password can pass the 1-byte check and fail later
            raise wrong_password from None
        raise ArchiveError([f"entry {name!r} is corrupt: {exc}"]) from None
    except NotImplementedError as exc:
        raise ArchiveError([f"entry {name!r} uses an unsupported compression method: {exc}"]) from None
    return bytes(out)
