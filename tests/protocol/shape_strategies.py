"""Hypothesis strategies for botocore shapes: values a boto3 user could pass (inputs) or an
emulator could return (outputs), respecting lengths, ranges, enums and (where Python's regex
engine can generate them) patterns."""

from __future__ import annotations

import re
import string
from datetime import UTC, datetime

import regex
from botocore.model import Shape
from hypothesis import strategies as st

SAFE_TEXT = string.ascii_letters + string.digits + "-_."
MAX_DEPTH = 4
_PATTERN_CACHE: dict[str, st.SearchStrategy[str] | None] = {}


_UNICODE_CLASSES = {"L": "a-zA-Z", "M": "", "N": "0-9"}


def _ascii_classes(pattern: str) -> str:
    """``\\p{L}`` / ``\\p{M}`` / ``\\p{N}`` as ASCII ranges, inside or outside ``[...]`` (generation only)."""
    out = []
    in_class = False
    i = 0
    while i < len(pattern):
        m = re.match(r"\\p\{([LMN])\}", pattern[i:])
        if m:
            ranges = _UNICODE_CLASSES[m.group(1)]
            out.append(ranges if in_class else f"[{ranges or 'a'}]")
            i += m.end()
            continue
        ch = pattern[i]
        if ch == "\\":
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if ch == "[":
            in_class = True
        elif ch == "]":
            in_class = False
        out.append(ch)
        i += 1
    return "".join(out)


def _pattern_strategy(pattern: str, lo: int, hi: int) -> st.SearchStrategy[str] | None:
    """Strings matching ``pattern`` with a length in [lo, hi], where Python's engine can make them.

    A leading lookahead is dropped for generation and checked by the filter; unbounded repeats are
    bounded by ``hi`` so that fixed or short lengths are reachable."""
    key = f"{pattern}|{lo}|{hi}"
    if key in _PATTERN_CACHE:
        return _PATTERN_CACHE[key]
    strategy: st.SearchStrategy[str] | None = None
    generate = _ascii_classes(re.sub(r"^\^?\(\?[!=][^)]*\)", "", pattern))
    bound = min(hi, 64)
    generate = re.sub(r"(?<!\\)\+", f"{{1,{bound}}}", generate)
    generate = re.sub(r"(?<!\\)\*", f"{{0,{bound}}}", generate)
    if not re.search(r"\(\?[=!<]", generate) and "\\p" not in generate:
        try:
            re.compile(generate)
            full = regex.compile(pattern)
            strategy = st.from_regex(generate, fullmatch=True, alphabet=st.characters(
                codec="ascii", exclude_categories=("Cc",))).filter(
                lambda s: lo <= len(s) <= hi and full.fullmatch(s) is not None)
        except Exception:
            strategy = None
    _PATTERN_CACHE[key] = strategy
    return strategy


def strategy_for(shape: Shape, *, location: str | None = None, depth: int = 0,
                 respect_patterns: bool = True) -> st.SearchStrategy:
    t = shape.type_name
    meta = shape.metadata
    if meta.get("document"):
        return st.dictionaries(st.text(SAFE_TEXT, min_size=1, max_size=5), st.integers(0, 100), max_size=2)
    if t == "structure":
        if depth > MAX_DEPTH + 4 and not getattr(shape, "is_tagged_union", False):
            return st.just({})
        return _structure(shape, depth, respect_patterns)
    if t == "list":
        lo = meta.get("min", 0)
        hi = min(meta.get("max", 3), max(lo, 3))
        if depth >= MAX_DEPTH:
            hi = lo
        if hi == 0:
            return st.just([])
        return st.lists(strategy_for(shape.member, location=location, depth=depth + 1,
                                     respect_patterns=respect_patterns), min_size=lo, max_size=hi)
    if t == "map":
        lo = meta.get("min", 0)
        hi = min(meta.get("max", 2), max(lo, 2))
        if depth >= MAX_DEPTH:
            hi = lo
        if hi == 0:
            return st.just({})
        return st.dictionaries(
            strategy_for(shape.key, location=location, respect_patterns=respect_patterns),
            strategy_for(shape.value, location=location, depth=depth + 1, respect_patterns=respect_patterns),
            min_size=lo, max_size=hi,
        )
    if t == "string":
        if meta.get("enum"):
            return st.sampled_from(meta["enum"])
        lo = max(meta.get("min", 0), 1 if location in ("uri", "header", "headers") else 0)
        hi = min(meta.get("max", 12), max(lo, 12))
        if respect_patterns and meta.get("pattern"):
            pat = _pattern_strategy(meta["pattern"], lo, meta.get("max", 10_000))
            if pat is not None:
                return pat
        if lo == meta.get("max"):
            return st.text(string.ascii_letters + string.digits, min_size=lo, max_size=lo)
        return st.text(SAFE_TEXT, min_size=lo, max_size=hi)
    if t in ("integer", "long"):
        lo = int(meta.get("min", -(2**31) if t == "integer" else -(2**53)))
        hi = int(meta.get("max", 2**31 - 1 if t == "integer" else 2**53))
        return st.integers(lo, hi)
    if t in ("float", "double"):
        lo = meta.get("min")
        hi = meta.get("max")
        return st.floats(min_value=lo, max_value=hi, allow_nan=False, allow_infinity=False, width=64)
    if t == "boolean":
        return st.booleans()
    if t == "timestamp":
        return st.integers(0, 4_000_000_000).map(lambda s: datetime.fromtimestamp(s, UTC))
    if t == "blob":
        lo = meta.get("min", 0)
        return st.binary(min_size=lo, max_size=max(lo, 16))
    raise NotImplementedError(t)


def _structure(shape: Shape, depth: int, respect_patterns: bool) -> st.SearchStrategy:
    required = set(shape.required_members)
    members = shape.members
    if getattr(shape, "is_tagged_union", False):
        names = list(members)
        if depth >= MAX_DEPTH:
            scalars = [n for n in names if members[n].type_name not in ("structure", "list", "map")]
            lists = [n for n in names
                     if members[n].type_name == "list" and members[n].metadata.get("min", 0) == 0]
            plain = [n for n in names if members[n].type_name == "structure"
                     and not getattr(members[n], "is_tagged_union", False)]
            names = scalars or lists or plain or names[:1]
        return st.one_of([
            st.builds(lambda v, n=name: {n: v},
                      strategy_for(members[name], depth=depth + 1, respect_patterns=respect_patterns))
            for name in names
        ])
    fixed = {}
    optional = {}
    for name, m in members.items():
        loc = m.serialization.get("location")
        if loc == "statusCode":
            continue
        strat = strategy_for(m, location=loc, depth=depth + 1, respect_patterns=respect_patterns)
        if name in required:
            fixed[name] = strat
        elif depth < MAX_DEPTH:
            optional[name] = strat
    return st.fixed_dictionaries(fixed, optional=optional)
