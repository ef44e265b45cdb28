"""SearchQuickResponses: a small relevance ranking over tokens, filters, ordering, interpolation.

Ranking (documented in docs/qconnect.md): text is split into lower-case word tokens. For each query
field and each of its values, every query token scores in each searched field where it matches a
token: an exact token 1.0, a prefix (CONTAINS_AND_PREFIX only) 0.5, a fuzzy match (allowFuzziness:
edit distance 1 for tokens of 4+ letters, 2 for 8+) 0.3; multiplied by the field weight (name 4,
shortcutKey 3, description 2, content 1) and the priority (HIGH 3, MEDIUM 2, LOW/absent 1). A quick
response must match every token of at least one value of every query field; its score is the sum.
Results are ordered by score (ties: name, then creation), or by ``orderOnField`` when given.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Any

from dockyard.services.qconnect.errors import invalid
from dockyard.services.qconnect.resources.quick_responses import text_of

_TOKEN = re.compile(r"\w+", re.UNICODE)
_PLACEHOLDER = re.compile(r"\{\{\s*Attributes\.([A-Za-z0-9_.\-]+)\s*\}\}")
WEIGHTS = {"name": 4.0, "shortcutKey": 3.0, "description": 2.0, "content": 1.0}
PRIORITY = {"HIGH": 3.0, "MEDIUM": 2.0, "LOW": 1.0}
QUERY_FIELDS = tuple(WEIGHTS)
FILTER_FIELDS = ("name", "description", "shortcutKey", "isActive", "channels", "language", "contentType",
                 "createdTime", "lastModifiedTime", "lastModifiedBy", "groupingConfiguration.criteria",
                 "groupingConfiguration.values")
ORDER_FIELDS = ("name", "description", "shortcutKey", "isActive", "channels", "language", "contentType",
                "createdTime", "lastModifiedTime", "lastModifiedBy", "groupingConfiguration.criteria",
                "groupingConfiguration.values")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def _within(a: str, b: str, limit: int) -> bool:
    """Levenshtein distance of a and b is at most limit."""
    if abs(len(a) - len(b)) > limit:
        return False
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return False
        previous = current
    return previous[-1] <= limit


def _field_text(doc: dict[str, Any], name: str) -> str:
    return text_of(doc) if name == "content" else str(doc.get(name) or "")


def _term_hits(found: Index, field: str, term: str, prefix: bool, fuzzy: bool) -> dict[int, float]:
    """Positions of the documents whose ``field`` matches ``term``, with the match's strength."""
    postings = found.postings[field]
    hits: dict[int, float] = {}
    if fuzzy and len(term) >= 4:
        limit = 2 if len(term) >= 8 else 1
        for token in found.vocabulary[field]:
            if token != term and not (prefix and token.startswith(term)) and _within(term, token, limit):
                hits.update(dict.fromkeys(postings[token], 0.3))
    if prefix:
        vocabulary = found.vocabulary[field]
        at = bisect_left(vocabulary, term)
        while at < len(vocabulary) and vocabulary[at].startswith(term):
            if vocabulary[at] != term:
                hits.update(dict.fromkeys(postings[vocabulary[at]], 0.5))
            at += 1
    hits.update(dict.fromkeys(postings.get(term, ()), 1.0))
    return hits


def _value_hits(found: Index, fields: tuple[str, ...], terms: list[str], prefix: bool, fuzzy: bool) -> dict[int, float]:
    """Documents matching every term of one query value (in any of ``fields``), with their score."""
    total: dict[int, float] | None = None
    for term in terms:
        scores: dict[int, float] = {}
        for f in fields:
            for pos, strength in _term_hits(found, f, term, prefix, fuzzy).items():
                scores[pos] = scores.get(pos, 0.0) + strength * WEIGHTS[f]
        total = scores if total is None else {p: v + scores[p] for p, v in total.items() if p in scores}
        if not total:
            return {}
    return total or {}


def _scores(found: Index, queries: list[dict[str, Any]]) -> dict[int, float]:
    """Documents matching every query field (one of its values each), with their relevance."""
    result: dict[int, float] | None = None
    for query in queries:
        fields = QUERY_FIELDS if query["name"] == "*" else (query["name"],)
        prefix = query["operator"] == "CONTAINS_AND_PREFIX"
        fuzzy = bool(query.get("allowFuzziness"))
        best: dict[int, float] = {}
        for terms in query["terms"]:
            for pos, score in _value_hits(found, fields, terms, prefix, fuzzy).items():
                best[pos] = max(best.get(pos, 0.0), score)
        weight = PRIORITY.get(query.get("priority") or "LOW", 1.0)
        weighted = {p: v * weight for p, v in best.items()}
        result = weighted if result is None else {p: v + weighted[p] for p, v in result.items() if p in weighted}
    return result or {}


def _field_values(doc: dict[str, Any], name: str) -> list[str] | None:
    if name.startswith("groupingConfiguration."):
        value = (doc.get("groupingConfiguration") or {}).get(name.split(".", 1)[1])
    else:
        value = doc.get(name)
    if value is None or value == []:
        return None
    if isinstance(value, bool):
        return [str(value).lower()]
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)]


