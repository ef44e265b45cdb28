"""The import CSV reader: any bytes give rows or a FileRefused, never a crash."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dockyard.services.qconnect.formats import quick_response_csv
from dockyard.services.qconnect.formats.quick_response_csv import FileRefused


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400) | st.text(max_size=300).map(lambda t: ("Name,Content\r\n" + t).encode()))
def test_any_bytes_read_or_refused(data: bytes) -> None:
    try:
        file = quick_response_csv.read(data)
    except FileRefused as exc:
        assert str(exc)
        return
    assert 1 <= len(file.rows) <= quick_response_csv.MAX_ROWS
    for row in file.rows:
        assert row.error is not None or set(row.params) <= {"name", "content"}


def test_headers_normalise() -> None:
    assert quick_response_csv.normalise(" Shortcut_Key ") == "shortcutkey"
    file = quick_response_csv.read(b"\xef\xbb\xbfNAME, Content \r\na,b\r\n")
    assert file.rows[0].params == {"name": "a", "content": {"content": "b"}}


def test_unicode_white_space_only_is_an_empty_file() -> None:
    with pytest.raises(FileRefused, match="empty"):
        quick_response_csv.read(b"\x1c")
