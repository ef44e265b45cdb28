"""The full-text index of a CUSTOM knowledge base's contents: one SQLite FTS5 table per knowledge base.

Each content is stored as its passages (``formats/passages``): one row per passage with the
content's title, ranked by FTS5's BM25 (title weighted ``TITLE_WEIGHT``, body 1) with the Porter
stemmer over Unicode words (``refunds`` finds ``refund``; accents are ignored). A table per knowledge
base keeps BM25's statistics (document frequencies, average length) those of the knowledge base
alone, as a search of one knowledge base should be, whatever other accounts hold.

A query's words are each quoted (no FTS5 syntax reaches SQLite) and OR-ed: a passage matching more
of them, rarer ones, more often, ranks higher. Highlights come from FTS5's ``highlight``/``snippet``
with marker characters that ``marked`` turns into offsets of the plain text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dockyard.service_kit import Database

TITLE_WEIGHT = 2.0
SNIPPET_TOKENS = 32
MAX_QUERY_WORDS = 64
_OPEN, _CLOSE = "\x02", "\x03"
_WORD = re.compile(r"\w+", re.UNICODE)
_HEX = re.compile(r"[0-9a-f]{32}")


@dataclass(frozen=True)
class Ranked:
    """One passage matching a query: where it is and its score (higher is better)."""

    knowledge_base_id: str
    content_id: str
    passage: int
    score: float
    row: int  # the passage's row in its knowledge base's table (for ``texts``)
    title: str


@dataclass(frozen=True)
class Texts:
    """What a result shows of a ranked passage: title and excerpt (with highlights), whole body."""

    title: tuple[str, list[dict[str, int]]]  # text, highlights
    excerpt: tuple[str, list[dict[str, int]]]
    body: str


def _table(knowledge_base_id: str) -> str:
    """The table of a knowledge base (its id is a UUID Dockyard made; nothing else reaches the SQL)."""
    name = knowledge_base_id.replace("-", "")
    if not _HEX.fullmatch(name):
        raise ValueError(f"not a knowledge base id: {knowledge_base_id!r}")
    return "qconnect_passages_" + name


def _create(db: Database, knowledge_base_id: str) -> str:
    table = _table(knowledge_base_id)
    db.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {table} USING fts5(title, body, content UNINDEXED, "
               "passage UNINDEXED, tokenize = 'porter unicode61 remove_diacritics 2')")
    return table


def _exists(db: Database, knowledge_base_id: str) -> bool:
    rows = db.query("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (_table(knowledge_base_id),))
    return bool(rows)


def replace(db: Database, knowledge_base_id: str, content_id: str, title: str, passages: list[str]) -> None:
    """Index ``passages`` as the content's (its earlier passages removed). Call inside a transaction."""
    table = _create(db, knowledge_base_id)
    db.execute(f"DELETE FROM {table} WHERE content=?", (content_id,))
    db.executemany(f"INSERT INTO {table} (title, body, content, passage) VALUES (?, ?, ?, ?)",
                   [(title, body, content_id, n) for n, body in enumerate(passages)])


def retitle(db: Database, knowledge_base_id: str, content_id: str, title: str) -> None:
    if _exists(db, knowledge_base_id):
        db.execute(f"UPDATE {_table(knowledge_base_id)} SET title=? WHERE content=?", (title, content_id))


def remove(db: Database, knowledge_base_id: str, content_id: str) -> None:
    if _exists(db, knowledge_base_id):
        db.execute(f"DELETE FROM {_table(knowledge_base_id)} WHERE content=?", (content_id,))


def drop(db: Database, knowledge_base_id: str) -> None:
    db.execute(f"DROP TABLE IF EXISTS {_table(knowledge_base_id)}")


def query_words(text: str) -> list[str]:
    """The words of a query, lower-cased, each once, in order (at most MAX_QUERY_WORDS)."""
    seen: dict[str, None] = {}
    for word in _WORD.findall(text.lower()):
        seen.setdefault(word, None)
    return list(seen)[:MAX_QUERY_WORDS]


def marked(text: str) -> tuple[str, list[dict[str, int]]]:
    """Text with FTS5 markers -> (plain text, highlights as code-point offsets of the plain text)."""
    plain: list[str] = []
    highlights: list[dict[str, int]] = []
    length = 0
    begin = -1
    for part in re.split(f"([{_OPEN}{_CLOSE}])", text):
        if part == _OPEN:
            begin = length
        elif part == _CLOSE:
            if begin >= 0 and length > begin:
                highlights.append({"beginOffsetInclusive": begin, "endOffsetExclusive": length})
            begin = -1
        else:
            plain.append(part)
            length += len(part)
    return "".join(plain), highlights


def _match(text: str) -> str | None:
    words = query_words(text)
    return " OR ".join('"' + w.replace('"', '""') + '"' for w in words) if words else None


def rank(db: Database, knowledge_base_id: str, text: str, limit: int) -> list[Ranked]:
    """The passages of the knowledge base matching any word of ``text``, best first."""
    match = _match(text)
    if match is None or not _exists(db, knowledge_base_id):
        return []
    table = _table(knowledge_base_id)
    rows = db.query(f"SELECT content, passage, bm25({table}, ?, 1.0) AS rank, rowid, title FROM {table} "
                    f"WHERE {table} MATCH ? ORDER BY rank, content, passage LIMIT ?", (TITLE_WEIGHT, match, limit))
    return [Ranked(knowledge_base_id, r[0], int(r[1]), max(0.0, -float(r[2])), int(r[3]), r[4]) for r in rows]


def texts(db: Database, knowledge_base_id: str, text: str, rows: list[int]) -> dict[int, Texts]:
    """Title, excerpt (FTS5's snippet of the passage) and body of some ranked rows, highlighted for ``text``."""
    match = _match(text)
    if match is None or not rows or not _exists(db, knowledge_base_id):
        return {}
    table = _table(knowledge_base_id)
    marks = ", ".join("?" * len(rows))
    found = db.query(f"SELECT rowid, highlight({table}, 0, ?, ?), snippet({table}, 1, ?, ?, '…', ?), body "
                     f"FROM {table} WHERE {table} MATCH ? AND rowid IN ({marks})",
                     (_OPEN, _CLOSE, _OPEN, _CLOSE, SNIPPET_TOKENS, match, *rows))
    return {int(r[0]): Texts(marked(r[1]), marked(r[2]), r[3]) for r in found}
