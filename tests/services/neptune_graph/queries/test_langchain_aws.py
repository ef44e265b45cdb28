"""langchain-aws's NeptuneAnalyticsGraph constructs against Dockyard (its constructor reads
``CALL neptune.graph.pg_schema()``) and answers queries, in the in-process mock."""

from __future__ import annotations

import boto3
from langchain_aws.graphs import NeptuneAnalyticsGraph

import dockyard
from tests.services.neptune_graph.imports.import_helpers import new_graph


def test_neptune_analytics_graph_constructs_and_queries():
    with dockyard.mock():
        client = boto3.client("neptune-graph", region_name="us-east-1")
        graph_id = new_graph(client)
        client.execute_query(
            graphIdentifier=graph_id, language="OPEN_CYPHER",
            queryString="CREATE (:Person {`~id`: 'ann', name: 'Ann', age: 30})-[:KNOWS {since: 2019}]->"
                        "(:Person {`~id`: 'bob', name: 'Bob'})-[:WORKS_AT]->(:Company {name: 'Acme'})",
        )  # fmt: skip
        graph = NeptuneAnalyticsGraph(graph_identifier=graph_id, client=client)
        assert "(:`Person`)-[:`KNOWS`]->(:`Person`)" in graph.schema
        assert "(:`Person`)-[:`WORKS_AT`]->(:`Company`)" in graph.schema
        assert "{'property': 'age', 'type': 'Long'}" in graph.schema
        assert "{'property': 'since', 'type': 'Long'}" in graph.schema
        rows = graph.query("MATCH (p:Person)-[:KNOWS]->(f) WHERE p.age > $min RETURN f.name AS friend",
                           params={"min": 20})  # fmt: skip
        assert rows == [{"friend": "Bob"}]
