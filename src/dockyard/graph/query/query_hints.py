"""Query hints: Neptune's ``USING QUERY:<hint> <value>`` and openCypher's planner hints
(``USING INDEX|SCAN|JOIN`` after a MATCH pattern).

Neptune supports the query-scope hints PLANCACHE ("enabled"/"disabled"), TIMEOUTMILLISECONDS (a
non-negative long; the query's timeout is the smaller of it and the request's) and
assumeConsistentDataTypes (true/false); names and values are case-insensitive. Dockyard answers the
same rows with or without a hint: TIMEOUTMILLISECONDS shortens the deadline (``deadline``), the
others are validated and accepted. A hint Neptune does not list parses and is refused
(UNSUPPORTED_OPERATION); a malformed value is a syntax error. Planner hints are parsed and ignored.
"""

from __future__ import annotations

import time
from typing import Any

from dockyard.graph.query import ast as A
from dockyard.graph.query.errors import CypherSyntaxError
from dockyard.graph.query.lexer import Token

_BOOLEAN = {"true": True, "false": False}


def _error(tok: Token, message: str) -> CypherSyntaxError:
    return CypherSyntaxError(message, tok.line, tok.column)


def _word(tokens: list[Token], pos: int, what: str) -> str:
    tok = tokens[pos]
    if tok.kind not in ("ident", "qident"):
        found = "end of input" if tok.kind == "eof" else f"'{tok.text}'"
        raise _error(tok, f"Invalid input {found}: expected {what}")
    return str(tok.value)


def _expect(tokens: list[Token], pos: int, op: str) -> None:
    tok = tokens[pos]
    if tok.kind != "op" or tok.text != op:
        found = "end of input" if tok.kind == "eof" else f"'{tok.text}'"
        raise _error(tok, f"Invalid input {found}: expected '{op}'")


def query_hint(tokens: list[Token], pos: int) -> tuple[int, A.QueryHint, str | None]:
    """Parse ``USING scope:hint value`` at ``pos`` (the USING token): the position after it, the hint,
    and the message to refuse the query with when Neptune does not know the hint."""
    pos += 1
    scope = _word(tokens, pos, "a query hint scope (QUERY)")
    _expect(tokens, pos + 1, ":")
    name = _word(tokens, pos + 2, "a query hint name")
    value_tok = tokens[pos + 3]
    if value_tok.kind == "op" and value_tok.text == "-" and tokens[pos + 4].kind in ("int", "float"):
        raise _error(value_tok, f"Invalid value '-{tokens[pos + 4].text}' for query hint {name.upper()}: "
                     f"expected {_EXPECTED.get(name.upper(), 'a non-negative value')}")  # fmt: skip
    if value_tok.kind not in ("string", "int", "float") and not (
        value_tok.kind == "ident" and value_tok.text.lower() in _BOOLEAN
    ):
        found = "end of input" if value_tok.kind == "eof" else f"'{value_tok.text}'"
        raise _error(value_tok, f"Invalid input {found}: expected a query hint value")
    hint = A.QueryHint(scope.upper(), name.upper(), _value(name.upper(), value_tok))
    refused = None
    if hint.scope != "QUERY" or hint.name not in _VALIDATORS:
        refused = f"Query hint {scope}:{name} is not supported"
    return pos + 4, hint, refused


def _value(name: str, tok: Token) -> Any:
    raw = tok.value if tok.kind != "ident" else tok.text.lower()
    validate = _VALIDATORS.get(name)
    if validate is None:
        return raw
    value = validate(raw)
    if value is None:
        raise _error(tok, f"Invalid value '{tok.text}' for query hint {name}: expected {_EXPECTED[name]}")
    return value


def _plan_cache(raw: Any) -> str | None:
    text = str(raw).lower()
    return text if text in ("enabled", "disabled") else None


def _timeout(raw: Any) -> int | None:
    text = str(raw)
    if isinstance(raw, bool) or not text.isdigit() or int(text) >= 2**63:
        return None
    return int(text)


def _boolean(raw: Any) -> bool | None:
    return _BOOLEAN.get(str(raw).lower())


_VALIDATORS = {"PLANCACHE": _plan_cache, "TIMEOUTMILLISECONDS": _timeout, "ASSUMECONSISTENTDATATYPES": _boolean}
_EXPECTED = {
    "PLANCACHE": '"enabled" or "disabled"',
    "TIMEOUTMILLISECONDS": "a non-negative long",
    "ASSUMECONSISTENTDATATYPES": "true or false",
}


def planner_hint_end(tokens: list[Token], pos: int) -> int:
    """Skip ``USING INDEX [SEEK] n:L(p[, ...])``, ``USING SCAN n:L`` or ``USING JOIN ON a[, b]`` at
    ``pos`` (the USING token); the position after it."""
    kind = tokens[pos + 1].text.upper()
    pos += 2
    if kind == "JOIN":
        if tokens[pos].text.upper() != "ON":
            raise _error(tokens[pos], f"Invalid input '{tokens[pos].text}': expected ON")
        pos += 1
        _word(tokens, pos, "a variable")
        pos += 1
        while tokens[pos].kind == "op" and tokens[pos].text == ",":
            _word(tokens, pos + 1, "a variable")
            pos += 2
        return pos
    if kind == "INDEX" and tokens[pos].text.upper() == "SEEK":
        pos += 1
    _word(tokens, pos, "a variable")
    _expect(tokens, pos + 1, ":")
    _word(tokens, pos + 2, "a label")
    pos += 3
    if kind == "INDEX":
        _expect(tokens, pos, "(")
        pos += 1
        while True:
            _word(tokens, pos, "a property key")
            pos += 1
            if not (tokens[pos].kind == "op" and tokens[pos].text == ","):
                break
            pos += 1
        _expect(tokens, pos, ")")
        pos += 1
    return pos


def timeout_ms(tree: A.Query) -> int | None:
    """The query's TIMEOUTMILLISECONDS hint, if it has one (the last one written; 0, like a request's
    queryTimeoutMilliseconds of 0, sets no limit)."""
    found = [h.value for h in tree.hints if h.scope == "QUERY" and h.name == "TIMEOUTMILLISECONDS"]
    return (found[-1] or None) if found else None


def effective_timeout_ms(tree: A.Query, requested: int | None) -> int | None:
    """Neptune: "Query timeout behavior will consider the minimum of cluster-level timeout and
    query-level timeout" — the request's timeout and the hint's, the smaller."""
    limits = [t for t in (requested, timeout_ms(tree)) if t]
    return min(limits) if limits else None


def deadline(tree: A.Query, requested: float | None) -> float | None:
    """The run's deadline: the request's, or the hint's when that comes first."""
    hinted = timeout_ms(tree)
    if hinted is None:
        return requested
    own = time.monotonic() + hinted / 1000
    return own if requested is None else min(requested, own)
