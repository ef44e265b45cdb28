"""Golden tests of the Gremlin CSV reader (format=CSV): headers, types, arrays, errors."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest

from dockyard.services.neptune_graph.resources.import_pipeline import ImportFailed

from .helpers import load, props, write


def test_typed_headers_case_insensitive_and_quoted(tmp_path: Path) -> None:
    f = write(
        tmp_path,
        "v.csv",
        '"~id","~label","b:bool","y:BYTE","s:Short","i:int","l:Long","f:Float","d:DOUBLE","t:String","dt:Date",'
        '"ts:DateTime","u"\n'
        "a,L,TRUE,-128,32767,2147483647,9223372036854775807,1.5,-2.25,hello,2020-01-02,2020-01-02T03:04:05Z,x\n",
    )
    store, result = load([f])
    assert props(store, "a") == {
        "b": [("Bool", True)],
        "y": [("Byte", -128)],
        "s": [("Short", 32767)],
        "i": [("Int", 2147483647)],
        "l": [("Long", 9223372036854775807)],
        "f": [("Float", 1.5)],
        "d": [("Double", -2.25)],
        "t": [("String", "hello")],
        "dt": [("Date", dt.date(2020, 1, 2))],
        "ts": [("Datetime", dt.datetime(2020, 1, 2, 3, 4, 5, tzinfo=dt.UTC))],
        "u": [("String", "x")],
    }
    assert result.statementCount == 12


def test_bool_any_other_value_is_false(tmp_path: Path) -> None:
    f = write(tmp_path, "v.csv", "~id,b:Boolean\na,yes\nb,True\n")
    store, _ = load([f])
    assert props(store, "a") == {"b": [("Bool", False)]}
    assert props(store, "b") == {"b": [("Bool", True)]}


@pytest.mark.parametrize(
    ("header", "value", "type_name"),
    [
        ("runways:int", "abc", "Int"),
        ("x:Byte", "128", "Byte"),
        ("x:Byte", "-129", "Byte"),
        ("x:Short", "32768", "Short"),
        ("x:Int", "2147483648", "Int"),
        ("x:Long", "9223372036854775808", "Long"),
        ("x:Int", "1.0", "Int"),
        ("x:Double", "1,5", "Double"),
        ("x:Double", "inf", "Double"),
        ("x:Float", "1e39", "Float"),
        ("x:Date", "2020-02-30", "Date"),
        ("x:Date", "2020-01-02T00:00:00Z", "Date"),
        ("x:Datetime", "2020-01-02 03:04:05", "Datetime"),
        ("x:Datetime", "yesterday", "Datetime"),
    ],
)
def test_invalid_values_name_file_line_column(tmp_path: Path, header: str, value: str, type_name: str) -> None:
    quoted = f'"{value}"' if "," in value else value
    f = write(tmp_path, "air.csv", f"~id,{header}\nok,\nbad,{quoted}\n")
    with pytest.raises(ImportFailed) as info:
        load([f])
    assert info.value.reason.startswith(
        f"air.csv line 3: value '{value}' of column '{header}' is not a valid {type_name}"
    )
    store, result = load([f], fail_on_error=False)
    assert result.errorCount == 1 and store.is_empty()


def test_floats_special_tokens(tmp_path: Path) -> None:
    f = write(tmp_path, "v.csv", "~id,d:Double\na,INF\nb,-INF\nc,Infinity\nd,-Infinity\ne,NaN\nf,1e3\n")
    store, _ = load([f])
    values = {v.id: v.properties["d"][0].value for v in store.view().iter_vertices()}
    assert values["a"] == math.inf and values["b"] == -math.inf and values["c"] == math.inf
    assert values["d"] == -math.inf and math.isnan(values["e"]) and values["f"] == 1000.0


def test_datetime_formats(tmp_path: Path) -> None:
    rows = [
        "2020-01-02",
        "2020-01-02T03:04",
        "2020-01-02T03:04:05",
        "2020-01-02T03:04:05Z",
        "2020-01-02T03:04:05.678Z",
        "2020-01-02T03:04:05+0100",
        "2020-01-02T03:04:05.678-0130",
    ]
    f = write(tmp_path, "v.csv", "~id,t:Datetime\n" + "".join(f"v{i},{r}\n" for i, r in enumerate(rows)))
    store, result = load([f])
    got = {v.id: v.properties["t"][0].value for v in store.view().iter_vertices()}
    utc = dt.UTC
    assert got["v0"] == dt.datetime(2020, 1, 2, tzinfo=utc)
    assert got["v1"] == dt.datetime(2020, 1, 2, 3, 4, tzinfo=utc)
    assert got["v4"] == dt.datetime(2020, 1, 2, 3, 4, 5, 678000, tzinfo=utc)
    assert got["v5"] == dt.datetime(2020, 1, 2, 2, 4, 5, tzinfo=utc)
    assert got["v6"] == dt.datetime(2020, 1, 2, 4, 34, 5, 678000, tzinfo=utc)
    assert result.errorCount == 0


def test_date_with_offset(tmp_path: Path) -> None:
    store, _ = load([write(tmp_path, "v.csv", "~id,d:Date\na,2020-01-02+0100\n")])
    assert props(store, "a") == {"d": [("Date", dt.date(2020, 1, 2))]}


def test_arrays_escaped_semicolons_and_set_merge(tmp_path: Path) -> None:
    f1 = write(tmp_path, "a.csv", '~id,~label,tags:String[],n:Int[]\nx,A;B,"a; b\\;c; ;a",1;2;2\n')
    f2 = write(tmp_path, "b.csv", "~id,~label,tags:String,n:Int\nx,C,d,3\nx,A,a,1\n")
    store, result = load([f1, f2])
    assert props(store, "x") == {
        "tags": [("String", "a"), ("String", "b;c"), ("String", "d")],
        "n": [("Int", 1), ("Int", 2), ("Int", 3)],
    }
    assert store.view().get_vertex("x").labels == ("A", "B", "C")
    assert result.statementCount == 3 + 3 + 3


def test_int_and_long_of_same_number_are_distinct(tmp_path: Path) -> None:
    f1 = write(tmp_path, "a.csv", "~id,n:Int\nx,1\n")
    f2 = write(tmp_path, "b.csv", "~id,n:Long\nx,1\n")
    store, result = load([f1, f2])
    assert props(store, "x") == {"n": [("Int", 1), ("Long", 1)]}
    assert result.statementCount == 2


def test_single_cardinality(tmp_path: Path) -> None:
    f = write(tmp_path, "v.csv", "~id,name:String(single),age:Int(set)\na,x,1\na,x,2\na,y,3\nb,z,\n")
    with pytest.raises(ImportFailed, match=r"v.csv line 4: property 'name' has single cardinality"):
        load([f])
    store, result = load([f], fail_on_error=False)
    assert result.errorCount == 1
    assert props(store, "a") == {"name": [("String", "x")], "age": [("Int", 1), ("Int", 2)]}


def test_single_cardinality_across_files(tmp_path: Path) -> None:
    f1 = write(tmp_path, "a.csv", "~id,name:String\na,x\n")
    f2 = write(tmp_path, "b.csv", "~id,name:String(single)\na,y\n")
    with pytest.raises(ImportFailed, match=r"b\.csv line 2"):
        load([f1, f2])


def test_escaped_colon_in_property_name_and_empty_fields(tmp_path: Path) -> None:
    f = write(tmp_path, "v.csv", "~id,a\\:b:Int,c\nv,5,\n")
    store, _ = load([f])
    assert props(store, "v") == {"a:b": [("Int", 5)]}


def test_id_only_rows_ignored_unless_referenced(tmp_path: Path) -> None:
    v = write(tmp_path, "v.csv", "~id,~label,p\nonly,,\nref,,\nfull,L,\n")
    e = write(tmp_path, "e.csv", "~from,~to,~label\nref,ghost,knows\n")
    store, result = load([v, e])
    assert sorted(store.view().vertex_ids().to_pylist()) == ["full", "ghost", "ref"]
    assert store.view().get_vertex("ghost") == ("ghost", (), {})
    assert result.counts["vertices"] == 3


def test_edges_duplicate_when_loaded_twice_and_ids_ignored(tmp_path: Path) -> None:
    e1 = write(tmp_path, "e1.csv", "~id,~label,~from,~to,w:Double\nE,r,a,b,0.5\n")
    e2 = write(tmp_path, "e2.csv", "~id,~label,~from,~to,w:Double\nE,r,a,b,0.5\n")
    store, _ = load([e1, e2])
    edges = list(store.view().iter_edges())
    assert len(edges) == 2 and len({e.id for e in edges}) == 2
    assert all(e.id.startswith("neptune_reserved_") for e in edges)


@pytest.mark.parametrize(
    ("header", "reason"),
    [
        ("name,age", "neither ~id"),
        ("~from,~label", "both ~from and ~to"),
        ("~from,~to", "needs a ~label"),
        ("~from,~to,~label,w:Int[]", "cannot be an array"),
        ("~id,x:Widget", "unknown type 'Widget'"),
        ("~id,~id", "appears twice"),
        ("~id,~weird", "unknown system column"),
        ("~id,a:Int(single)[]", "invalid type"),
        ("~id,a:String[](single)", "array type cannot have single"),
        ("~id,a:Int,a:Long", "appears twice"),
        ("~id,:Int", "no property name"),
    ],
)
def test_header_errors(tmp_path: Path, header: str, reason: str) -> None:
    f = write(tmp_path, "h.csv", header + "\n1,2,3,4\n")
    with pytest.raises(ImportFailed, match=reason):
        load([f])


def test_bad_header_file_skipped_without_fail_on_error(tmp_path: Path) -> None:
    bad = write(tmp_path, "bad.csv", "name,age\nx,1\n")
    good = write(tmp_path, "good.csv", "~id,~label\nv,L\n")
    store, result = load([bad, good], fail_on_error=False)
    assert result.errorCount == 1 and "bad.csv line 1:" in result.errorDetails
    assert store.view().num_vertices == 1


def test_edge_errors(tmp_path: Path) -> None:
    e = write(tmp_path, "e.csv", "~from,~to,~label,w:Int\na,b,r,1\n,b,r,1\na,,r,1\na,b,,1\na,b,x;y,1\na,b,r,zz\n")
    store, result = load([e], fail_on_error=False)
    assert result.errorCount == 5
    details = result.errorDetails.splitlines()
    assert details[0] == "e.csv line 3: missing ~from value"
    assert details[1] == "e.csv line 4: missing ~to value"
    assert details[2] == "e.csv line 5: edge has no ~label value"
    assert details[3] == "e.csv line 6: edge ~label 'x;y' must be a single label"
    assert details[4] == "e.csv line 7: value 'zz' of column 'w:Int' is not a valid Int"
    assert store.view().num_edges == 1


def test_line_numbers_with_multiline_quoted_fields_and_blank_lines(tmp_path: Path) -> None:
    text = '~id,note,n:Int\na,"line1\nline2\nline3",1\n\nb,"x",2\nc,"multi\nline",bad\n'
    store, result = load([write(tmp_path, "v.csv", text)], fail_on_error=False)
    assert result.errorDetails == "v.csv line 7: value 'bad' of column 'n:Int' is not a valid Int"
    assert props(store, "a") == {"note": [("String", "line1\nline2\nline3")], "n": [("Int", 1)]}


def test_line_numbers_after_odd_rows(tmp_path: Path) -> None:
    text = "~id,n:Int\na,1,extra\nb,2\nc,x\n"
    _, result = load([write(tmp_path, "v.csv", text)], fail_on_error=False)
    assert result.errorDetails.splitlines() == [
        "v.csv line 4: value 'x' of column 'n:Int' is not a valid Int",
        "v.csv line 2: record has 3 fields but the header has 2",
    ]


def test_any_type(tmp_path: Path) -> None:
    text = (
        "~id,a:Any\n"
        'v,"{""value"": ""10"", ""type"": ""Int""};{""value"": ""1.0"", ""type"": ""Float""}"\n'
        'w,"{""value"": ""x"", ""type"": ""Nope""}"\n'
        'z,"{""value"": ""abc"", ""type"": ""Int""}"\n'
    )
    store, result = load([write(tmp_path, "v.csv", text)], fail_on_error=False)
    assert props(store, "v") == {"a": [("Float", 1.0), ("Int", 10)]}
    assert result.errorCount == 2
    assert "line 3" in result.errorDetails and "unknown type 'Nope'" in result.errorDetails
    assert "line 4: value 'abc' of column 'a:Any' is not a valid Int" in result.errorDetails


def test_gzip_detected_by_magic(tmp_path: Path) -> None:
    f = write(tmp_path, "v.data", "~id,~label,n:Int\na,L,1\n", gz=True)
    store, _ = load([f])
    assert props(store, "a") == {"n": [("Int", 1)]}


def test_utf8_bom_and_crlf(tmp_path: Path) -> None:
    f = write(tmp_path, "v.csv", '\ufeff~id,name\r\nα,ü\r\nβ,"x\r\ny"\r\n'.encode())
    store, _ = load([f])
    assert props(store, "α") == {"name": [("String", "ü")]}
    assert props(store, "β") == {"name": [("String", "x\r\ny")]}
