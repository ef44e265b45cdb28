"""ExecuteQuery through boto3 (both front doors): CALL { } and EXISTS { } subqueries, query hints,
pattern comprehensions and map projections, and Neptune's refusals (shortestPath, updates in a CALL
subquery, an aliasing importing WITH)."""

from __future__ import annotations

import pytest

from tests.services.neptune_graph.queries.query_helpers import loaded_graph, query

VERTICES = (b"~id,~label,name:String,population:Long\nalice,Person,Alice,\nbob,Person,Bob,\ncarol,Person,Carol,\n"
            b"paris,City,Paris,2100000\nlyon,City,Lyon,520000\nnice,City,Nice,340000\n")  # fmt: skip
EDGES = (b"~id,~from,~to,~label\nk1,alice,bob,knows\nk2,alice,carol,knows\nl1,bob,paris,lived_in\n"
         b"l2,bob,lyon,lived_in\nl3,bob,nice,lived_in\nl4,carol,nice,lived_in\n")  # fmt: skip


@pytest.fixture
def graph(aws):
    return loaded_graph(aws, VERTICES, EDGES)


def test_call_subquery_and_exists(graph):
    client, graph_id = graph
    rows = query(client, graph_id, """
        MATCH (person:Person)-[:knows]->(friend)
        CALL {
          WITH friend
          MATCH (friend)-[:lived_in]->(city)
          RETURN city
          ORDER BY city.population DESC
          LIMIT 2
        }
        RETURN person.name AS person, friend.name AS friend, city.name AS city""")
    assert sorted((r["person"], r["friend"], r["city"]) for r in rows) == [
        ("Alice", "Bob", "Lyon"), ("Alice", "Bob", "Paris"), ("Alice", "Carol", "Nice")
    ]  # fmt: skip
    rows = query(client, graph_id, "MATCH (p:Person) WHERE EXISTS { (p)-[:lived_in]->(c) WHERE c.population > 1000000 }"
                                   " RETURN p {.name, cities: [(p)-[:lived_in]->(c) | c.name]} AS p")  # fmt: skip
    assert len(rows) == 1 and rows[0]["p"]["name"] == "Bob"
    assert sorted(rows[0]["p"]["cities"]) == ["Lyon", "Nice", "Paris"]


def test_procedure_yield_alias(graph):
    client, graph_id = graph
    rows = query(client, graph_id, "CALL neptune.graph.pg_schema() YIELD schema AS s RETURN s.nodeLabels AS labels")
    assert sorted(rows[0]["labels"]) == ["City", "Person"]


def test_query_hints(graph):
    client, graph_id = graph
    rows = query(client, graph_id, 'USING QUERY:PLANCACHE "enabled" MATCH (c:City) RETURN count(c) AS n')
    assert rows == [{"n": 3}]
    with pytest.raises(client.exceptions.UnprocessableException) as err:
        query(client, graph_id, "USING QUERY:TIMEOUTMILLISECONDS 1 UNWIND range(1, 300000) AS x UNWIND [1, 2] AS y "
                                "RETURN count(*) AS c", queryTimeoutMilliseconds=60000)  # fmt: skip
    assert err.value.response["reason"] == "QUERY_TIMEOUT"
    assert "time limit of 1 ms" in err.value.response["Error"]["Message"]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("MATCH p = shortestPath((a {name: 'Alice'})-[*]-(b {name: 'Nice'})) RETURN p", "UNSUPPORTED_OPERATION"),
        ("MATCH p = allShortestPaths((a)-[*]-(b)) RETURN p", "UNSUPPORTED_OPERATION"),
        ("MATCH (p) CALL { WITH p SET p.seen = true RETURN p.seen AS s } RETURN s", "UNSUPPORTED_OPERATION"),
        ("RETURN reduce(a = 0, x IN [1, 2] | x - a) AS r", "UNSUPPORTED_OPERATION"),
        ("USING QUERY:NOSUCHHINT 1 RETURN 1", "UNSUPPORTED_OPERATION"),
        ("MATCH (p) CALL { WITH p AS q RETURN q } RETURN q", "MALFORMED_QUERY"),
        ('USING QUERY:PLANCACHE "sometimes" RETURN 1', "MALFORMED_QUERY"),
    ],
)
def test_refusals(graph, text, reason):
    client, graph_id = graph
    with pytest.raises(client.exceptions.ValidationException) as err:
        query(client, graph_id, text)
    assert err.value.response["reason"] == reason
    with pytest.raises(client.exceptions.ValidationException) as err:
        query(client, graph_id, text, explainMode="STATIC")
    assert err.value.response["reason"] == reason


def test_explain_details_with_a_subquery(graph):
    client, graph_id = graph
    out = client.execute_query(graphIdentifier=graph_id, language="OPEN_CYPHER", explainMode="DETAILS",
                               queryString="MATCH (p:Person) CALL { WITH p MATCH (p)-[:lived_in]->(c) "
                                           "RETURN count(c) AS n } RETURN p.name AS name, n")  # fmt: skip
    text = out["payload"].read().decode()
    assert "CallSubquery" in text and "imports p: Match | Return" in text
