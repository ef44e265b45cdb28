"""Golden tests of the openCypher CSV reader (format=OPEN_CYPHER)."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest

from dockyard.services.neptune_graph.resources.import_pipeline import ImportFailed

from .helpers import load, props, write


def test_nodes_relationships_and_id_spaces(tmp_path: Path) -> None:
    nodes = write(
        tmp_path,
        "movies.csv",
        "movieId:ID(movies),:LABEL,title,year:Int,rating:Float,tags:String[]\n"
        'tt1,Movie;Film,Alien,1979,8.5,"scifi;horror"\n',
    )
    people = write(tmp_path, "people.csv", ":ID(people),:LABEL,name\np1,Person,Sigourney\ntt1,Person,Clash\n")
    rels = write(
        tmp_path,
        "acted.csv",
        ":START_ID(people),:END_ID(movies),:TYPE,role,:ID\np1,tt1,ACTED_IN,Ripley,ignored\n",
    )
    store, result = load([nodes, people, rels], "OPEN_CYPHER")
    assert result.errorCount == 0
    assert props(store, "movies:tt1") == {
        "movieId": [("String", "tt1")],
        "title": [("String", "Alien")],
        "year": [("Int", 1979)],
        "rating": [("Float", 8.5)],
        "tags": [("String", "horror"), ("String", "scifi")],
    }
    assert store.view().get_vertex("movies:tt1").labels == ("Film", "Movie")
    assert store.view().get_vertex("people:tt1").labels == ("Person",)  # same raw id, other space
    (edge,) = store.view().out_edges("people:p1")
    assert (edge.to_id, edge.label, edge.properties["role"].value) == ("movies:tt1", "ACTED_IN", "Ripley")
    assert edge.id.startswith("neptune_reserved_")
    assert store.view().num_vertices == 3


def test_types_and_verbatim_string_types(tmp_path: Path) -> None:
    f = write(
        tmp_path,
        "n.csv",
        ":ID,b:Boolean,c:Char,d:Date,ld:LocalDate,ldt:LocalDateTime,du:Duration,p:Point,t:DateTime,x:DOUBLE\n"
        'n,true,z,2020-01-01,2020-01-02,2020-01-02T03:04,P1D,"point({x:1, y:2})",2020-01-02T03:04:05Z,Infinity\n',
    )
    store, _ = load([f], "OPEN_CYPHER")
    got = props(store, "n")
    assert got["b"] == [("Bool", True)]
    for key, text in {
        "c": "z",
        "d": "2020-01-01",
        "ld": "2020-01-02",
        "ldt": "2020-01-02T03:04",
        "du": "P1D",
        "p": "point({x:1, y:2})",
    }.items():
        assert got[key] == [("String", text)]
    assert got["t"] == [("Datetime", dt.datetime(2020, 1, 2, 3, 4, 5, tzinfo=dt.UTC))]
    assert got["x"] == [("Double", math.inf)]


@pytest.mark.parametrize("value", ["INF", "-INF", "inf"])
def test_inf_token_rejected(tmp_path: Path, value: str) -> None:
    f = write(tmp_path, "n.csv", f":ID,x:Double\nn,{value}\n")
    with pytest.raises(
        ImportFailed, match=rf"n.csv line 2: value '{value}' of column 'x:Double' is not a valid Double"
    ):
        load([f], "OPEN_CYPHER")


def test_datetime_with_space_is_rejected(tmp_path: Path) -> None:
    f = write(tmp_path, "n.csv", ":ID,t:DateTime\nn,2000-01-02 03:04:05\nm,2000-01-02\n")
    store, result = load([f], "OPEN_CYPHER", fail_on_error=False)
    assert result.errorCount == 1 and "line 2" in result.errorDetails
    assert props(store, "m") == {"t": [("Datetime", dt.datetime(2000, 1, 2, tzinfo=dt.UTC))]}


@pytest.mark.parametrize(
    ("header", "reason"),
    [
        (":ID,:LABEL,:START_ID,:END_ID,:TYPE", "cannot mix"),
        (":START_ID,:TYPE", "both :START_ID and :END_ID"),
        (":START_ID,:END_ID", "needs a :TYPE"),
        ("name,age:Int", "neither :ID"),
        (":ID,:TYPE", "cannot have a :TYPE"),
        (":ID,x:Widget", "unknown type"),
        (":START_ID,:END_ID,:TYPE,w:Int[]", "cannot be an array"),
        (":ID,:ID", "appears twice"),
        ("x:ID,x", "appears twice"),
    ],
)
def test_header_errors(tmp_path: Path, header: str, reason: str) -> None:
    f = write(tmp_path, "h.csv", header + "\n1,2,3,4,5\n")
    with pytest.raises(ImportFailed, match=reason):
        load([f], "OPEN_CYPHER")


def test_relationship_record_errors(tmp_path: Path) -> None:
    f = write(tmp_path, "r.csv", ":START_ID,:END_ID,:TYPE,w:Int\na,b,T,1\n,b,T,1\na,b,,1\na,b,T,x\n")
    store, result = load([f], "OPEN_CYPHER", fail_on_error=False)
    assert result.errorDetails.splitlines() == [
        "r.csv line 3: missing :START_ID value",
        "r.csv line 4: edge has no :TYPE value",
        "r.csv line 5: value 'x' of column 'w:Int' is not a valid Int",
    ]
    assert store.view().num_edges == 1
