"""SearchQuickResponses' index, directly: matches agree with a brute-force reading of the rules."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dockyard.services.qconnect.resources import quick_response_search
from dockyard.services.qconnect.resources.quick_response_search import Index

WORD = st.text(alphabet="abcde", min_size=1, max_size=6)
DOC = st.builds(lambda name, words: {"name": name, "contents": {"plainText": {"content": " ".join(words)}}},
                WORD, st.lists(WORD, max_size=8))


def _distance(a: str, b: str) -> int:
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        previous, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (ca != cb))
    return row[-1]


def _matches(doc: dict, term: str, op: str, fuzzy: bool) -> bool:
    words = doc["contents"]["plainText"]["content"].split()
    if term in words or (op == "CONTAINS_AND_PREFIX" and any(w.startswith(term) for w in words)):
        return True
    limit = 2 if len(term) >= 8 else 1
    return fuzzy and len(term) >= 4 and any(_distance(term, w) <= limit for w in words)


@settings(max_examples=200, deadline=None)
@given(st.lists(DOC, max_size=12), WORD, st.sampled_from(["CONTAINS", "CONTAINS_AND_PREFIX"]), st.booleans())
def test_content_matches_follow_the_rules(docs: list[dict], term: str, op: str, fuzzy: bool) -> None:
    found = quick_response_search.search(Index(0, docs), {"queries": [
        {"name": "content", "values": [term], "operator": op, "allowFuzziness": fuzzy}]})
    assert sorted(map(id, found)) == sorted(id(d) for d in docs if _matches(d, term, op, fuzzy))
    names = [d["name"].lower() for d in quick_response_search.search(Index(0, docs), {})]
    assert names == sorted(names)
