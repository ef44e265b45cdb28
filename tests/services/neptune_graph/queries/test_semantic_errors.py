"""A query the semantic pass refuses answers as Neptune answers a malformed query, in both front doors:
ValidationException, reason MALFORMED_QUERY, the message naming the rule, line and column; nothing
runs (a refused write changes nothing), explain included."""

from __future__ import annotations

import json

import pytest

from tests.services.neptune_graph.imports.import_helpers import new_graph


@pytest.fixture
def graph(aws):
    client = aws("neptune-graph")
    return client, new_graph(client)


def run(client, graph_id, text, **kwargs):
    out = client.execute_query(graphIdentifier=graph_id, queryString=text, language="OPEN_CYPHER", **kwargs)
    return json.loads(out["payload"].read())["results"]


@pytest.mark.parametrize(
    ("text", "detail", "where"),
    [
        ("MATCH (a)\nRETURN b", "Variable `b` not defined", "line 2, column 8"),
        ("MATCH (a) CREATE (a)", "Variable `a` already declared", "line 1, column 18"),
        ("MATCH (a) WHERE count(a) > 1 RETURN a", "aggregating function count(...)", "line 1, column 17"),
        ("CREATE (a)-[:T]-(b)", "Only directed relationships are supported in CREATE", "line 1, column 11"),
        ("MATCH (n) WHERE exists { MATCH (n)-->(m) SET m.x = 1 } RETURN n",
         "An EXISTS subquery cannot contain an update clause", "line 1, column 24"),
        ("MATCH (n) CALL neptune.graph.pg_schema() YIELD * RETURN n", "YIELD * is only allowed in a standalone",
         "line 1, column 48"),
    ],
)
def test_semantic_errors_are_malformed_queries_with_line_and_column(graph, text, detail, where):
    client, graph_id = graph
    with pytest.raises(client.exceptions.ValidationException) as err:
        run(client, graph_id, text)
    assert err.value.response["reason"] == "MALFORMED_QUERY"
    message = err.value.response["Error"]["Message"]
    assert detail in message and where in message, message


def test_a_refused_write_changes_nothing_and_explain_refuses_too(graph):
    client, graph_id = graph
    with pytest.raises(client.exceptions.ValidationException) as err:
        run(client, graph_id, "CREATE (a:Refused {name: 'x'}) WITH a RETURN b")
    assert err.value.response["reason"] == "MALFORMED_QUERY"
    assert run(client, graph_id, "MATCH (n:Refused) RETURN count(n) AS c") == [{"c": 0}]
    with pytest.raises(client.exceptions.ValidationException) as err:
        client.execute_query(graphIdentifier=graph_id, queryString="MATCH (a) RETURN b", language="OPEN_CYPHER",
                             explainMode="STATIC")  # fmt: skip
    assert err.value.response["reason"] == "MALFORMED_QUERY"
