"""ExecuteQuery through boto3 in both front doors: results payload, pg_schema, error reasons."""

from __future__ import annotations

import pytest

from tests.services.neptune_graph.queries.query_helpers import loaded_graph, query

VERTICES = b"~id,~label,name:String,age:Int\nalice,Person,Alice,30\nbob,Person,Bob,25\nacme,Company,Acme,\n"
EDGES = b"~id,~from,~to,~label,since:Int\ne1,alice,bob,KNOWS,2010\ne2,bob,acme,WORKS_AT,2020\n"


@pytest.fixture
def loaded(aws):
    return loaded_graph(aws, VERTICES, EDGES)


def test_execute_query_end_to_end(loaded):
    client, graph_id = loaded
    rows = query(client, graph_id, "MATCH (a:Person)-[r:KNOWS]->(b) WHERE a.age > $min RETURN a, r, b.name AS n",
                 parameters={"min": 20})  # fmt: skip
    assert rows == [
        {
            "a": {"~id": "alice", "~entityType": "node", "~labels": ["Person"],
                  "~properties": {"name": "Alice", "age": 30}},
            "r": {"~id": "neptune_reserved_1_1", "~entityType": "relationship", "~start": "alice", "~end": "bob",
                  "~type": "KNOWS", "~properties": {"since": 2010}},
            "n": "Bob",
        }
    ]  # fmt: skip
    assert query(client, graph_id, "MATCH (n) RETURN count(*) AS c") == [{"c": 3}]

    schema = query(client, graph_id, "CALL neptune.graph.pg_schema()")[0]["schema"]
    assert {"~from": "Person", "~type": "KNOWS", "~to": "Person"} in schema["labelTriples"]
    assert schema["nodeLabelDetails"]["Person"]["properties"]["age"] == {"datatypes": ["Integer"]}
    assert schema["edgeLabelDetails"]["WORKS_AT"]["properties"]["since"] == {"datatypes": ["Integer"]}


def test_errors(loaded):
    client, graph_id = loaded
    with pytest.raises(client.exceptions.ValidationException) as err:
        query(client, graph_id, "MATCH (n RETURN n")
    assert err.value.response["reason"] == "MALFORMED_QUERY"
    assert "line 1, column 10" in err.value.response["Error"]["Message"]
    with pytest.raises(client.exceptions.ValidationException) as err:
        query(client, graph_id, "MERGE (n)")
    assert err.value.response["reason"] == "UNSUPPORTED_OPERATION"


def test_query_timeout(loaded):
    client, graph_id = loaded
    with pytest.raises(client.exceptions.UnprocessableException) as err:
        query(client, graph_id, "UNWIND range(1, 300000) AS x UNWIND [1, 2] AS y RETURN count(*) AS c",
              queryTimeoutMilliseconds=1)  # fmt: skip
    assert err.value.response["reason"] == "QUERY_TIMEOUT"
    assert query(client, graph_id, "UNWIND range(1, 3) AS x RETURN sum(x) AS s", queryTimeoutMilliseconds=60000) == [
        {"s": 6}
    ]
