"""Injected API faults: the throttling and delay rules the gateway consults before handling a call.

Job fault injection (the failure of the next job of a kind) belongs to the job engine
(``dockyard.jobs.faults``), whose ``FaultInjector`` extends ``Throttles``.
"""

from dockyard.faults.delays import DelayRule
from dockyard.faults.throttling import ANY_OPERATION, ThrottleRule, Throttles

__all__ = ["ANY_OPERATION", "DelayRule", "ThrottleRule", "Throttles"]
