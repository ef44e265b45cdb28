"""The TCK's result-cell notation read into the harness's canonical form (``tck_support.canonical``):
scalars, lists, maps, nodes ``(:A:B {k: v})``, relationships ``[:T {k: v}]`` and paths
``<(:A)-[:T]->(:B)>``, nested in any way. Scalars are read by the engine (``RETURN <literal>``). As in
``canonical``, a path's relationship directions are not compared."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

_SPECIAL = {"NaN": ("nan",), "Inf": ("num", math.inf), "-Inf": ("num", -math.inf),
            "Infinity": ("num", math.inf), "-Infinity": ("num", -math.inf)}  # fmt: skip
_STOP = ",]})>"


class CellReader:
    """A recursive-descent reader of one cell; ``scalar`` turns literal text into its canonical form."""

    def __init__(self, text: str, scalar: Callable[[str], Any]) -> None:
        self.text = text
        self.i = 0
        self.scalar = scalar

    def read(self) -> Any:
        value = self.value()
        self.skip()
        if self.i != len(self.text):
            raise ValueError(f"unexpected {self.text[self.i:]!r} in TCK cell {self.text!r}")
        return value

    def skip(self) -> None:
        while self.i < len(self.text) and self.text[self.i].isspace():
            self.i += 1

    def peek(self) -> str:
        self.skip()
        return self.text[self.i] if self.i < len(self.text) else ""

    def expect(self, s: str) -> None:
        self.skip()
        if not self.text.startswith(s, self.i):
            raise ValueError(f"expected {s!r} at {self.i} in TCK cell {self.text!r}")
        self.i += len(s)

    def accept(self, s: str) -> bool:
        self.skip()
        if self.text.startswith(s, self.i):
            self.i += len(s)
            return True
        return False

    def value(self) -> Any:
        c = self.peek()
        if c == "(":
            return self.node()
        if c == "<":
            return self.path()
        if c == "[":
            j = self.i + 1
            while j < len(self.text) and self.text[j].isspace():
                j += 1
            return self.rel() if self.text[j : j + 1] == ":" else self.list()
        if c == "{":
            return ("map", tuple(sorted(self.map().items())))
        if c == "'":
            return self.scalar(self.string())
        return self.token()

    def name(self) -> str:
        self.skip()
        if self.accept("`"):
            end = self.text.index("`", self.i)
            name, self.i = self.text[self.i : end], end + 1
            return name
        start = self.i
        while self.i < len(self.text) and (self.text[self.i].isalnum() or self.text[self.i] == "_"):
            self.i += 1
        return self.text[start : self.i]

    def labels(self) -> list[str]:
        labels = []
        while self.accept(":"):
            labels.append(self.name())
        return labels

    def props(self) -> Any:
        return ("map", tuple(sorted(self.map().items()))) if self.peek() == "{" else ("map", ())

    def node(self) -> Any:
        self.expect("(")
        labels = self.labels()
        props = self.props()
        self.expect(")")
        return ("node", tuple(sorted(labels)), props)

    def rel(self) -> Any:
        self.expect("[")
        types = self.labels()
        props = self.props()
        self.expect("]")
        return ("rel", types[0], props)

    def path(self) -> Any:
        self.expect("<")
        items = [self.node()]
        while self.peek() in ("-", "<"):
            self.accept("<")
            self.expect("-")
            items.append(self.rel())
            self.expect("-")
            self.accept(">")
            items.append(self.node())
        self.expect(">")
        return ("path", tuple(items))

    def list(self) -> Any:
        self.expect("[")
        items = []
        if not self.accept("]"):
            items.append(self.value())
            while self.accept(","):
                items.append(self.value())
            self.expect("]")
        return ("list", tuple(items))

    def map(self) -> dict[str, Any]:
        self.expect("{")
        out: dict[str, Any] = {}
        if not self.accept("}"):
            while True:
                key = self.name()
                self.expect(":")
                out[key] = self.value()
                if not self.accept(","):
                    break
            self.expect("}")
        return out

    def string(self) -> str:
        start = self.i
        self.i += 1
        while self.text[self.i] != "'":
            self.i += 2 if self.text[self.i] == "\\" else 1
        self.i += 1
        return self.text[start : self.i]

    def token(self) -> Any:
        start = self.i
        while self.i < len(self.text) and self.text[self.i] not in _STOP:
            self.i += 1
        word = self.text[start : self.i].strip()
        return _SPECIAL[word] if word in _SPECIAL else self.scalar(word)
