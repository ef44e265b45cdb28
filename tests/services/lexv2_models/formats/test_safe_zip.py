"""Safe zip opening: every refusal with its exact reason, and the three encryption cases."""

from __future__ import annotations

import pytest

from dockyard.services.lexv2_models.formats import ArchiveError, ZipLimits, read_zip_entries, zip_files

MANIFEST = b'{"metaData":{"schemaVersion":"1","fileFormat":"LexJson","resourceType":"BOT"}}'


def reasons_of(data: bytes, password: str | None = None, limits: ZipLimits | None = None) -> list[str]:
    with pytest.raises(ArchiveError) as caught:
        if limits is None:
            read_zip_entries(data, password)
        else:
            read_zip_entries(data, password, limits)
    return caught.value.reasons


def test_reads_plain_zip(make_zip):
    files = read_zip_entries(make_zip({"Manifest.json": MANIFEST, "B/Bot.json": b"{}"}))
    assert files == {"Manifest.json": MANIFEST, "B/Bot.json": b"{}"}


def test_not_a_zip():
    assert reasons_of(b"PK\x03\x04 definitely not") == ["the file is not a valid zip archive"]
    assert reasons_of(b"") == ["the file is not a valid zip archive"]


def test_path_traversal(build_raw_zip, raw_entry):
    data = build_raw_zip([raw_entry("Manifest.json", MANIFEST), raw_entry("B/../../evil.json", b"{}")])
    assert reasons_of(data) == ["entry 'B/../../evil.json' escapes the archive root (path traversal)"]


def test_backslash_traversal(build_raw_zip, raw_entry):
    data = build_raw_zip([raw_entry("..\\evil.json", b"{}")])
    assert reasons_of(data) == ["entry '..\\\\evil.json' escapes the archive root (path traversal)"]


def test_absolute_paths(build_raw_zip, raw_entry):
    data = build_raw_zip([raw_entry("/etc/passwd", b"x"), raw_entry("C:/x.json", b"{}")])
    assert reasons_of(data) == [
        "entry '/etc/passwd' has an absolute path",
        "entry 'C:/x.json' has an absolute path",
    ]


def test_symlink_entry(build_raw_zip, raw_entry):
    data = build_raw_zip([raw_entry("B/Bot.json", b"/etc/passwd", external_attr=0o120777 << 16)])
    assert reasons_of(data) == ["entry 'B/Bot.json' is a symbolic link"]


def test_duplicate_entries(build_raw_zip, raw_entry):
    data = build_raw_zip([raw_entry("B/Bot.json", b"{}"), raw_entry("B/Bot.json", b"[]")])
    assert reasons_of(data) == ["entry 'B/Bot.json' appears more than once"]


def test_too_many_entries(make_zip):
    data = make_zip({f"f{i}.json": b"{}" for i in range(4)})
    assert reasons_of(data, limits=ZipLimits(max_entries=3)) == [
        "the archive has 4 entries, more than the limit of 3"
    ]


def test_all_structural_reasons_at_once(build_raw_zip, raw_entry):
    data = build_raw_zip(
        [raw_entry("../a", b""), raw_entry("/b", b""), raw_entry("l", b"", external_attr=0o120777 << 16)]
    )
    assert reasons_of(data) == [
        "entry '../a' escapes the archive root (path traversal)",
        "entry '/b' has an absolute path",
        "entry 'l' is a symbolic link",
    ]


def test_declared_total_size_limit(make_zip):
    data = make_zip({"a.json": b" " * 600, "b.json": b" " * 600})
    assert reasons_of(data, limits=ZipLimits(max_total_uncompressed=1000)) == [
        "the archive declares 1200 uncompressed bytes, more than the limit of 1000"
    ]


def test_actual_size_checked_when_headers_lie(build_raw_zip, raw_entry):
    """Headers claim 10 bytes for 5 MB of data: decompression stops at the declared size (never
    more is produced) and the entry is refused, not trusted."""
    data = build_raw_zip([raw_entry("bomb.json", b"\0" * (5 * 1024 * 1024), declared_size=10)])
    assert reasons_of(data) == ["entry 'bomb.json' is corrupt: Bad CRC-32 for file 'bomb.json'"]


def test_compression_ratio_limit(make_zip):
    data = make_zip({"bomb.json": b"\0" * (3 * 1024 * 1024)})
    assert reasons_of(data) == [
        "entry 'bomb.json' exceeds the compression ratio limit of 100:1 (possible zip bomb)"
    ]


def test_small_highly_compressible_entries_are_fine(make_zip):
    assert read_zip_entries(make_zip({"a.json": b" " * 500_000}))["a.json"] == b" " * 500_000


def test_directories_and_os_junk_are_skipped(build_raw_zip, raw_entry):
    data = build_raw_zip(
        [
            raw_entry("B/", b"", deflate=False, external_attr=(0o40755 << 16) | 0x10),
            raw_entry("__MACOSX/B/._Bot.json", b"junk"),
            raw_entry("B/.DS_Store", b"junk"),
            raw_entry("B/Bot.json", b"{}"),
        ]
    )
    assert read_zip_entries(data) == {"B/Bot.json": b"{}"}


def test_corrupt_entry(build_raw_zip, raw_entry):
    data = bytearray(build_raw_zip([raw_entry("a.json", b'{"a": 1}' * 10, deflate=False)]))
    data[40] ^= 0xFF  # flip a content byte: CRC mismatch
    assert reasons_of(bytes(data))[0].startswith("entry 'a.json' is corrupt: Bad CRC-32")


# --- passwords -----------------------------------------------------------------------------------------


def test_aes_right_password():
    data = zip_files({"Manifest.json": MANIFEST}, password="s3cret")
    assert read_zip_entries(data, "s3cret") == {"Manifest.json": MANIFEST}


def test_aes_wrong_password():
    data = zip_files({"Manifest.json": MANIFEST}, password="s3cret")
    assert reasons_of(data, "nope") == ["the filePassword is wrong: the archive could not be decrypted"]


def test_aes_missing_password():
    data = zip_files({"Manifest.json": MANIFEST}, password="s3cret")
    assert reasons_of(data) == ["the archive is password protected but no filePassword was given"]


@pytest.mark.parametrize("deflate", [True, False])
def test_zipcrypto_right_password(build_raw_zip, raw_entry, deflate):
    data = build_raw_zip([raw_entry("Manifest.json", MANIFEST, deflate=deflate, zipcrypto_password="pw")])
    assert read_zip_entries(data, "pw") == {"Manifest.json": MANIFEST}


@pytest.mark.parametrize("wrong", ["pw2", "PW", "x" * 40])
def test_zipcrypto_wrong_password(build_raw_zip, raw_entry, wrong):
    data = build_raw_zip([raw_entry("Manifest.json", MANIFEST * 20, zipcrypto_password="pw")])
    assert reasons_of(data, wrong) == ["the filePassword is wrong: the archive could not be decrypted"]


def test_zipcrypto_missing_password(build_raw_zip, raw_entry):
    data = build_raw_zip([raw_entry("Manifest.json", MANIFEST, zipcrypto_password="pw")])
    assert reasons_of(data) == ["the archive is password protected but no filePassword was given"]


def test_password_for_unencrypted_archive_is_ignored(make_zip):
    assert read_zip_entries(make_zip({"a": b"1"}), "unused") == {"a": b"1"}
