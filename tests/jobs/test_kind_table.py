"""The transition table: derived from the vocabulary, validated, enforced."""

from __future__ import annotations

import pytest

from dockyard.jobs import JobControlError, JobKind, TransitionError


def test_derived_table_follows_the_happy_path_and_exits(make_kind):
    kind = make_kind()
    assert kind.success_status == "SUCCEEDED"
    assert kind.terminal == {"SUCCEEDED", "FAILED", "CANCELLED"}
    assert kind.allows("INITIALIZING", "ANALYZING_DATA")
    assert kind.allows("ANALYZING_DATA", "IMPORTING")
    assert kind.allows("IMPORTING", "SUCCEEDED")
    assert not kind.allows("INITIALIZING", "IMPORTING")  # no skipping
    assert not kind.allows("SUCCEEDED", "FAILED")  # terminal is terminal
    for status in ("INITIALIZING", "ANALYZING_DATA", "IMPORTING"):
        assert kind.allows(status, "ROLLING_BACK")
        assert kind.allows(status, "CANCELLING")
    assert kind.allows("ROLLING_BACK", "FAILED")
    assert kind.allows("CANCELLING", "CANCELLED")
    assert not kind.allows("ROLLING_BACK", "CANCELLING")


def test_check_raises_an_internal_error_naming_the_allowed_moves(make_kind):
    kind = make_kind()
    with pytest.raises(TransitionError, match=r"INITIALIZING -> SUCCEEDED.*ANALYZING_DATA"):
        kind.check("INITIALIZING", "SUCCEEDED")


def test_lex_like_kind_with_two_statuses(make_kind):
    kind = JobKind(
        service="lexv2-models",
        name="import",
        body=lambda ctx: None,
        initial_status="InProgress",
        phases=("Completed",),
        failed_status="Failed",
    )
    assert kind.terminal == {"Completed", "Failed"}
    assert not kind.cancellable
    assert kind.transitions["InProgress"] == {"Completed", "Failed"}


def test_explicit_table_and_extra_transitions(make_kind):
    kind = JobKind(
        service="qconnect",
        name="import",
        body=lambda ctx: None,
        initial_status="START_IN_PROGRESS",
        phases=("COMPLETE",),
        failed_status="FAILED",
        terminal=frozenset({"COMPLETE", "FAILED", "DELETE_IN_PROGRESS", "DELETED"}),
        extra_transitions={"COMPLETE": ["DELETE_IN_PROGRESS"], "DELETE_IN_PROGRESS": ["DELETED"]},
    )
    assert kind.allows("COMPLETE", "DELETE_IN_PROGRESS")
    explicit = JobKind(
        service="toy",
        name="x",
        body=lambda ctx: None,
        initial_status="A",
        phases=("B", "DONE"),
        failed_status="BAD",
        transitions={"A": ["B", "BAD"], "B": ["DONE", "BAD"]},
    )
    assert explicit.allows("A", "B") and not explicit.allows("A", "DONE")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"phases": ()}, "at least the success status"),
        ({"success_status": "DONE"}, "last phase must be the success status"),
        ({"recovery": "maybe"}, "recovery must be"),
        ({"cancelled_status": None}, "cancelling status needs a cancelled status"),
        ({"terminal": frozenset({"SUCCEEDED", "FAILED", "CANCELLED", "IMPORTING"})}, "is terminal"),
        ({"transitions": {"INITIALIZING": ["ANALYZING_DATA"]}}, "must allow ANALYZING_DATA -> IMPORTING"),
        (
            {
                "transitions": {
                    "INITIALIZING": ["ANALYZING_DATA"],
                    "ANALYZING_DATA": ["IMPORTING"],
                    "IMPORTING": ["SUCCEEDED"],
                }
            },
            "no way to FAILED",
        ),
    ],
)
def test_bad_tables_are_refused_at_declaration(make_kind, overrides, message):
    with pytest.raises(ValueError, match=message):
        make_kind(**overrides)


def test_a_body_skipping_a_phase_fails_the_job_as_an_internal_error(engine, make_kind, scope, caplog):
    def skipping(ctx):
        ctx.phase("IMPORTING")

    job = engine.start(make_kind(skipping), scope=scope)
    done = engine.wait(job.id)
    assert done.status == "FAILED"
    assert done.status_reason == (f"Dockyard failed to run job {job.id} because of an internal error; "
                                  "the server log has the details.")
    assert "INITIALIZING -> IMPORTING" in caplog.text  # the log has it, the user's reason does not



def test_a_body_may_not_enter_a_terminal_status(engine, make_kind, scope):
    seen = []

    def cheating(ctx):
        try:
            ctx.phase("SUCCEEDED")
        except TransitionError as exc:
            seen.append(str(exc))
            raise

    done = engine.wait(engine.start(make_kind(cheating), scope=scope).id)
    assert done.status == "FAILED" and "return to succeed" in seen[0]


def test_service_updates_are_checked_against_the_table(engine, make_kind, scope):
    kind = make_kind(
        body=None,
        extra_transitions={"SUCCEEDED": ["DELETED"]},
        terminal=frozenset({"SUCCEEDED", "FAILED", "CANCELLED", "DELETED"}),
    )
    job = engine.wait(engine.start(kind, scope=scope).id)
    with pytest.raises(TransitionError):
        engine.update(job.id, status="IMPORTING")
    updated = engine.update(job.id, status="DELETED", details={"note": "gone"})
    assert updated.status == "DELETED" and updated.terminal and updated.details["note"] == "gone"


def test_update_refuses_a_running_job(engine, make_kind, scope):
    job = engine.start(make_kind(), scope=scope, clock="manual")
    with pytest.raises(JobControlError, match="running"):
        engine.update(job.id, status="FAILED")
    engine.cancel(job.id)
    engine.advance(job.id)
