"""The resource-policy document reader and its statement edits, directly."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dockyard.services.lexv2_models.formats.policy_document import (
    PolicyDocumentError,
    read_policy,
    statement_ids,
    with_statement,
    without_statement,
    write_policy,
)

ALLOW = {"Sid": "a", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
         "Action": "lex:RecognizeText", "Resource": "arn:aws:lex:us-east-1:123456789012:bot/ABCDEFGHIJ"}


def test_a_policy_reads_as_written() -> None:
    text = json.dumps({"Version": "2012-10-17", "Id": "p", "Statement": ALLOW})
    doc = read_policy(text)
    assert statement_ids(doc) == ["a"]
    assert read_policy(write_policy(doc)) == doc


def test_statement_edits() -> None:
    doc = with_statement(None, ALLOW)
    assert doc == {"Version": "2012-10-17", "Statement": [ALLOW]}
    doc = with_statement(doc, {**ALLOW, "Sid": "b"})
    assert statement_ids(doc) == ["a", "b"]
    assert statement_ids(without_statement(doc, "a") or {}) == ["b"]
    assert without_statement({"Statement": ALLOW}, "a") is None


@pytest.mark.parametrize(("text", "says"), [
    ("{", "not valid JSON"),
    ('"text"', "JSON object"),
    ('{"Statement": [], "Extra": 1}', "unsupported element(s) Extra"),
    ('{"Statement": []}', "at least one statement"),
    ('{"Version": "1", "Statement": {}}', "Version must be one of"),
    ('{"Statement": [1]}', "Statement 1 must be a JSON object"),
    ('{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "lex:*", "Bogus": 1}]}', "Bogus"),
    ('{"Statement": [{"Effect": "Allow", "Principal": "*", "NotPrincipal": "*", "Action": "lex:*"}]}',
     "exactly one of Principal and NotPrincipal"),
    ('{"Statement": [{"Effect": "Allow", "Principal": {"Nobody": "x"}, "Action": "lex:*"}]}',
     "principal element Nobody"),
    ('{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": []}]}', "exactly one of Action"),
    ('{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "lex:*", "Condition": []}]}',
     "Condition must be a JSON object"),
    ('{"Statement": [{"Sid": "x", "Effect": "Allow", "Principal": "*", "Action": "lex:*"},'
     ' {"Sid": "x", "Effect": "Allow", "Principal": "*", "Action": "lex:*"}]}', "Sid x"),
    ("[" * 100_000, "nested too deeply"),
])
def test_what_is_refused(text: str, says: str) -> None:
    with pytest.raises(PolicyDocumentError) as info:
        read_policy(text)
    assert says in str(info.value)


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=8),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
                    max_leaves=12)


@given(st.one_of(st.text(max_size=60), JSON.map(json.dumps)))
def test_any_text_is_read_or_refused_with_a_reason(text: str) -> None:
    try:
        doc = read_policy(text)
    except PolicyDocumentError as err:
        assert str(err)
    else:
        assert read_policy(write_policy(doc)) == doc


@given(st.lists(st.sampled_from(["a", "b", "c", "d"]), min_size=1, max_size=6, unique=True))
def test_statements_added_then_removed(sids: list[str]) -> None:
    doc = None
    for sid in sids:
        doc = with_statement(doc, {**ALLOW, "Sid": sid})
        assert read_policy(write_policy(doc)) == doc
    for sid in sids:
        assert doc is not None
        doc = without_statement(doc, sid)
    assert doc is None
