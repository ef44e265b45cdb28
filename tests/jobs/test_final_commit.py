"""A job's ``on_succeeded`` effects and its success record are ONE commit: a process killed while the
hook runs (after its writes) leaves neither, so recovery neither applies the effects twice (retry)
nor fails a job whose effects are in (fail)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from dockyard.jobs import JobEngine
from dockyard.store import Database
from tests.jobs.conftest import SCOPE, toy_kind

# The child process: a toy import whose hook adds 1 to a counter document (in its own transaction,
# as service hooks do) and then dies by SIGKILL before the hook returns.
CHILD = textwrap.dedent(
    """
    import os, signal, sys
    from dockyard.jobs import JobEngine
    from dockyard.store import Database
    from tests.jobs.conftest import SCOPE, toy_kind

    def add_one(ctx):
        with ctx.db.transaction():
            doc = ctx.db.get(ctx.scope, "counter", "c") or {"n": 0}
            ctx.db.put(ctx.scope, "counter", "c", {"n": doc["n"] + 1})
        os.kill(os.getpid(), signal.SIGKILL)

    eng = JobEngine(Database(sys.argv[1]), clock="instant")
    eng.start(toy_kind(recovery=sys.argv[2], on_succeeded=add_one), scope=SCOPE, job_id="job-1")
    eng.wait("job-1", timeout=30)
    """
)


def _add_one(ctx) -> None:
    with ctx.db.transaction():
        doc = ctx.db.get(ctx.scope, "counter", "c") or {"n": 0}
        ctx.db.put(ctx.scope, "counter", "c", {"n": doc["n"] + 1})


def _killed_in_the_hook(path: Path, recovery: str) -> None:
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root)}
    done = subprocess.run([sys.executable, "-c", CHILD, str(path), recovery], cwd=root, env=env, timeout=60,
                          capture_output=True, text=True)
    assert done.returncode == -signal.SIGKILL, done.stderr


@pytest.mark.parametrize(("recovery", "status", "applied"), [("retry", "SUCCEEDED", 1), ("fail", "FAILED", 0)])
def test_a_kill_inside_the_success_hook_leaves_neither_effects_nor_record(
    tmp_path: Path, recovery: str, status: str, applied: int
) -> None:
    path = tmp_path / "dockyard.sqlite3"
    _killed_in_the_hook(path, recovery)
    eng = JobEngine(Database(path), clock="instant")
    try:
        assert eng.db.get(SCOPE, "counter", "c") is None  # the hook's write died with its job record
        assert not eng.get("job-1").terminal
        eng.register(toy_kind(recovery=recovery, on_succeeded=_add_one))
        eng.recover()
        assert eng.wait("job-1", timeout=10).status == status
        assert (eng.db.get(SCOPE, "counter", "c") or {"n": 0})["n"] == applied
    finally:
        eng.shutdown()