def _passes(doc: dict[str, Any], flt: dict[str, Any]) -> bool:
    present = _field_values(doc, flt["name"])
    if present is None:
        return bool(flt.get("includeNoExistence"))
    wanted = [str(v).lower() if flt["name"] == "isActive" else str(v) for v in flt.get("values") or []]
    if flt["operator"] == "EQUALS":
        return any(p in wanted for p in present)
    return any(p.startswith(w) for p in present for w in wanted)


def _check(expression: dict[str, Any]) -> None:
    for query in expression.get("queries") or []:
        if query["name"] not in (*QUERY_FIELDS, "*"):
            raise invalid(f"Invalid query field '{query['name']}': use one of {', '.join(QUERY_FIELDS)}.")
    for flt in expression.get("filters") or []:
        if flt["name"] not in FILTER_FIELDS:
            raise invalid(f"Invalid filter field '{flt['name']}': use one of {', '.join(FILTER_FIELDS)}.")
        if flt["operator"] == "PREFIX" and flt["name"] in ("isActive", "createdTime", "lastModifiedTime"):
            raise invalid(f"The PREFIX operator cannot filter on {flt['name']}.")
        if not flt.get("values") and not flt.get("includeNoExistence"):
            raise invalid(f"Filter on {flt['name']} needs values or includeNoExistence.")
    order = expression.get("orderOnField")
    if order and order["name"] not in ORDER_FIELDS:
        raise invalid(f"Invalid order field '{order['name']}': use one of {', '.join(ORDER_FIELDS)}.")


def _sort_key(doc: dict[str, Any], name: str) -> tuple[int, Any]:
    values = _field_values(doc, name)
    if values is None:
        return (1, "")
    if name in ("createdTime", "lastModifiedTime"):
        return (0, float(doc[name]))
    return (0, values[0].lower())


def interpolate(doc: dict[str, Any], attributes: dict[str, str] | None) -> dict[str, Any]:
    """The search result of ``doc``: contents with ``{{Attributes.x}}`` replaced where ``x`` is given."""
    out = dict(doc)
    if attributes is None:
        return out
    done: list[str] = []
    missing: list[str] = []

    def substitute(match: re.Match[str]) -> str:
        key = match.group(1)
        if key in attributes:
            if key not in done:
                done.append(key)
            return attributes[key]
        if key not in missing:
            missing.append(key)
        return match.group(0)

    out["contents"] = {k: {"content": _PLACEHOLDER.sub(substitute, v["content"])} for k, v in doc["contents"].items()}
    if done:
        out["attributesInterpolated"] = done
    if missing:
        out["attributesNotInterpolated"] = missing
    return out


class Index:
    """The quick responses of one knowledge base with their token sets, as of one generation: postings
    and the sorted vocabulary of every query field, and each document's rank in name order (ties of
    relevance)."""

    def __init__(self, generation: int, docs: list[dict[str, Any]]) -> None:
        self.generation = generation
        self.docs = docs
        self.postings: dict[str, dict[str, list[int]]] = {f: {} for f in QUERY_FIELDS}
        for pos, doc in enumerate(docs):
            for f in QUERY_FIELDS:
                for token in set(tokens(_field_text(doc, f))):
                    self.postings[f].setdefault(token, []).append(pos)
        self.vocabulary = {f: sorted(self.postings[f]) for f in QUERY_FIELDS}
        by_name = sorted(range(len(docs)), key=lambda p: (docs[p]["name"].lower(), p))
        self.name_rank = [0] * len(docs)
        for rank, pos in enumerate(by_name):
            self.name_rank[pos] = rank
        self.by_name = by_name


class IndexCache(dict[tuple[str, str, str], Index]):
    """Indexes by (account, region, knowledge base) for one runtime (a runtime extension)."""

    def reset(self) -> None:
        self.clear()


def search(found: Index, expression: dict[str, Any]) -> list[dict[str, Any]]:
    """The quick responses matching ``expression``, best first (or in ``orderOnField`` order)."""
    _check(expression)
    filters = expression.get("filters") or []
    queries = [{**q, "terms": [tokens(v) for v in q["values"]]} for q in expression.get("queries") or []]
    relevance = _scores(found, queries) if queries else None
    positions: list[int] = found.by_name if relevance is None else sorted(relevance, key=found.name_rank.__getitem__)
    if filters:
        docs = found.docs
        positions = [p for p in positions if all(_passes(docs[p], f) for f in filters)]
    order = expression.get("orderOnField")
    if order:
        reverse = order.get("order") == "DESC"
        positions = sorted(positions, key=lambda p: (_sort_key(found.docs[p], order["name"]), p), reverse=reverse)
    elif relevance is not None:
        positions.sort(key=relevance.__getitem__, reverse=True)  # stable: ties stay in name order
    return [found.docs[p] for p in positions]
