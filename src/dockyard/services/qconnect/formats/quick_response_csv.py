"""The quick-response import CSV: header names, cell syntax, and the failed-record report (pure).

Header names are matched case-, space-, underscore- and hyphen-insensitively; each column is either
an admin-guide name (``Name``, ``Shortcut key``, ``Routing profile``...) or a CreateQuickResponse
member name (``name``, ``shortcutKey``, ``groupingConfiguration``...). ``name`` and ``content`` are
required. Cell syntax (decisions, see docs/qconnect.md):

* content type: ``plain``/``text``/``text/plain`` or ``markdown``/``rich text``/``text/markdown`` or
  the API value ``application/x.quickresponse;format=plain|markdown``; empty = plain;
* channels, routing profiles: values separated by ``;`` or ``,`` (``Chat;Email``);
* active: ``true/false``, ``yes/no``, ``active/inactive``, ``1/0``; empty = active;
* tags: ``key=value`` pairs separated by ``;``.

An empty cell means the member is absent.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any

MAX_ROWS = 100
_PLAIN = "application/x.quickresponse;format=plain"
_MARKDOWN = "application/x.quickresponse;format=markdown"

# normalised header -> the member it fills
HEADERS: dict[str, str] = {
    "name": "name", "content": "content", "contenttype": "contentType", "type": "contentType",
    "description": "description", "shortcutkey": "shortcutKey", "shortcut": "shortcutKey",
    "language": "language", "channels": "channels", "channel": "channels",
    "routingprofile": "routingProfiles", "routingprofiles": "routingProfiles",
    "groupingconfiguration": "routingProfiles", "active": "isActive", "isactive": "isActive",
    "status": "isActive", "tags": "tags",
}
REQUIRED = ("name", "content")
_CONTENT_TYPES = {"": _PLAIN, "plain": _PLAIN, "plaintext": _PLAIN, "text": _PLAIN, "text/plain": _PLAIN,
                  "markdown": _MARKDOWN, "richtext": _MARKDOWN, "text/markdown": _MARKDOWN,
                  _PLAIN: _PLAIN, _MARKDOWN: _MARKDOWN}
_TRUE = {"true", "yes", "active", "1", "y"}
_FALSE = {"false", "no", "inactive", "0", "n"}


class FileRefused(Exception):
    """The file as a whole cannot be imported (nothing is created)."""


@dataclass
class Row:
    number: int  # 1-based data row (the header is row 0)
    cells: list[str]
    params: dict[str, Any] = field(default_factory=dict)
    error: str | None = None  # a cell that cannot be read


@dataclass
class ImportFile:
    header: list[str]
    rows: list[Row]


def normalise(name: str) -> str:
    return "".join(ch for ch in name.strip().lower() if ch not in " _-\t")


def _split(cell: str) -> list[str]:
    return [p.strip() for p in cell.replace(",", ";").split(";") if p.strip()]


def _cell(member: str, raw: str, params: dict[str, Any]) -> None:
    value = raw.strip()
    if member == "content":
        if raw != "":
            params["content"] = {"content": raw}
        return
    if value == "":
        return
    if member == "contentType":
        key = value.lower() if value.lower() in _CONTENT_TYPES else normalise(value)
        if key not in _CONTENT_TYPES:
            raise ValueError(f"Invalid content type '{value}': use plain or markdown.")
        params["contentType"] = _CONTENT_TYPES[key]
    elif member == "channels":
        params["channels"] = _split(value)
    elif member == "routingProfiles":
        params["groupingConfiguration"] = {"criteria": "RoutingProfileArn", "values": _split(value)}
    elif member == "isActive":
        if value.lower() not in _TRUE | _FALSE:
            raise ValueError(f"Invalid active value '{value}': use true or false.")
        params["isActive"] = value.lower() in _TRUE
    elif member == "tags":
        tags: dict[str, str] = {}
        for pair in value.split(";"):
            if not pair.strip():
                continue
            key, sep, tag_value = pair.partition("=")
            if not sep or not key.strip():
                raise ValueError(f"Invalid tag '{pair.strip()}': write tags as key=value separated by ';'.")
            tags[key.strip()] = tag_value.strip()
        params["tags"] = tags
    else:
        params[member] = value


def read(data: bytes) -> ImportFile:
    """The rows of an import file; ``FileRefused`` for a file that cannot be imported at all."""
    if not data.strip():
        raise FileRefused("The file is empty.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileRefused(f"The file is not UTF-8 encoded (byte {exc.start}).") from exc
    if "\x00" in text:
        raise FileRefused("The file is not a CSV file (it contains NUL bytes).")
    try:
        records = [r for r in csv.reader(io.StringIO(text, newline=""), strict=True) if any(c.strip() for c in r)]
    except csv.Error as exc:
        raise FileRefused(f"The file is not a valid CSV file: {exc}.") from exc
    if not records:  # only separators or Unicode white space (e.g. U+001C) that bytes.strip() keeps
        raise FileRefused("The file is empty.")
    header = records[0]
    members: list[str] = []
    unknown = [h for h in header if normalise(h) not in HEADERS]
    if unknown:
        raise FileRefused(f"Unknown header column(s): {', '.join(repr(h) for h in unknown)}.")
    members = [HEADERS[normalise(h)] for h in header]
    duplicated = sorted({m for m in members if members.count(m) > 1})
    if duplicated:
        raise FileRefused(f"Header columns given twice: {', '.join(duplicated)}.")
    missing = [m for m in REQUIRED if m not in members]
    if missing:
        raise FileRefused(f"Required header column(s) missing: {', '.join(missing)}.")
    body = records[1:]
    if not body:
        raise FileRefused("The file has a header and no quick response.")
    if len(body) > MAX_ROWS:
        raise FileRefused(f"The file has {len(body)} quick responses; at most {MAX_ROWS} can be imported at a time.")
    rows = []
    for number, cells in enumerate(body, start=1):
        row = Row(number, cells)
        if len(cells) != len(header):
            row.error = f"The row has {len(cells)} cells; the header has {len(header)}."
        else:
            try:
                for member, raw in zip(members, cells, strict=True):
                    _cell(member, raw, row.params)
            except ValueError as exc:
                row.error = str(exc)
        rows.append(row)
    return ImportFile(header, rows)


REASON_COLUMN = "Failure reason"


def failed_report(header: list[str], failures: list[tuple[list[str], str]]) -> bytes:
    """The failedRecordReport CSV: the file's header plus ``Failure reason``; each failed row as it was
    in the file, followed by its reason."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([*header, REASON_COLUMN])
    for cells, reason in failures:
        writer.writerow([*cells, reason])
    return out.getvalue().encode("utf-8")


def file_report(reason: str) -> bytes:
    """The failedRecordReport of a file refused as a whole: one ``Failure reason`` column, one row."""
    return failed_report([], [([], reason)])
