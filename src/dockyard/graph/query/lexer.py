"""The openCypher lexer: tokens with line and column."""

from __future__ import annotations

import re
from dataclasses import dataclass

from dockyard.graph.query.errors import CypherSyntaxError


@dataclass(frozen=True)
class Token:
    kind: str  # ident, int, float, string, param, op, badnumber, eof
    text: str
    value: object
    line: int
    column: int


_TOKEN = re.compile(
    r"""
    (?P<ws>\s+|//[^\n]*|/\*.*?\*/)
  | (?P<float>(?:\d+\.\d+|\.\d+|\d+)(?:[eE][+-]?\d+)|\d+\.\d+|\.\d+)
  | (?P<hex>0x[0-9a-fA-F]+)
  | (?P<octal>0o[0-7]+)
  | (?P<int>\d+)
  | (?P<string>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")
  | (?P<param>\$(?:[A-Za-z_][A-Za-z0-9_]*|\d+))
  | (?P<ident>[A-Za-z_][A-Za-z0-9_]*|`(?:[^`]|``)*`)
  | (?P<op><>|<=|>=|=~|\+=|\.\.|->|<-|[-+*/%^=<>(){}\[\],.:|;$!])
    """,
    re.VERBOSE | re.DOTALL,
)

_IDENT_RUN = re.compile(r"[A-Za-z0-9_]*")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "\\": "\\", "'": "'", '"': '"'}


def _unescape(body: str, line: int, column: int) -> str:
    out: list[str] = []
    i = 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            if nxt in _ESCAPES:
                out.append(_ESCAPES[nxt])
                i += 2
                continue
            if nxt in "uU":
                width = 4 if nxt == "u" else 8
                digits = body[i + 2 : i + 2 + width]
                if len(digits) == width and all(c in "0123456789abcdefABCDEF" for c in digits):
                    out.append(chr(int(digits, 16)))
                    i += 2 + width
                    continue
            kind = "InvalidUnicodeLiteral" if nxt in "uU" else None
            raise CypherSyntaxError(f"Invalid escape sequence \\{nxt}", line, column, kind)
        out.append(ch)
        i += 1
    return "".join(out)


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    pos = 0
    line, line_start = 1, 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        column = pos - line_start + 1
        if m is None:
            kind = "InvalidUnicodeCharacter" if not text[pos].isascii() else None
            raise CypherSyntaxError(f"Invalid input '{text[pos]}'", line, column, kind)
        kind = m.lastgroup or ""
        raw = m.group()
        if kind != "ws":
            value: object = raw
            if kind == "int":
                value = int(raw)
            elif kind == "hex":
                kind, value = "int", int(raw, 16)
            elif kind == "octal":
                kind, value = "int", int(raw[2:], 8)
            elif kind == "float":
                value = float(raw)
            elif kind == "string":
                value = _unescape(raw[1:-1], line, column)
            elif kind == "param":
                value = raw[1:]
            elif kind == "ident" and raw.startswith("`"):
                kind, value = "qident", raw[1:-1].replace("``", "`")
            glued = _IDENT_RUN.match(text, m.end()) if kind in ("int", "float") else None
            if glued is not None and glued.end() > m.end():
                # a number with letters glued on (``0x1G``, ``12ab``): the parser refuses it where a
                # number may stand (InvalidNumberLiteral), elsewhere it is just unexpected
                raw = text[pos : glued.end()]
                tokens.append(Token("badnumber", raw, raw, line, column))
                pos = glued.end()
                continue
            tokens.append(Token(kind, raw, value, line, column))
        newlines = raw.count("\n")
        if newlines:
            line += newlines
            line_start = pos + raw.rindex("\n") + 1
        pos = m.end()
    column = pos - line_start + 1
    tokens.append(Token("eof", "", None, line, column))
    return tokens
