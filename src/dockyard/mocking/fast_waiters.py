"""Waiters that do not sleep their service's default delay inside ``dockyard.mock()``.

botocore's waiters poll, then sleep ``Delay`` seconds (60 for ``graph_available``, 30 for Lex V2's)
before the next poll. In-process, Dockyard's jobs end in milliseconds (instant clock) or when the
test advances them (manual clock): sleeping a minute is all waste. For a client whose service
Dockyard serves, while a mock is active, a waiter keeps botocore's own loop and acceptors but polls
every ``FAST_DELAY`` seconds, with ``MaxAttempts`` raised so that its total patience
(``Delay x MaxAttempts``, the user's ``WaiterConfig`` or the model's) is what it was. Waiters of
other services (moto's S3, ...) and every waiter outside a mock are botocore's, untouched. Against
``dockyard serve`` the client is a normal one: botocore's delays apply (pass ``WaiterConfig``).
"""

from __future__ import annotations

import math
from typing import Any

import botocore.waiter

from dockyard.mocking.botocore_hook import STUBBER

FAST_DELAY = 0.05  # seconds between polls of a Dockyard-served waiter in the mock


def fast_config(delay: float, max_attempts: int) -> dict[str, Any]:
    """The ``WaiterConfig`` that polls every ``FAST_DELAY`` s with the same total patience."""
    if delay <= FAST_DELAY:
        return {"Delay": delay, "MaxAttempts": max_attempts}
    return {"Delay": FAST_DELAY, "MaxAttempts": max(max_attempts, math.ceil(delay * max_attempts / FAST_DELAY))}


def _served_by_dockyard(client: Any) -> bool:
    runtime = STUBBER.current()
    return runtime is not None and client.meta.service_model.signing_name in runtime.gateway.signing_names


def _with_fast_wait(waiter: Any, client: Any) -> Any:
    botocore_wait = waiter.wait

    def wait(**kwargs: Any) -> None:
        if not _served_by_dockyard(client):
            return botocore_wait(**kwargs)
        config = dict(kwargs.pop("WaiterConfig", None) or {})
        delay = float(config.get("Delay", waiter.config.delay))
        attempts = int(config.get("MaxAttempts", waiter.config.max_attempts))
        return botocore_wait(WaiterConfig={**config, **fast_config(delay, attempts)}, **kwargs)

    wait.__doc__ = botocore_wait.__doc__
    waiter.wait = wait
    return waiter


def install() -> None:
    """Wrap botocore's waiter factory (idempotent); ``client.get_waiter`` calls it by module name."""
    original = botocore.waiter.create_waiter_with_client
    if getattr(original, "_dockyard_fast", False):
        return

    def create_waiter_with_client(waiter_name: str, waiter_model: Any, client: Any) -> Any:
        return _with_fast_wait(original(waiter_name, waiter_model, client), client)

    create_waiter_with_client._dockyard_fast = True  # type: ignore[attr-defined]
    botocore.waiter.create_waiter_with_client = create_waiter_with_client
