"""The SQLite document store: scopes, transactions, projections and array counts."""

from __future__ import annotations

import threading

import pytest

from dockyard.store import Database, Scope

A = Scope("svc", "111111111111", "us-east-1")
B = Scope("svc", "222222222222", "us-east-1")


def test_scopes_are_isolated_and_lists_keep_creation_order() -> None:
    db = Database()
    db.put(A, "thing", "2", {"n": 2})
    db.put(A, "thing", "1", {"n": 1})
    db.put(B, "thing", "1", {"n": 9})
    assert [d["n"] for d in db.list(A, "thing")] == [2, 1]
    assert db.get(B, "thing", "1") == {"n": 9}
    assert db.get(A, "thing", "3") is None


def test_transaction_lands_whole_or_not_at_all() -> None:
    db = Database()
    with pytest.raises(RuntimeError), db.transaction():
        db.put(A, "thing", "1", {"n": 1})
        with db.transaction():  # nested blocks join the outer one
            db.put(A, "thing", "2", {"n": 2})
        raise RuntimeError("boom")
    assert db.list(A, "thing") == []


def test_a_nested_block_that_raises_undoes_only_its_own_writes() -> None:
    db = Database()
    with db.transaction():
        db.put(A, "thing", "1", {"n": 1})
        with pytest.raises(RuntimeError), db.transaction():  # a savepoint of the outer block
            db.put(A, "thing", "2", {"n": 2})
            db.put(A, "thing", "1", {"n": 10})
            raise RuntimeError("refused")
        with db.transaction():
            db.put(A, "thing", "3", {"n": 3})
    assert [d["n"] for d in db.list(A, "thing")] == [1, 3]


def test_project_and_count_array_items() -> None:
    db = Database()
    db.put(A, "type", "p/1", {"name": "a", "values": [{"v": 1, "syn": [1, 2]}, {"v": 2}]}, parent="p")
    db.put(A, "type", "p/2", {"name": "b", "values": [{"v": 3, "syn": []}]}, parent="p")
    db.put(A, "type", "q/3", {"name": "c", "values": [{"v": 4}]}, parent="q")
    assert db.project(A, "type", ["name"], parent="p") == [{"name": "a"}, {"name": "b"}]
    assert db.count_array_items(A, "type", "values", parent="p") == 3
    assert db.count_array_items(A, "type", "values", parent="p", nested="syn") == 5
    assert db.count_array_items(A, "type", "values", parent="p", nested="syn", exclude_id="p/1") == 1
    assert db.count_array_items(B, "type", "values") == 0


def test_file_database_persists(tmp_path) -> None:
    db = Database(tmp_path / "x.sqlite3")
    db.put(A, "thing", "1", {"n": 1})
    db.close()
    assert Database(tmp_path / "x.sqlite3").get(A, "thing", "1") == {"n": 1}


def test_lock_held_tells_whether_this_thread_holds_the_database():
    db = Database(None)
    assert not db.lock_held()
    with db.transaction():
        assert db.lock_held()
        seen: list[bool] = []
        other = threading.Thread(target=lambda: seen.append(db.lock_held()))
        other.start()
        other.join()
        assert seen == [False]
    assert not db.lock_held()


def test_reset_empties_a_full_text_table_and_leaves_it_usable() -> None:
    db = Database()
    db.executescript("CREATE VIRTUAL TABLE IF NOT EXISTS words USING fts5(body)")
    db.execute("INSERT INTO words (body) VALUES (?)", ("hello world",))
    db.reset()
    assert db.query("SELECT COUNT(*) FROM words")[0][0] == 0
    db.execute("INSERT INTO words (body) VALUES (?)", ("hello again",))
    assert [r[0] for r in db.query("SELECT body FROM words WHERE words MATCH 'hello'")] == ["hello again"]
