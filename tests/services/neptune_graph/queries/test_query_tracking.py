"""GetQuery / ListQueries / CancelQuery, explain, and graph-notebook's form-encoded requests."""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
import urllib.request

import boto3
import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

import dockyard
from tests.services.neptune_graph.imports.import_helpers import new_graph

LONG = "MATCH (a:N), (b:N), (c:N) RETURN count(*) AS c"


def query(client, graph_id, text, **kwargs):
    out = client.execute_query(graphIdentifier=graph_id, queryString=text, language="OPEN_CYPHER", **kwargs)
    return out["payload"].read().decode()


def _wait_for_running(client, graph_id, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = client.list_queries(graphIdentifier=graph_id, maxResults=10, state="RUNNING")["queries"]
        if found:
            return found[0]
        time.sleep(0.01)
    raise TimeoutError("the long query never showed as RUNNING")


def test_get_list_and_cancel_a_running_query():
    with dockyard.mock():
        client = boto3.client("neptune-graph", region_name="us-east-1")
        graph_id = new_graph(client)
        query(client, graph_id, "UNWIND range(1, 400) AS i CREATE (:N {i: i})")
        outcome: dict = {}

        def long_query() -> None:
            try:
                outcome["rows"] = query(client, graph_id, LONG)
            except client.exceptions.ValidationException as err:
                outcome["error"] = err.response

        thread = threading.Thread(target=long_query)
        thread.start()
        running = _wait_for_running(client, graph_id)
        assert running["queryString"] == LONG and running["state"] == "RUNNING"
        got = client.get_query(graphIdentifier=graph_id, queryId=running["id"])
        assert got["id"] == running["id"] and got["elapsed"] >= 0
        assert client.list_queries(graphIdentifier=graph_id, maxResults=10, state="WAITING")["queries"] == []
        client.cancel_query(graphIdentifier=graph_id, queryId=running["id"])
        thread.join(30)
        assert outcome["error"]["reason"] == "QUERY_CANCELLED", outcome
        assert client.list_queries(graphIdentifier=graph_id, maxResults=10)["queries"] == []
        with pytest.raises(client.exceptions.ResourceNotFoundException):
            client.get_query(graphIdentifier=graph_id, queryId=running["id"])
        with pytest.raises(client.exceptions.ResourceNotFoundException):
            client.cancel_query(graphIdentifier=graph_id, queryId="no-such-query")


def test_explain_static_and_details(aws):
    client = aws("neptune-graph")
    graph_id = new_graph(client)
    text = "UNWIND range(1, 5) AS i CREATE (:N {i: i})"
    static = query(client, graph_id, text, explainMode="STATIC")
    assert "Explain mode: STATIC" in static and "| Unwind" in static and "| Create" in static
    details = query(client, graph_id, text, explainMode="DETAILS")
    assert "Units Out" in details
    create_row = next(line for line in details.splitlines() if "| Create" in line)
    assert [c.strip() for c in create_row.split("|")][5:7] == ["5", "5"]  # rows in and out
    # explain never commits writes
    assert json.loads(query(client, graph_id, "MATCH (n) RETURN count(n) AS c"))["results"] == [{"c": 0}]


def test_explain_as_html_when_accept_asks_for_it(aws):
    client = aws("neptune-graph")
    graph_id = new_graph(client)

    def accept_html(request, **_):
        request.headers["Accept"] = "text/html"

    client.meta.events.register("before-sign.neptune-graph.ExecuteQuery", accept_html)
    out = client.execute_query(graphIdentifier=graph_id, language="OPEN_CYPHER", explainMode="DETAILS",
                               queryString="UNWIND range(1, 3) AS i WITH i WHERE i < 3 RETURN i")  # fmt: skip
    assert out["ResponseMetadata"]["HTTPHeaders"]["content-type"] == "text/html; charset=UTF-8"
    page = out["payload"].read().decode()
    assert "<pre>UNWIND range(1, 3) AS i WITH i WHERE i &lt; 3 RETURN i</pre>" in page
    assert "<th>Units Out</th>" in page and "<p>Explain mode: DETAILS</p>" in page
    assert "<tr><td>1</td><td>0</td><td>With</td><td>i [WHERE]</td><td>3</td><td>2</td>" in page
    # the results of a query are JSON whatever Accept says
    rows = client.execute_query(graphIdentifier=graph_id, language="OPEN_CYPHER", queryString="RETURN 1 AS x")
    assert json.loads(rows["payload"].read()) == {"results": [{"x": 1}]}


def _signed_form(
    endpoint: str, method: str, path: str, graph_id: str, fields: dict | None, accept: str | None = None
) -> tuple[int, bytes]:
    body = urllib.parse.urlencode(fields).encode() if fields is not None else b""
    headers = {"graphIdentifier": graph_id}
    if accept is not None:
        headers["Accept"] = accept
    if fields is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    request = AWSRequest(method=method, url=endpoint + path, data=body, headers=headers)
    SigV4Auth(Credentials("testing", "testing"), "neptune-graph", "us-east-1").add_auth(request)
    raw = urllib.request.Request(endpoint + path, data=body or None, method=method, headers=dict(request.headers))
    try:
        with urllib.request.urlopen(raw, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


@pytest.mark.server
def test_graph_notebook_form_encoded_requests(dockyard_server):
    client = dockyard_server.client("neptune-graph")
    graph_id = new_graph(client)
    endpoint = dockyard_server.endpoint
    status, body = _signed_form(endpoint, "POST", "/queries", graph_id, {
        "language": "opencypher", "query": "UNWIND $xs AS x CREATE (:F {x: x}) RETURN count(*) AS c",
        "parameters": json.dumps({"xs": [1, 2, 3]}), "planCache": "disabled", "queryTimeoutMilliseconds": "5000",
    })  # fmt: skip
    assert status == 200, body
    assert json.loads(body) == {"results": [{"c": 3}]}
    status, body = _signed_form(endpoint, "POST", "/queries", graph_id,
                                {"language": "opencypher", "query": "MATCH (n:F) RETURN n.x AS x", "explain": "static"})
    assert status == 200 and b"Explain mode: STATIC" in body
    # graph-notebook's `%%oc explain`: the mode under three names, Accept: text/html; it shows the body as HTML
    status, body = _signed_form(endpoint, "POST", "/queries", graph_id, {
        "language": "opencypher", "query": "MATCH (n:F) WHERE n.x > $m RETURN n.x AS x", "explain.mode": "static",
        "explain-mode": "static", "explain": "static", "parameters": json.dumps({"m": 1}),
    }, accept="text/html")  # fmt: skip
    assert status == 200, body
    page = body.decode()
    assert "<p>Explain mode: STATIC</p>" in page and "<pre>MATCH (n:F) WHERE n.x &gt; $m RETURN n.x AS x</pre>" in page
    assert "<tr><td>0</td><td>0</td><td>Match</td><td>(n:F) via label scan :F + filter</td></tr>" in page
    status, body = _signed_form(endpoint, "GET", "/queries?state=ALL&maxResults=5", graph_id, None)
    assert status == 200 and json.loads(body) == {"queries": []}
    status, body = _signed_form(endpoint, "DELETE", "/queries/nope", graph_id, None)
    assert status == 404 and b"Query nope not found" in body
    status, body = _signed_form(endpoint, "POST", "/queries", graph_id, {"language": "opencypher", "query": "MATCH (n"})
    assert status == 400 and b"MALFORMED_QUERY" in body
