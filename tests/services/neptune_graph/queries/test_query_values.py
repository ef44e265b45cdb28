"""Golden tests through boto3 (both front doors): the result JSON of every value type, Neptune's functions
as its documentation shows them, datetime properties, and the error reason of each refused construct."""

from __future__ import annotations

import pytest

from tests.services.neptune_graph.queries.query_helpers import loaded_graph, query

VERTICES = (
    b"~id,~label,name:String,age:Int,score:Double,born:Date,seen:Datetime,tags:String[]\n"
    b"alice,Person,Alice,30,1.5,1994-02-03,2024-04-01T23:59:59Z,a;b\n"
    b"bob,Person,Bob,25,,,2024-04-02T10:00:00.5+02:00,c\n"
)
EDGES = b"~id,~from,~to,~label,since:Int\ne1,alice,bob,KNOWS,2010\n"


@pytest.fixture
def loaded(aws):
    return loaded_graph(aws, VERTICES, EDGES)


def reason_of(client, graph_id, text):
    with pytest.raises(client.exceptions.ValidationException) as err:
        query(client, graph_id, text)
    return err.value.response["reason"], err.value.response["Error"]["Message"]


def test_scalar_values(loaded):
    client, graph_id = loaded
    rows = query(client, graph_id,
                 "RETURN null AS n, true AS b, -7 AS i, 9223372036854775807 AS big, 1.5 AS f, 2.0 AS whole, "
                 "0.0/0 AS nan, 1.0/0 AS inf, -1.0/0 AS ninf, 'é\"x' AS s, [1, 'a', null, [2.5]] AS l, "
                 "{a: 1, b: [true], c: {d: null}} AS m, datetime('2024-04-01T23:59:59Z') AS dt, "
                 "datetime('2024-04-01T23:59:59.1234+05:30') AS dtz, date('2024-04-01') AS d")  # fmt: skip
    assert rows == [{
        "n": None, "b": True, "i": -7, "big": 9223372036854775807, "f": 1.5, "whole": 2.0,
        "nan": "NaN", "inf": "Infinity", "ninf": "-Infinity", "s": 'é"x', "l": [1, "a", None, [2.5]],
        "m": {"a": 1, "b": [True], "c": {"d": None}}, "dt": "2024-04-01T23:59:59.000Z",
        "dtz": "2024-04-01T18:29:59.123Z", "d": "2024-04-01T00:00:00.000Z",
    }]  # fmt: skip
    assert isinstance(rows[0]["whole"], float)


def test_values_inside_lists_and_maps_without_non_finite_floats(loaded):
    """Temporals and graph values nested in lists and maps, in a payload with no NaN or infinity."""
    client, graph_id = loaded
    rows = query(client, graph_id, "MATCH (a:Person {name: 'Bob'}) RETURN [datetime('2024-04-01T23:59:59Z'), "
                 "date('2024-04-01')] AS l, {d: a.seen, n: [a.age, 1.5]} AS m, a.born AS none")  # fmt: skip
    assert rows == [{"l": ["2024-04-01T23:59:59.000Z", "2024-04-01T00:00:00.000Z"],
                     "m": {"d": "2024-04-02T08:00:00.500Z", "n": [25, 1.5]}, "none": None}]  # fmt: skip


def test_graph_values(loaded):
    client, graph_id = loaded
    rows = query(client, graph_id, "MATCH p = (a:Person {name: 'Alice'})-[r:KNOWS]->(b) RETURN a, r, p, [a, r] AS l")
    alice = {"~id": "alice", "~entityType": "node", "~labels": ["Person"],
             "~properties": {"name": "Alice", "age": 30, "score": 1.5, "born": "1994-02-03T00:00:00.000Z",
                             "seen": "2024-04-01T23:59:59.000Z", "tags": ["a", "b"]}}  # fmt: skip
    bob = {"~id": "bob", "~entityType": "node", "~labels": ["Person"],
           "~properties": {"name": "Bob", "age": 25, "seen": "2024-04-02T08:00:00.500Z", "tags": "c"}}  # fmt: skip
    rel = {"~id": "neptune_reserved_1_1", "~entityType": "relationship", "~start": "alice", "~end": "bob",
           "~type": "KNOWS", "~properties": {"since": 2010}}  # fmt: skip
    assert rows == [{"a": alice, "r": rel, "p": [alice, rel, bob], "l": [alice, rel]}]


