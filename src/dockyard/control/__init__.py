"""The control plane: list, advance, pause, fail or cancel jobs, reset state, inject faults.

The same functions serve Python callers (``dockyard.control.advance_job(engine, job_id)``) and the
``/_dockyard/`` HTTP routes (``handle_control_request``). Each takes the job engine or a runtime
holding one.
"""

from dockyard.control.faults import (
    Faults,
    clear_faults,
    inject_delay,
    inject_job_failure,
    inject_throttle,
    list_faults,
    should_throttle,
)
from dockyard.control.http_routes import handle_control_request
from dockyard.control.jobs import (
    advance_job,
    cancel_job,
    fail_job,
    get_clocks,
    get_job,
    list_jobs,
    pause_job,
    reset_state,
    resume_job,
    set_default_clock,
    set_job_clock,
)

__all__ = [
    "Faults",
    "advance_job",
    "cancel_job",
    "clear_faults",
    "fail_job",
    "get_clocks",
    "get_job",
    "handle_control_request",
    "inject_delay",
    "inject_job_failure",
    "inject_throttle",
    "list_faults",
    "list_jobs",
    "pause_job",
    "reset_state",
    "resume_job",
    "set_default_clock",
    "set_job_clock",
    "should_throttle",
]
