"""Whether a client has handlers of its user's own on the events of botocore's wire path.

``direct_answers`` skips botocore's wire path (``request-created``, ``choose-signer``,
``before-sign``, ``before-send``, ``response-received``, ``needs-retry``, ``before-parse``). That is
invisible to botocore's, boto3's, moto's and Dockyard's own handlers, but a user's handler on one of
those events (one that sets a header before signing, records requests, ...) must still run: such a
client keeps the wire path. So must a handler of the user's on ``before-call`` itself: botocore
calls that event's handlers until one answers, and ``direct_answers`` answers ahead of one registered
on ``before-call`` for every service (a handler for the service or operation comes first anyway).
botocore has no public way to list an emitter's handlers; this module reads its emitter's handler
trie, and answers "yes, the user listens" whenever that is not possible, so a botocore that changes
those internals costs speed, never behaviour.
"""

from __future__ import annotations

import weakref
from typing import Any

WIRE_EVENTS = (
    "before-call",  # a handler registered on all of before-call comes after direct_answers: never reached
    "request-created",
    "choose-signer",
    "before-sign",
    "before-send",
    "response-received",
    "needs-retry",
    "before-parse",
)
_OWN_PACKAGES = ("botocore", "boto3", "s3transfer", "moto", "dockyard")
# per emitter: the lookup cache botocore replaces on every (un)register, and the answers since then
_known: weakref.WeakKeyDictionary[Any, tuple[Any, dict[str, bool]]] = weakref.WeakKeyDictionary()


def user_listens(request_signer: Any, service_id: str, operation: str) -> bool:
    """Whether the client of ``request_signer`` has a handler outside botocore, boto3, moto and
    Dockyard on a wire-path event of ``operation``."""
    try:
        emitter = request_signer._event_emitter._emitter  # the client's HierarchicalEmitter
        cache = emitter._lookup_cache
        trie = emitter._handlers
    except (AttributeError, ReferenceError):
        return True
    known = _known.get(emitter)
    if known is None or known[0] is not cache:
        known = (cache, {})
        _known[emitter] = known
    key = f"{service_id}.{operation}"
    answer = known[1].get(key)
    if answer is None:
        try:
            answer = any(
                not _own(handler) for event in WIRE_EVENTS for handler in trie.prefix_search(f"{event}.{key}")
            )
        except Exception:  # an unknown botocore: keep the wire path
            answer = True
        known[1][key] = answer
    return answer


def _own(handler: Any) -> bool:
    module = getattr(handler, "__module__", None)
    if module is None:
        func = getattr(handler, "func", None)  # functools.partial
        module = getattr(func, "__module__", None)
    if module is None:
        module = type(handler).__module__  # a callable object
    return isinstance(module, str) and module.split(".", 1)[0] in _OWN_PACKAGES
