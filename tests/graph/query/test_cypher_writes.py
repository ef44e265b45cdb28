"""Query writes with Neptune Analytics' rules, atomic transactions and snapshot reads (engine level)."""

from __future__ import annotations

import threading

import pytest

from dockyard.graph import GraphStore
from dockyard.graph.query import ConstraintViolation, EntityNotFound, QueryError, UnsupportedOperation, execute
from dockyard.graph.query.values import to_json


def q(store: GraphStore, text: str, **params) -> list[dict]:
    return [{k: to_json(v) for k, v in row.items()} for row in execute(store, text, params)]


def count(store: GraphStore, pattern: str = "(n)") -> int:
    return q(store, f"MATCH {pattern} RETURN count(*) AS c")[0]["c"]


@pytest.fixture
def store() -> GraphStore:
    return GraphStore.in_memory()


def test_create_with_custom_id_and_string_ids(store):
    row = q(store, "CREATE (n:Person {`~id`: 'p1', name: 'ann', age: 30}) RETURN n, id(n) AS i")[0]
    assert row["n"] == {"~id": "p1", "~entityType": "node", "~labels": ["Person"],
                        "~properties": {"name": "ann", "age": 30}}  # fmt: skip
    assert row["i"] == "p1"
    assert q(store, "MATCH (n {`~id`: 'p1'}) RETURN n.name AS name") == [{"name": "ann"}]
    generated = q(store, "CREATE (n:Person {name: 'bob'}) RETURN id(n) AS i")[0]["i"]
    assert isinstance(generated, str) and generated != "p1"
    with pytest.raises(ConstraintViolation, match="p1"):
        q(store, "CREATE (:Other {`~id`: 'p1'})")
    assert count(store) == 2


def test_create_bare_node_changes_nothing(store):
    assert q(store, "CREATE (n) RETURN id(n) IS NOT NULL AS made") == [{"made": True}]
    q(store, "CREATE (n {`~id`: 'xyz'})")
    q(store, "CREATE (n {`~id`: 'xyz'})")  # repeatable, no error
    assert count(store) == 0
    assert store.summary()["numNodes"] == 0


def test_vertex_lives_while_it_has_a_label_property_or_edge(store):
    q(store, "CREATE (n {key: 'v'})")
    assert q(store, "MATCH (n) RETURN labels(n) AS l") == [{"l": []}]
    q(store, "MATCH (n {key: 'v'}) REMOVE n.key")
    assert count(store) == 0
    q(store, "CREATE (n:Label {p: 1})")
    q(store, "MATCH (n:Label) REMOVE n:Label")  # removing the last label is allowed
    assert q(store, "MATCH (n) RETURN n.p AS p, labels(n) AS l") == [{"p": 1, "l": []}]
    q(store, "CREATE (n)-[:knows]->(m)")
    assert count(store) == 3 and count(store, "()-[r]->()") == 1
    q(store, "MATCH ()-[r:knows]->() DELETE r")
    assert count(store) == 1  # both bare endpoints went with their only edge


def test_merge_rules(store):
    with pytest.raises(UnsupportedOperation):
        q(store, "MERGE (n)")
    with pytest.raises(UnsupportedOperation):
        q(store, "MERGE (n {`~id`: 'xyz'})")
    q(store, "MERGE (n {key: 'v'})")
    assert q(store, "MATCH (n) RETURN labels(n) AS l, n.key AS k") == [{"l": [], "k": "v"}]
    rows = q(store, "MERGE (n:P {name: 'a'}) ON CREATE SET n.made = true ON MATCH SET n.seen = true RETURN n.made AS m")
    assert rows == [{"m": True}]
    rows = q(store, "MERGE (n:P {name: 'a'}) ON CREATE SET n.made = 2 ON MATCH SET n.seen = true RETURN n")
    assert rows[0]["n"]["~properties"] == {"name": "a", "made": True, "seen": True}
    q(store, "MATCH (a:P {name: 'a'}) MERGE (a)-[:R]->(b:Q {k: 1})")
    q(store, "MATCH (a:P {name: 'a'}) MERGE (a)-[:R]->(b:Q {k: 1})")
    assert count(store, "(:P)-[:R]->(:Q)") == 1
    assert q(store, "UNWIND [1, 1, 2] AS k MERGE (x:U {k: k}) RETURN count(*) AS c") == [{"c": 3}]
    assert count(store, "(x:U)") == 2  # MERGE reads its own earlier rows' writes


