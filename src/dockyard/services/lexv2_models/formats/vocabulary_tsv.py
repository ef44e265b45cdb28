"""Custom vocabulary as TSV (``CreateExport fileFormat=TSV`` is for custom vocabularies only).

No AWS text describing the columns was found [UNVERIFIED]; Dockyard uses a header row
``phrase<TAB>weight<TAB>displayAs`` then one item per row, empty cells for unset values. The
reader also accepts files without the header row and with only one or two columns.
"""

from __future__ import annotations

from .errors import ArchiveError
from .model import CustomVocabularyItem
from .vocabulary_json import check_item_fields

HEADER = ("phrase", "weight", "displayAs")


def write_vocabulary_tsv(items: list[CustomVocabularyItem]) -> bytes:
    lines = ["\t".join(HEADER)]
    for item in items:
        weight = "" if item.weight is None else str(item.weight)
        lines.append("\t".join((item.phrase, weight, item.display_as or "")))
    return ("\n".join(lines) + "\n").encode("utf-8")


def read_vocabulary_tsv(data: bytes, path: str = "CustomVocabulary.tsv") -> list[CustomVocabularyItem]:
    """Parse the TSV; raises :class:`ArchiveError` with every bad row (1-based line numbers)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ArchiveError([f"{path}: not valid UTF-8 (byte {exc.start})"]) from None
    problems: list[str] = []
    items: list[CustomVocabularyItem] = []
    seen: set[str] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        cells = line.split("\t")
        if number == 1 and cells[0].strip().lower() == "phrase":
            continue
        if not line.strip():
            continue
        if len(cells) > len(HEADER):
            problems.append(f"{path}: line {number} has {len(cells)} columns, at most {len(HEADER)} allowed")
            continue
        phrase, weight_text, display = [*cells, "", ""][:3]
        weight: int | str | None = None
        if weight_text.strip():
            weight = int(weight_text) if weight_text.strip().lstrip("-").isdigit() else weight_text
        found = check_item_fields(phrase or None, weight, display or None, f"line {number}: field '")
        if not found and phrase in seen:
            found.append(f"line {number}: phrase {phrase!r} appears more than once")
        problems.extend(f"{path}: {p}" for p in found)
        if not found:
            seen.add(phrase)
            items.append(
                CustomVocabularyItem(phrase, weight if isinstance(weight, int) else None, display or None)
            )
    if problems:
        raise ArchiveError(problems)
    return items
