"""run_import: atomicity, cancellation, progress, empty sources, unknown formats, error bounds."""

from __future__ import annotations

from pathlib import Path

import pytest

from dockyard.graph import GraphStore
from dockyard.services.neptune_graph.formats.import_context import MAX_ERROR_DETAILS
from dockyard.services.neptune_graph.resources.import_pipeline import ImportFailed, SourceFile, run_import

from .helpers import load, write


class Cancelled(Exception):
    pass


def test_failure_leaves_store_exactly_as_before(tmp_path: Path) -> None:
    good = write(tmp_path, "a.csv", "~id,~label\nv,L\n")
    bad = write(tmp_path, "b.csv", "~id,n:Int\nw,x\n")
    store = GraphStore.in_memory()
    with pytest.raises(ImportFailed, match=r"b\.csv line 2"):
        load([good, bad], store=store)
    assert store.is_empty() and store.view().dictionary_entry_count == 0
    # The store is still usable afterwards.
    _, result = load([good], store=store)
    assert result.statementCount == 1


def test_cancellation_aborts_and_reraises(tmp_path: Path) -> None:
    files = [write(tmp_path, f"f{i}.csv", f"~id,~label\nv{i},L\n") for i in range(3)]
    calls = {"n": 0}

    def check() -> None:
        calls["n"] += 1
        if calls["n"] > 2:
            raise Cancelled()

    store = GraphStore.in_memory()
    with pytest.raises(Cancelled):
        run_import([SourceFile.from_path(f) for f in files], "CSV", store, check_cancelled=check)
    assert store.is_empty()


def test_progress_reaches_total(tmp_path: Path) -> None:
    files = [write(tmp_path, f"f{i}.csv", "~id,~label\n" + "".join(f"v{j},L\n" for j in range(100))) for i in range(2)]
    seen: list[tuple[int, int]] = []
    store = GraphStore.in_memory()
    run_import([SourceFile.from_path(f) for f in files], "CSV", store, on_progress=lambda d, t: seen.append((d, t)))
    total = sum(f.stat().st_size for f in files)
    assert seen[-1] == (total, total)
    assert all(d <= t for d, t in seen) and [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_no_files_empty_files_unknown_format(tmp_path: Path) -> None:
    store = GraphStore.in_memory()
    with pytest.raises(ImportFailed, match="no data files"):
        run_import([], "CSV", store)
    empty = write(tmp_path, "e.csv", "  \n")
    with pytest.raises(ImportFailed, match="every source file is empty"):
        load([empty])
    with pytest.raises(ImportFailed, match="unsupported import format 'TURTLE'"):
        load([write(tmp_path, "x.csv", "~id\n")], "TURTLE")
    with pytest.raises(ImportFailed, match="no usable data"):
        load([write(tmp_path, "y.csv", "a,b\n1,2\n")], fail_on_error=False)
    assert store.is_empty()


def test_header_only_file_is_valid_but_empty(tmp_path: Path) -> None:
    store, result = load([write(tmp_path, "h.csv", "~id,~label\n")])
    assert result.statementCount == 0 and store.is_empty()


def test_error_details_bounded(tmp_path: Path) -> None:
    rows = "".join(f"v{i},x\n" for i in range(500))
    store, result = load([write(tmp_path, "v.csv", "~id,n:Int\n" + rows)], fail_on_error=False)
    assert result.errorCount == 500
    lines = result.errorDetails.splitlines()
    assert len(lines) == MAX_ERROR_DETAILS + 1 and lines[-1] == "... and 490 more error(s)"
    assert store.is_empty()


def test_corrupt_gzip_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "v.csv"
    path.write_bytes(b"\x1f\x8b\x08\x00garbage-garbage")
    with pytest.raises(ImportFailed, match=r"v\.csv"):
        load([path])
