"""Which operations moto answers, for the services whose unimplemented operations fall through to it.

moto dispatches a request to the method of its ``<service>.responses`` class named for the
operation and raises ``NotImplementedError`` (a plain-text 500, retried by every SDK) when there is
none. The gateway asks here first and answers ``NotImplementedException`` itself instead.
"""

from __future__ import annotations

import importlib
import inspect
from functools import cache

from botocore import xform_name


@cache
def _response_class(model_name: str) -> type | None:
    try:
        module = importlib.import_module(f"moto.{model_name.replace('-', '')}.responses")
        base = importlib.import_module("moto.core.responses").BaseResponse
    except ImportError:
        return None
    classes = [c for _, c in inspect.getmembers(module, inspect.isclass) if issubclass(c, base) and c is not base]
    return classes[0] if len(classes) == 1 else None


def moto_implements(model_name: str, operation: str) -> bool:
    """Whether moto has a handler for ``operation`` of the botocore service ``model_name``."""
    cls = _response_class(model_name)
    return cls is not None and callable(getattr(cls, xform_name(operation), None))