def test_set_and_remove_forms(store):
    q(store, "CREATE (n:A {`~id`: 'a', x: 1, y: 2})")
    q(store, "MATCH (n {`~id`: 'a'}) SET n.x = 10, n:B:C")
    q(store, "MATCH (n {`~id`: 'a'}) SET n += {z: 'z', y: null}")
    node = q(store, "MATCH (n {`~id`: 'a'}) RETURN n")[0]["n"]
    assert node["~labels"] == ["A", "B", "C"] and node["~properties"] == {"x": 10, "z": "z"}
    q(store, "MATCH (n {`~id`: 'a'}) SET n = {only: 1.5}")
    assert q(store, "MATCH (n {`~id`: 'a'}) RETURN properties(n) AS p") == [{"p": {"only": 1.5}}]
    q(store, "MATCH (n {`~id`: 'a'}) SET n.multi = [3, 1, 3]")  # a multi-valued (set) property
    assert q(store, "MATCH (n {`~id`: 'a'}) RETURN n.multi AS m") == [{"m": [1, 3]}]
    q(store, "MATCH (n {`~id`: 'a'}) REMOVE n.only, n:B")
    node = q(store, "MATCH (n {`~id`: 'a'}) RETURN n")[0]["n"]
    assert node["~labels"] == ["A", "C"] and node["~properties"] == {"multi": [1, 3]}
    with pytest.raises(QueryError, match="map"):
        q(store, "MATCH (n {`~id`: 'a'}) SET n.bad = {k: 1}")
    with pytest.raises(UnsupportedOperation):
        q(store, "MATCH (n {`~id`: 'a'}) SET n.`~id` = 'b'")


def test_relationships_get_server_ids_and_their_properties_can_change(store):
    row = q(store, "CREATE (a:P {`~id`: 'a'})-[r:KNOWS {since: 2010}]->(b:P {`~id`: 'b'}) RETURN r")[0]
    rel = row["r"]
    assert rel["~id"].startswith("neptune_reserved_1_")
    assert (rel["~start"], rel["~end"], rel["~type"]) == ("a", "b", "KNOWS")
    q(store, f"MATCH ()-[r {{`~id`: '{rel['~id']}'}}]->() SET r.since = 2011, r.w = 0.5")
    assert q(store, "MATCH ()-[r:KNOWS]->() RETURN properties(r) AS p") == [{"p": {"since": 2011, "w": 0.5}}]
    with pytest.raises(UnsupportedOperation, match="custom edge ids"):
        q(store, "MATCH (a {`~id`: 'a'}), (b {`~id`: 'b'}) CREATE (a)-[:X {`~id`: 'e1'}]->(b)")
    with pytest.raises(QueryError, match="list"):
        q(store, "MATCH ()-[r:KNOWS]->() SET r.l = [1, 2]")


def test_delete_and_detach_delete(store):
    q(store, "CREATE (a:P {`~id`: 'a'})-[:KNOWS]->(b:P {`~id`: 'b'})")
    with pytest.raises(ConstraintViolation, match="still has relationships"):
        q(store, "MATCH (n {`~id`: 'a'}) DELETE n")
    assert count(store) == 2
    q(store, "MATCH (n {`~id`: 'a'}) DETACH DELETE n")
    assert count(store) == 1 and count(store, "()-[r]->()") == 0
    q(store, "OPTIONAL MATCH (n:Missing) DELETE n")  # null is ignored
    q(store, "MATCH (n) DELETE n")
    assert count(store) == 0


def test_reading_an_element_deleted_earlier_in_the_query_fails(store):
    """openCypher's deleted-entity rule (Neptune is silent, docs/decisions.md): after a DELETE the element's
    labels and properties are gone; its id, type, endpoints and the element itself stay."""
    q(store, "CREATE (:A {`~id`: 'a', num: 0})-[:T {num: 1}]->(:B {`~id`: 'b'})")
    for text in ("MATCH (n:A) DETACH DELETE n RETURN n.num", "MATCH (n:A) DETACH DELETE n RETURN labels(n)",
                 "MATCH (n:A) DETACH DELETE n RETURN n:A", "MATCH (n:A) DETACH DELETE n RETURN keys(n)",
                 "MATCH ()-[r]->() DELETE r RETURN r.num", "MATCH (a:A)-[r]->() DETACH DELETE a RETURN r.num",
                 "MATCH (n:A) DETACH DELETE n WITH n RETURN properties(n)"):  # fmt: skip
        with pytest.raises(EntityNotFound, match="deleted earlier in this query") as err:
            q(store, text)
        assert (err.value.tck_type, err.value.kind) == ("EntityNotFound", "DeletedEntityAccess")
    assert count(store) == 2 and count(store, "()-[r]->()") == 1  # each failed query changed nothing
    rows = q(store, "MATCH (a:A)-[r]->(b) WITH a, r, a.num AS num DETACH DELETE a "
                    "RETURN num, id(a) AS i, type(r) AS t, id(endNode(r)) AS e, a")  # fmt: skip
    node = {"~id": "a", "~entityType": "node", "~labels": ["A"], "~properties": {"num": 0}}  # as it was
    assert rows == [{"num": 0, "i": "a", "t": "T", "e": "b", "a": node}]
    assert count(store) == 1


