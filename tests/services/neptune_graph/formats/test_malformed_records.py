"""A malformed record costs that record, reported — never the rest of the file, never silently.

A quoted value never closed (RFC 4180 lets a quoted value span lines, so it would swallow every line
after it) and a cell that is not UTF-8.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dockyard.services.neptune_graph.resources.import_pipeline import ImportFailed

from .helpers import load, props, write

UNCLOSED = "~id,~label,name:String,age:Int\n1,person,\"ann,30\n2,person,bob,41\n"


def _ids(store) -> list[str]:
    return sorted(v.id for v in store.view().iter_vertices())


@pytest.mark.parametrize("gz", [False, True])
def test_an_unclosed_quote_fails_the_task_naming_file_and_line(tmp_path: Path, gz: bool) -> None:
    path = write(tmp_path, "people.csv", UNCLOSED, gz=gz)
    with pytest.raises(ImportFailed) as err:
        load([path])
    assert str(err.value).startswith("people.csv line 2: a quoted value opens on this line and is never closed")


def test_an_unclosed_quote_costs_one_record_without_fail_on_error(tmp_path: Path) -> None:
    store, result = load([write(tmp_path, "people.csv", UNCLOSED)], fail_on_error=False)
    assert _ids(store) == ["2"]
    assert props(store, "2") == {"name": [("String", "bob")], "age": [("Int", 41)]}
    assert result.errorCount == 1
    assert result.errorDetails.startswith("people.csv line 2: a quoted value opens on this line")


def test_row_2_of_49_opening_a_quote_loses_only_that_row(tmp_path: Path) -> None:
    rows = [f"{i},person,name{i},{i}" for i in range(1, 50)]
    rows[1] = '2,person,"name2,2'
    text = "~id,~label,name:String,age:Int\n" + "\n".join(rows) + "\n"
    with pytest.raises(ImportFailed, match=r"people\.csv line 3: a quoted value"):
        load([write(tmp_path, "people.csv", text)])
    store, result = load([write(tmp_path, "people.csv", text)], fail_on_error=False)
    assert _ids(store) == sorted(str(i) for i in range(1, 50) if i != 2)
    assert result.errorCount == 1


def test_lines_after_a_skipped_record_keep_their_numbers(tmp_path: Path) -> None:
    text = (
        "~id,~label,note:String,age:Int\n"
        '1,p,"x\n'  # line 2: a multi-line record starts ...
        'y",5\n'  # line 3: ... and closes; fine
        "2,p,,notanint\n"  # line 4: a bad value
        '3,p,"7\n'  # line 5: a quote never closed
        "4,p,,8\n"  # line 6
        "5,p,,bad\n"  # line 7: a bad value after the skipped record
        "6,p,1,2,3\n"  # line 8: too many fields
        "7,p,,10\n"  # line 9
    )
    store, result = load([write(tmp_path, "v.csv", text)], fail_on_error=False)
    assert _ids(store) == ["1", "4", "7"]
    lines = sorted(int(d.split(" line ")[1].split(":")[0]) for d in result.errorDetails.splitlines())
    assert lines == [4, 5, 7, 8]
    assert result.errorCount == 4


def test_two_quotes_never_closed_cost_two_records(tmp_path: Path) -> None:
    text = '~id,~label,a:String,b:String\n1,p,"x,y\n2,p,u,v\n3,p,"z,w\n4,p,"""q""",r\n5,p,"open\n6,p,s,t\n'
    store, result = load([write(tmp_path, "v.csv", text)], fail_on_error=False)
    # line 2's quote closes at line 4's first quote (RFC 4180: a value may span lines); line 6's never does
    assert "6" in _ids(store) and "5" not in _ids(store)
    assert "v.csv line 6: a quoted value opens on this line" in result.errorDetails


def test_a_quote_opened_on_a_later_line_of_a_record_is_named(tmp_path: Path) -> None:
    text = '~id,~label,a:String,b:String\n1,p,"two\nlines","never closed\n2,p,x,y\n'
    with pytest.raises(ImportFailed, match=r"v\.csv line 3: a quoted value"):
        load([write(tmp_path, "v.csv", text)])
    store, _ = load([write(tmp_path, "v.csv", text)], fail_on_error=False)
    assert _ids(store) == ["2"]


def test_a_stray_quote_inside_an_unquoted_value_is_literal(tmp_path: Path) -> None:
    store, result = load([write(tmp_path, "v.csv", '~id,~label,height:String\n1,p,5\'11"\n2,p,6\n')])
    assert result.errorCount == 0 and _ids(store) == ["1", "2"]
    assert props(store, "1") == {"height": [("String", "5'11\"")]}


def test_opencypher_csv_unclosed_quote(tmp_path: Path) -> None:
    text = ':ID,:LABEL,name\nn1,Person,"ann\nn2,Person,bob\n'
    with pytest.raises(ImportFailed, match=r"nodes\.csv line 2: a quoted value"):
        load([write(tmp_path, "nodes.csv", text)], "OPEN_CYPHER")
    store, result = load([write(tmp_path, "nodes.csv", text)], "OPEN_CYPHER", fail_on_error=False)
    assert _ids(store) == ["n2"] and result.errorCount == 1


def test_an_unclosed_quote_in_the_header_rejects_the_file(tmp_path: Path) -> None:
    with pytest.raises(ImportFailed, match=r"h\.csv line 1: a quoted value"):
        load([write(tmp_path, "h.csv", '~id,"~label\n1,p\n')])


# -- a cell that is not UTF-8 --------------------------------------------------------------------
NOT_UTF8_CSV = b"~id,~label,name:String\n1,p,ann\n2,p,b\xffb\n3,p,cy\n"


def test_a_cell_not_utf8_rejects_only_its_record(tmp_path: Path) -> None:
    store, result = load([write(tmp_path, "u.csv", NOT_UTF8_CSV)], fail_on_error=False)
    assert _ids(store) == ["1", "3"]
    assert result.errorCount == 1
    assert result.errorDetails == "u.csv line 3: the record is not valid UTF-8 text"
    with pytest.raises(ImportFailed, match=r"u\.csv line 3: the record is not valid UTF-8 text"):
        load([write(tmp_path, "u.csv", NOT_UTF8_CSV)])


def test_a_short_record_not_utf8_is_rejected_too(tmp_path: Path) -> None:
    text = b"~id,~label,name:String,age:Int\n1,p,ann,1\n2,p,b\xffb\n3,p\n"  # rows 3 and 4 have fewer fields
    store, result = load([write(tmp_path, "u.csv", text)], fail_on_error=False)
    assert _ids(store) == ["1", "3"]
    assert result.errorDetails == "u.csv line 3: the record is not valid UTF-8 text"


def test_opencypher_cell_not_utf8(tmp_path: Path) -> None:
    text = b":ID,:LABEL,name\nn1,P,a\xc3\nn2,P,b\n"
    store, result = load([write(tmp_path, "n.csv", text, gz=True)], "OPEN_CYPHER", fail_on_error=False)
    assert _ids(store) == ["n2"] and result.errorCount == 1


# -- N-Triples: one statement per line -----------------------------------------------------------
def _nt(*objects: bytes) -> bytes:
    return b"".join(b"<http://a/%d> <http://p/n> %s .\n" % (i, o) for i, o in enumerate(objects, start=1))


@pytest.mark.parametrize(
    ("bad", "reason"),
    [(b'"b\xffb"', "the statement is not valid UTF-8 text"), (b'"bob', "a string literal opens on this line")],
)
def test_ntriples_bad_line_costs_one_statement(tmp_path: Path, bad: bytes, reason: str) -> None:
    path = write(tmp_path, "d.nt", _nt(b'"ann"', bad, b'"cy \\" q"', b'"dee"'))
    store, result = load([path], "NTRIPLES", fail_on_error=False)
    assert _ids(store) == ["<http://a/1>", "<http://a/3>", "<http://a/4>"]
    assert result.errorCount == 1
    assert result.errorDetails.startswith(f"d.nt line 2: {reason}")
    with pytest.raises(ImportFailed, match=r"d\.nt line 2: "):
        load([path], "NTRIPLES")


def test_ntriples_comment_with_a_quote_is_no_error(tmp_path: Path) -> None:
    path = write(tmp_path, "d.nt", b'# it"s a comment\n' + _nt(b'"ann"'))
    store, result = load([path], "NTRIPLES", fail_on_error=False)
    assert result.errorCount == 0 and _ids(store) == ["<http://a/1>"]


# -- Parquet: a string that is not UTF-8 ---------------------------------------------------------
def test_parquet_string_not_utf8_rejects_only_its_row(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    names = pa.array([b"a", b"b\xff", b"c"], pa.binary()).view(pa.string())  # written as is, unchecked
    pq.write_table(pa.table({"~id": ["1", "2", "3"], "~label": ["p", "p", "p"], "name:String": names}),
                   tmp_path / "v.parquet")
    store, result = load([tmp_path / "v.parquet"], "PARQUET", fail_on_error=False)
    assert _ids(store) == ["1", "3"]
    assert result.errorDetails == "v.parquet row 2: the row holds a string that is not valid UTF-8"
