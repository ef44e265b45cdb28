"""The pure parts of content: text extraction (any bytes read or refused, never a crash), passages,
retrieval filters and highlight offsets, tested directly."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dockyard.services.qconnect.formats import content_text, passages
from dockyard.services.qconnect.formats.content_text import Unreadable
from dockyard.services.qconnect.resources import content_index, retrieval_filters
from dockyard.services.qconnect.resources.content_index import marked
from tests.services.qconnect.documents import DOCX, pdf, word

TYPES = ["text/plain", "text/html", "text/csv", "application/pdf", DOCX, "application/x.wisdom-json;source=zendesk"]


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(TYPES), st.binary(max_size=300) | st.sampled_from([b"%PDF-1.7\n", b"PK\x03\x04", b"{}"]))
def test_any_bytes_give_text_or_unreadable(content_type: str, data: bytes) -> None:
    try:
        text = content_text.extract(content_type, data)
    except Unreadable as exc:
        assert str(exc)
        return
    assert text and text == text.strip()


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=200))
def test_damaged_pdf_and_word_files_are_unreadable(tail: bytes) -> None:
    for content_type, data in (("application/pdf", pdf("Some text.")), (DOCX, word("Title", "Body"))):
        cut = data[: len(data) // 2] + tail
        try:
            content_text.extract(content_type, cut)
        except Unreadable:
            continue


def test_html_text_skips_markup_scripts_and_head() -> None:
    html = (b"<!doctype html><html><head><title>T</title><style>p{}</style></head><body><p>One &amp; two</p>"
            b"<div>Three<br>four</div><script>nope()</script><ul><li>five</li></ul></body></html>")
    assert content_text.extract("text/html", html) == "One & two\n\nThree\n\nfour\n\nfive"


def test_word_text_keeps_paragraphs_and_table_cells_in_order() -> None:
    data = word("Heading", "First paragraph.", table=[["a", "b"], ["c", "d"]])
    assert content_text.extract(DOCX, data) == "Heading\n\nFirst paragraph.\n\na b\nc d"


def test_pdf_pages_become_paragraphs() -> None:
    assert content_text.extract("application/pdf", pdf("Page one.", "Page two.")) == "Page one.\n\nPage two."


def test_wisdom_json_strings_in_document_order() -> None:
    data = b'{"title": "Reset", "body": {"steps": ["Open settings", "Press reset"]}, "views": 3}'
    text = content_text.extract("application/x.wisdom-json;source=salesforce", data)
    assert text == "Reset\n\nOpen settings\n\nPress reset"


def test_a_zip_that_is_not_a_word_file() -> None:
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(Unreadable, match=r"not a Word document \(no word/document.xml\)"):
        content_text.extract(DOCX, out.getvalue())


def test_files_over_the_size_limit_are_refused(monkeypatch) -> None:
    monkeypatch.setattr(content_text, "MAX_BYTES", 10)
    with pytest.raises(Unreadable, match="has 11 bytes; at most 10 bytes can be read"):
        content_text.extract("text/plain", b"x" * 11)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.text(alphabet="abc. ", min_size=1, max_size=40), max_size=30), max_size=20))
def test_passages_keep_every_word_in_order_and_stay_small(paragraphs: list[list[str]]) -> None:
    text = content_text.normalise("\n\n".join(" ".join(p) for p in paragraphs))
    cut = passages.split(text)
    assert [w for p in cut for w in p.split()] == text.split()
    assert all(0 < len(p.split()) <= passages.MAX_WORDS for p in cut)


def test_a_long_paragraph_is_cut_at_sentence_ends() -> None:
    sentence = " ".join(["word"] * 100) + "."
    cut = passages.split(" ".join([sentence] * 3))
    assert [len(p.split()) for p in cut] == [200, 100]


def test_marked_turns_fts_markers_into_offsets() -> None:
    assert marked("a \x02bc\x03 d \x02e\x03") == ("a bc d e", [
        {"beginOffsetInclusive": 2, "endOffsetExclusive": 4}, {"beginOffsetInclusive": 7, "endOffsetExclusive": 8}])
    assert content_index.query_words('Refund "OR" refund NEAR(x)') == ["refund", "or", "near", "x"]


META = {"team": "billing", "year": "2024", "labels": '["a", "b"]', "csv": "x, y"}
FILTERS = [
    ({"equals": {"key": "year", "value": 2024}}, True),
    ({"equals": {"key": "year", "value": "2024.0"}}, False),
    ({"greaterThan": {"key": "year", "value": 2023.5}}, True),
    ({"lessThanOrEquals": {"key": "team", "value": 3}}, False),
    ({"notEquals": {"key": "missing", "value": "x"}}, True),
    ({"equals": {"key": "missing", "value": "x"}}, False),
    ({"in": {"key": "team", "value": ["sales", "billing"]}}, True),
    ({"notIn": {"key": "team", "value": ["billing"]}}, False),
    ({"startsWith": {"key": "team", "value": "bil"}}, True),
    ({"stringContains": {"key": "team", "value": 1}}, False),
    ({"listContains": {"key": "labels", "value": "b"}}, True),
    ({"listContains": {"key": "csv", "value": "y"}}, True),
    ({"andAll": [{"equals": {"key": "team", "value": "billing"}}, {"lessThan": {"key": "year", "value": 2000}}]},
     False),
    ({"orAll": [{"equals": {"key": "team", "value": "x"}}, {"greaterThanOrEquals": {"key": "year", "value": 2024}}]},
     True),
]


@pytest.mark.parametrize(("flt", "passes"), FILTERS)
def test_retrieval_filters(flt: dict, passes: bool) -> None:
    retrieval_filters.check(flt)
    assert retrieval_filters.passes(META, flt) is passes


def test_a_filter_setting_two_members_is_refused() -> None:
    from dockyard.service_kit import AwsError

    with pytest.raises(AwsError, match="sets exactly one"):
        retrieval_filters.check({"equals": {"key": "a", "value": 1}, "in": {"key": "a", "value": [1]}})