def test_a_failing_query_changes_nothing(store):
    q(store, "CREATE (:T {`~id`: 'keep', v: 1})")
    with pytest.raises(QueryError):  # the third row divides by zero after two rows were written
        q(store, "UNWIND [1, 2, 0] AS x CREATE (:T {v: 10 / x}) WITH x MATCH (k {`~id`: 'keep'}) SET k.v = x")
    with pytest.raises(ConstraintViolation):  # the second row's id is taken
        q(store, "UNWIND ['new', 'keep'] AS i CREATE (:T {`~id`: i})")
    assert q(store, "MATCH (n:T) RETURN id(n) AS i, n.v AS v") == [{"i": "keep", "v": 1}]


def test_readers_see_a_consistent_snapshot_while_a_writer_runs(store):
    before = store.query_view()
    q(store, "UNWIND range(1, 10) AS i CREATE (:N {i: i})")
    assert sum(1 for _ in before.iter_vertices()) == 0  # a view taken before the commit never changes
    seen: list[int] = []
    stop = threading.Event()

    def reader() -> None:
        while not stop.is_set():
            seen.append(count(store, "(n:N)"))

    threads = [threading.Thread(target=reader) for _ in range(2)]
    for t in threads:
        t.start()
    for _ in range(5):
        q(store, "UNWIND range(1, 2000) AS i CREATE (:N {i: i})")
    stop.set()
    for t in threads:
        t.join()
    assert seen and all((c - 10) % 2000 == 0 for c in seen), sorted(set(seen))
    assert count(store, "(n:N)") == 10_010


def test_writes_merge_into_the_columns(store):
    q(store, "UNWIND range(1, 50) AS i CREATE (:N {`~id`: 'n' + toString(i), i: i})-[:NEXT {w: i}]->(:M {i: i})")
    q(store, "MATCH (n:N) WHERE n.i > 40 DETACH DELETE n")
    assert store.pending_writes > 0
    summary = store.summary()  # merges
    assert store.pending_writes == 0
    assert (summary["numNodes"], summary["numEdges"]) == (90, 40)
    assert q(store, "MATCH (a:N {`~id`: 'n7'})-[r:NEXT]->(b) RETURN r.w AS w, b.i AS i") == [{"w": 7, "i": 7}]
    q(store, "MATCH (a:N {`~id`: 'n7'})-[r:NEXT]->() SET r.w = 70")
    store.merge_writes()
    assert q(store, "MATCH (:N {`~id`: 'n7'})-[r:NEXT]->() RETURN r.w AS w") == [{"w": 70}]


def test_persistence_replay_and_merge(tmp_path):
    store = GraphStore.open(tmp_path)
    q(store, "CREATE (:P {`~id`: 'a', t: datetime('2024-04-01T23:59:59Z'), f: 1.5, b: true})-[:K]->(:P {`~id`: 'b'})")
    q(store, "MATCH (n {`~id`: 'b'}) SET n.x = 1")
    reopened = GraphStore.open(tmp_path)
    assert q(reopened, "MATCH (a)-[:K]->(b) RETURN a, b.x AS x") == q(store, "MATCH (a)-[:K]->(b) RETURN a, b.x AS x")
    assert q(reopened, "MATCH (a {`~id`: 'a'}) RETURN a.t AS t")[0]["t"] == "2024-04-01T23:59:59.000Z"
    reopened.merge_writes()
    assert not list(tmp_path.glob("writes-000000.log"))
    q(reopened, "MATCH (n {`~id`: 'a'}) DETACH DELETE n")
    again = GraphStore.open(tmp_path)
    assert q(again, "MATCH (n) RETURN id(n) AS i, n.x AS x") == [{"i": "b", "x": 1}]


def test_a_torn_last_log_line_is_dropped(tmp_path):
    store = GraphStore.open(tmp_path)
    q(store, "CREATE (:P {`~id`: 'a'})")
    log = next(tmp_path.glob("writes-*.log"))
    with open(log, "ab") as fh:
        fh.write(b'{"v":{"b":[["P"],{}]')  # a crash in the middle of the next commit's write
    assert q(GraphStore.open(tmp_path), "MATCH (n) RETURN id(n) AS i") == [{"i": "a"}]


def test_a_write_waits_for_the_running_one_then_conflicts(store):
    import time

    from dockyard.graph.query import ConcurrentModification

    started, release = threading.Event(), threading.Event()

    def other_query() -> None:  # another query's transaction, held open on another thread
        txn = store.begin_write()
        started.set()
        release.wait(10)
        txn.abort()

    other = threading.Thread(target=other_query)
    other.start()
    started.wait(10)
    waits: list[bool] = []
    with pytest.raises(ConcurrentModification):
        execute(store, "CREATE (:T {v: 1})", deadline=time.monotonic() + 0.2, on_wait=waits.append)
    assert waits == [True, False]
    assert q(store, "MATCH (n) RETURN count(n) AS c") == [{"c": 0}]  # readers never wait
    release.set()
    other.join()
    q(store, "CREATE (:T {v: 1})")
    assert count(store) == 1