def test_neptune_functions_as_documented(loaded):
    client, graph_id = loaded
    # un-aliased expressions are keyed by their text, as in Neptune's examples
    assert query(client, graph_id, "RETURN textIndexOf('Amazon Neptune', 'e')") == [
        {"textIndexOf('Amazon Neptune', 'e')": 8}
    ]
    assert query(client, graph_id, "RETURN reduce(sum = 0, n IN [1, 2, 3] | sum + n)") == [
        {"reduce(sum = 0, n IN [1, 2, 3] | sum + n)": 6}
    ]
    rows = query(client, graph_id,
                 'RETURN join(["abc", "def", "ghi"], ", ") AS j, collToSet([1, 6, 5, 1, 1, 5]) AS s, '
                 "collSubtract([2, 5, 1, 0], [1, 5]) AS d, collIntersection([2, 5, 1, 0], [1, 5]) AS i, "
                 "collSort([3, 1, 2], {order: 'desc'}) AS cs, "
                 "collSortMaps([{n: 'b'}, {n: 'a'}], {key: 'n', order: 'asc'}) AS cm, "
                 "removeKeyFromMap({`~id`: 'x', name: 'y'}, '~id') AS r, "
                 "day(datetime('2021-06-03T00:00:00+08:00')) AS day, toInteger(2^100) AS sat, "
                 "epochmillis(datetime('2024-04-01T23:59:59Z')) AS ms")  # fmt: skip
    assert rows == [{"j": "abc, def, ghi", "s": [1, 6, 5], "d": [0, 2], "i": [1, 5], "cs": [3, 2, 1],
                     "cm": [{"n": "a"}, {"n": "b"}], "r": {"name": "y"}, "day": 2, "sat": 9223372036854775807,
                     "ms": 1712015999000}]  # fmt: skip
    text = ("MATCH (n:Person) WITH collect(n) AS ps "
            "RETURN [p IN collSortNodes(ps, {key: 'name', order: 'desc'}) | p.name] AS names")
    rows = query(client, graph_id, text)
    assert rows == [{"names": ["Bob", "Alice"]}]


def test_datetime_properties(loaded):
    client, graph_id = loaded
    rows = query(client, graph_id, "MATCH (n:Person) WHERE n.seen > datetime('2024-04-02T00:00:00Z') "
                                   "RETURN n.name AS name, epochmillis(n.seen) AS ms, n.seen AS seen")  # fmt: skip
    assert rows == [{"name": "Bob", "ms": 1712044800500, "seen": "2024-04-02T08:00:00.500Z"}]
    rows = query(client, graph_id, "UNWIND $times AS t RETURN datetime(t) AS d ORDER BY d",
                 parameters={"times": ["2024-01-02T00:00Z", "20240101T1200"]})  # fmt: skip
    assert rows == [{"d": "2024-01-01T12:00:00.000Z"}, {"d": "2024-01-02T00:00:00.000Z"}]
    rows = query(client, graph_id, "MATCH (n:Person {name: 'Alice'}) RETURN year(n.born) AS y, month(n.seen) AS m")
    assert rows == [{"y": 1994, "m": 4}]
    rows = query(client, graph_id, "RETURN datetime() AS a, datetime() AS b, timestamp() AS t")
    assert rows[0]["a"] == rows[0]["b"] and rows[0]["a"].endswith("Z") and isinstance(rows[0]["t"], int)


@pytest.mark.parametrize(
    ("text", "reason", "words"),
    [
        ("RETURN duration('P1D') AS d", "UNSUPPORTED_OPERATION", "not supported"),
        ("RETURN localdatetime() AS d", "UNSUPPORTED_OPERATION", "not supported"),
        ("RETURN datetime({year: 2024}) AS d", "UNSUPPORTED_OPERATION", "ISO-8601"),
        ("RETURN datetime() + 1 AS d", "UNSUPPORTED_OPERATION", "temporal"),
        ("RETURN reduce(s = 0, x IN [1] | s - x) AS r", "UNSUPPORTED_OPERATION", "add or multiply"),
        ("WITH {k: 1} AS m RETURN m['k'] AS v", "UNSUPPORTED_OPERATION", "dynamic property access"),
        ("RETURN [1, 2] < [1, 3] AS v", "UNSUPPORTED_OPERATION", "list, a map or a path"),
        ("RETURN 9223372036854775807 + 1 AS v", "BAD_REQUEST", "long overflow"),
        ("RETURN toInteger([1]) AS v", "BAD_REQUEST", "toInteger"),
        ("RETURN datetime('2024-13-01T00:00Z') AS v", "BAD_REQUEST", "Invalid date/time format"),
        ("RETURN textIndexOf('abc', 'a', 9) AS v", "BAD_REQUEST", "invalid range"),
        ("RETURN collSort([1], {order: 'sideways'}) AS v", "BAD_REQUEST", "order must be"),
        ("RETURN noSuchFunction(1) AS v", "MALFORMED_QUERY", "Unknown function"),  # compile time
        ("RETURN 1 / 0 AS v", "BAD_REQUEST", "/ by zero"),
    ],
)
def test_refused_values(loaded, text, reason, words):
    client, graph_id = loaded
    got_reason, message = reason_of(client, graph_id, text)
    assert (got_reason, words.lower() in message.lower()) == (reason, True), message
