"""The text of an uploaded content file (CreateContent/UpdateContent of a CUSTOM knowledge base).

``extract(content_type, data)`` answers the file's text, or raises ``Unreadable`` with the precise
reason: the bytes are not what the upload's content type says (a PDF uploaded as ``text/html``, a
Word file that is not a zip), the file is damaged or encrypted, or it holds no text at all.

* ``text/plain``, ``text/csv``: UTF-8 text (a BOM is dropped);
* ``text/html``: the text of the body, without tags, scripts and styles (stdlib ``html.parser``);
* ``application/pdf``: the text of every page (``pypdf``);
* ``application/vnd.openxmlformats-officedocument.wordprocessingml.document``: paragraphs and
  table cells in document order (``python-docx``);
* ``application/x.wisdom-json;source=...``: a JSON document; its string values in document order.

The PDF and Word libraries are imported on first use: importing the service stays cheap.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from html.parser import HTMLParser
from typing import Any

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MAX_BYTES = 10 * 1024 * 1024  # decision: larger uploads are refused (docs/decisions.md)
MAX_DOCX_EXPANDED = 50 * 1024 * 1024  # a Word file expanding beyond this is refused (zip bomb)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[ \t\r\f\v]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")
_BLOCK_TAGS = frozenset({"p", "div", "br", "li", "ul", "ol", "tr", "table", "section", "article", "h1", "h2", "h3",
                         "h4", "h5", "h6", "blockquote", "pre", "header", "footer", "dd", "dt", "hr"})
_SKIPPED_TAGS = frozenset({"script", "style", "head", "template", "noscript"})


class Unreadable(Exception):
    """The file cannot give text; ``str(exc)`` says why."""


def extract(content_type: str, data: bytes) -> str:
    """The text of ``data`` read as ``content_type`` (normalised white space), or ``Unreadable``."""
    if not data:
        raise Unreadable("The uploaded file is empty.")
    if len(data) > MAX_BYTES:
        raise Unreadable(f"The uploaded file has {len(data)} bytes; at most {MAX_BYTES} bytes can be read.")
    if content_type == PDF:
        text = _pdf_text(data)
    elif content_type == DOCX:
        text = _docx_text(data)
    else:
        decoded = _decode(content_type, data)
        if content_type == "text/html":
            text = _html_text(decoded)
        elif content_type.startswith("application/x.wisdom-json"):
            text = _json_text(decoded)
        else:
            text = decoded
    text = normalise(text)
    if not text:
        raise Unreadable(f"No text could be extracted from the uploaded {describe(content_type)}.")
    return text


def normalise(text: str) -> str:
    """Control characters dropped, runs of spaces made one, paragraphs kept apart by one blank line."""
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def describe(content_type: str) -> str:
    return {PDF: "PDF document", DOCX: "Word document", "text/html": "HTML document"}.get(content_type,
                                                                                         f"{content_type} file")


def _sniffed(data: bytes) -> str | None:
    """The binary type ``data`` is by its first bytes, if it is one of those content can be."""
    if b"%PDF-" in data[:1024]:
        return PDF
    if data[:4] == b"PK\x03\x04":
        return DOCX
    return None


def _decode(content_type: str, data: bytes) -> str:
    found = _sniffed(data)
    if found is not None:
        raise Unreadable(f"The uploaded file is a {describe(found)}, not {content_type}: upload it with content "
                         f"type {found}.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Unreadable(f"The uploaded file is not UTF-8 encoded {content_type} (byte {exc.start}).") from None
    if "\x00" in text:
        raise Unreadable(f"The uploaded file is binary, not {content_type} (NUL byte at {text.index(chr(0))}).")
    return text


def _pdf_text(data: bytes) -> str:
    if _sniffed(data) != PDF:
        raise Unreadable("The uploaded file is not a PDF document (no %PDF- header).")
    from pypdf import PdfReader  # lazily: a heavy import only content needs

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise Unreadable("The uploaded PDF document is encrypted with a password.")
        pages = [page.extract_text() or "" for page in reader.pages]
    except Unreadable:
        raise
    except Exception as exc:  # pypdf raises many kinds on damaged files; each one is an unreadable file
        raise Unreadable(f"The uploaded PDF document cannot be read: {_reason(exc)}") from None
    return "\n\n".join(pages)


def _docx_text(data: bytes) -> str:
    if _sniffed(data) != DOCX:
        found = _sniffed(data)
        what = f"a {describe(found)}" if found else "not a Word document (not a zip archive)"
        raise Unreadable(f"The uploaded file is {what}.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            expanded = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise Unreadable(f"The uploaded Word document is a damaged zip archive: {exc}") from None
    if "word/document.xml" not in names:
        raise Unreadable("The uploaded zip archive is not a Word document (no word/document.xml).")
    if expanded > MAX_DOCX_EXPANDED:
        raise Unreadable(f"The uploaded Word document expands to {expanded} bytes; at most {MAX_DOCX_EXPANDED}.")
    import docx  # lazily, as pypdf

    try:
        document = docx.Document(io.BytesIO(data))
        blocks = [_block_text(block) for block in document.iter_inner_content()]
    except Exception as exc:  # python-docx/lxml raise many kinds on damaged parts
        raise Unreadable(f"The uploaded Word document cannot be read: {_reason(exc)}") from None
    return "\n\n".join(blocks)


def _block_text(block: Any) -> str:
    """A paragraph's text, or a table's: one line a row, cells separated by tabs."""
    if hasattr(block, "rows"):
        return "\n".join("\t".join(cell.text for cell in row.cells) for row in block.rows)
    return str(block.text)


def _reason(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text[:200]


class _HtmlText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED_TAGS:
            self.skipping += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def _html_text(text: str) -> str:
    parser = _HtmlText()
    parser.feed(text)
    parser.close()
    return "".join(parser.parts)


def _json_text(text: str) -> str:
    try:
        document = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise Unreadable(f"The uploaded file is not a JSON document: {exc}") from None
    if not isinstance(document, dict | list):
        raise Unreadable("The uploaded JSON document is not an object or an array.")
    strings: list[str] = []
    stack: list[Any] = [document]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            strings.append(value)
        elif isinstance(value, dict):
            stack.extend(reversed(list(value.values())))
        elif isinstance(value, list):
            stack.extend(reversed(value))
    return "\n\n".join(strings)
