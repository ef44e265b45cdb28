"""Numeric, logarithmic and trigonometric functions with Java's double semantics (a domain error is NaN,
an overflow ±Infinity; never a Python exception). A null argument gives null."""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from typing import Any

from dockyard.graph.query.conversions import check_long, type_name
from dockyard.graph.query.errors import CypherTypeError
from dockyard.graph.query.ordering import is_number


def _number(fn: str, v: Any) -> int | float:
    if not is_number(v):
        raise CypherTypeError(f"Type mismatch: {fn}() expects a number but was {type_name(v)}", "InvalidArgumentValue")
    return v


def _double(name: str, op: Callable[[float], float]) -> Callable[[Any], Any]:
    def fn(x: Any) -> Any:
        if x is None:
            return None
        v = float(_number(name, x))
        try:
            return op(v)
        except ValueError:
            return math.nan
        except OverflowError:
            return math.inf

    return fn


def _abs(x: Any) -> Any:
    if x is None:
        return None
    v = _number("abs", x)
    return check_long(abs(v)) if isinstance(v, int) else abs(v)


def _sign(x: Any) -> Any:
    if x is None:
        return None
    v = _number("sign", x)
    if isinstance(v, float) and math.isnan(v):
        return 0
    return (v > 0) - (v < 0)


def _round(x: Any) -> Any:
    """Java's Math.round: half up (towards positive infinity), as a float."""
    if x is None:
        return None
    v = float(_number("round", x))
    return v if math.isnan(v) or math.isinf(v) else float(math.floor(v + 0.5))


def _rounding(name: str, op: Callable[[float], int]) -> Callable[[Any], Any]:
    def fn(x: Any) -> Any:
        if x is None:
            return None
        v = float(_number(name, x))
        return v if math.isnan(v) or math.isinf(v) else float(op(v))

    return fn


def _log(base_log: Callable[[float], float]) -> Callable[[float], float]:
    def op(v: float) -> float:
        if v == 0:
            return -math.inf
        return math.nan if v < 0 or math.isnan(v) else base_log(v)

    return op


def _sqrt(v: float) -> float:
    return math.nan if v < 0 else math.sqrt(v)


def _cot(v: float) -> float:
    t = math.tan(v)
    return math.copysign(math.inf, v) if t == 0 else 1 / t


def _atan2(y: Any, x: Any) -> Any:
    if y is None or x is None:
        return None
    return math.atan2(float(_number("atan2", y)), float(_number("atan2", x)))


def _trig(op: Callable[[float], float]) -> Callable[[float], float]:
    def safe(v: float) -> float:
        return math.nan if math.isinf(v) or math.isnan(v) else op(v)

    return safe


FUNCTIONS: dict[str, Callable[..., Any]] = {
    "abs": _abs,
    "ceil": _rounding("ceil", math.ceil),
    "floor": _rounding("floor", math.floor),
    "round": _round,
    "sign": _sign,
    "rand": random.random,
    "e": lambda: math.e,
    "pi": lambda: math.pi,
    "exp": _double("exp", math.exp),
    "log": _double("log", _log(math.log)),
    "log10": _double("log10", _log(math.log10)),
    "sqrt": _double("sqrt", _sqrt),
    "sin": _double("sin", _trig(math.sin)),
    "cos": _double("cos", _trig(math.cos)),
    "tan": _double("tan", _trig(math.tan)),
    "cot": _double("cot", _trig(_cot)),
    "asin": _double("asin", math.asin),
    "acos": _double("acos", math.acos),
    "atan": _double("atan", math.atan),
    "atan2": _atan2,
    "degrees": _double("degrees", math.degrees),
    "radians": _double("radians", math.radians),
}
