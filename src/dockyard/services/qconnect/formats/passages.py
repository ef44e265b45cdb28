"""Passages: a content's text cut into the pieces Retrieve answers and the index ranks.

Paragraphs (separated by a blank line) are gathered into passages of at most ``MAX_WORDS`` words;
a paragraph longer than that is cut at sentence ends, and a sentence longer than that at word
boundaries. Every word of the text is in exactly one passage, in order.
"""

from __future__ import annotations

import re

MAX_WORDS = 200
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _words(text: str) -> int:
    return len(text.split())


def _pieces(paragraph: str) -> list[str]:
    """A paragraph as pieces of at most MAX_WORDS words: whole sentences where they fit, a longer
    sentence cut at word boundaries."""
    if _words(paragraph) <= MAX_WORDS:
        return [paragraph]
    pieces: list[str] = []
    current: list[str] = []
    for sentence in _SENTENCE_END.split(paragraph):
        words = sentence.split()
        runs = [" ".join(words[i:i + MAX_WORDS]) for i in range(0, len(words), MAX_WORDS)]
        for run in runs:
            if current and _words(" ".join(current)) + _words(run) > MAX_WORDS:
                pieces.append(" ".join(current))
                current = []
            current.append(run)
    if current:
        pieces.append(" ".join(current))
    return pieces


def split(text: str) -> list[str]:
    """The passages of ``text`` (normalised text: paragraphs separated by blank lines)."""
    passages: list[str] = []
    current: list[str] = []
    size = 0
    for paragraph in text.split("\n\n"):
        for piece in _pieces(paragraph.strip()):
            count = _words(piece)
            if not count:
                continue
            if current and size + count > MAX_WORDS:
                passages.append("\n\n".join(current))
                current, size = [], 0
            current.append(piece)
            size += count
    if current:
        passages.append("\n\n".join(current))
    return passages
