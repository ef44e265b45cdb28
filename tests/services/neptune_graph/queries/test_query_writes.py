"""Query writes through boto3 in both front doors: error reasons, GetGraphSummary, exports, restarts."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from tests.conftest import ServerProcess
from tests.services.neptune_graph.exports.export_helpers import export, list_files, new_bucket
from tests.services.neptune_graph.imports.import_helpers import new_graph
from tests.services.neptune_graph.queries.query_helpers import query


def test_writes_show_in_summary_and_export(aws):
    client, s3 = aws("neptune-graph"), aws("s3")
    graph_id = new_graph(client)
    text = "UNWIND $rows AS r CREATE (p:Person {`~id`: r.id, name: r.name}) RETURN count(p) AS c"
    rows = query(client, graph_id, text,
                 parameters={"rows": [{"id": "p1", "name": "ann"}, {"id": "p2", "name": "bob"}]})  # fmt: skip
    assert rows == [{"c": 2}]
    query(client, graph_id, "MATCH (a {`~id`: 'p1'}), (b {`~id`: 'p2'}) CREATE (a)-[:KNOWS {since: 2020}]->(b)")
    summary = client.get_graph_summary(graphIdentifier=graph_id)["graphSummary"]
    assert (summary["numNodes"], summary["numEdges"], summary["nodeLabels"]) == (2, 1, ["Person"])
    destination = f"s3://{new_bucket(s3)}/out/"
    task = export(client, graph_id, destination)
    assert task["status"] == "SUCCEEDED"
    files = list_files(s3, destination, task["taskId"])
    assert files["vertices/Person/part-00000.csv"].decode() == (
        '"~id","~label","name:String"\n"p1","Person","ann"\n"p2","Person","bob"\n'
    )
    edges = files["edges/KNOWS/part-00000.csv"].decode()
    assert edges == '"~from","~to","~label","since:Long"\n"p1","p2","KNOWS",2020\n'


def test_write_error_reasons(aws):
    client = aws("neptune-graph")
    graph_id = new_graph(client)
    query(client, graph_id, "CREATE (:P {`~id`: 'a'})-[:K]->(:P {`~id`: 'b'})")

    def reason(text: str) -> tuple[str, str]:
        with pytest.raises(client.exceptions.ValidationException) as err:
            query(client, graph_id, text)
        return err.value.response["reason"], err.value.response["Error"]["Message"]

    assert reason("CREATE (:P {`~id`: 'a'})")[0] == "CONSTRAINT_VIOLATION"
    assert reason("MATCH (n {`~id`: 'a'}) DELETE n")[0] == "CONSTRAINT_VIOLATION"
    assert reason("MERGE (n)")[0] == "UNSUPPORTED_OPERATION"
    assert reason("MATCH (a {`~id`: 'a'}) CREATE (a)-[:X {`~id`: 'e'}]->(a)")[0] == "UNSUPPORTED_OPERATION"
    assert reason("CREATE (:A) UNION CREATE (:B)")[0] == "UNSUPPORTED_OPERATION"
    assert reason("UNWIND [1, 0] AS x CREATE (:Z {v: 1 / x})")[0] == "BAD_REQUEST"
    deleted = reason("MATCH (n {`~id`: 'a'}) DETACH DELETE n RETURN n.name")  # openCypher's deleted-entity rule
    assert deleted == ("BAD_REQUEST", "The node 'a' was deleted earlier in this query: its properties cannot be read")
    assert query(client, graph_id, "MATCH (n) RETURN count(n) AS c") == [{"c": 2}]


@pytest.mark.server
@pytest.mark.slow
def test_committed_writes_survive_sigkill(tmp_path: Path) -> None:
    server = ServerProcess(data_dir=tmp_path)
    try:
        client = server.client("neptune-graph")
        graph_id = client.create_graph(graphName="durable", provisionedMemory=16)["id"]
        client.get_waiter("graph_available").wait(graphIdentifier=graph_id, WaiterConfig={"Delay": 0.2})
        query(client, graph_id, "UNWIND range(1, 100) AS i CREATE (:N {`~id`: toString(i), i: i})")
        query(client, graph_id, "MATCH (a {`~id`: '1'}), (b {`~id`: '2'}) CREATE (a)-[:NEXT]->(b)")
        query(client, graph_id, "MATCH (n {`~id`: '3'}) SET n.i = 300")
        server.stop(signal.SIGKILL)
        server = ServerProcess(data_dir=tmp_path)
        client = server.client("neptune-graph")
        assert query(client, graph_id, "MATCH (n:N) RETURN count(n) AS c, sum(n.i) AS s") == [{"c": 100, "s": 5347}]
        assert query(client, graph_id, "MATCH (a)-[:NEXT]->(b) RETURN id(a) AS a, id(b) AS b") == [{"a": "1", "b": "2"}]
        assert client.get_graph_summary(graphIdentifier=graph_id)["graphSummary"]["numEdges"] == 1
    finally:
        server.stop()
