"""Neptune's temporal values: ``datetime`` (UTC, millisecond precision) and, in Neptune Analytics, ``date``.

``datetime(text)`` reads the forms Neptune documents: ``[date]T[time][zone]`` with dates ``yyyy-MM-dd``,
``yyyyMMdd``, ``yyyy-MM``, ``yyyyMM``, ``yyyy-DDD``, ``yyyyDDD``, ``yyyy``, times ``HH:mm:ss.SSS``,
``HH:mm:ss``, ``HHmmss.SSS``, ``HHmmss``, ``HH:mm``, ``HHmm``, ``HH`` and zones ``Z``, ``±HH:mm``,
``±HHmm``, ``±HH`` (−14:00..+14:00, UTC when absent); with a zone other than ``Z`` only the dates
``yyyy-MM-dd``, ``yyyy-DDD``, ``yyyyDDD`` and the times ``HH:mm:ss[.SSS]``. Years 1400..9999. Values are
kept in UTC. ``datetime()`` and ``timestamp()`` read the statement clock: one instant per query.
The other openCypher temporal types (localdatetime, time, localtime, duration) and temporal
arithmetic are not Neptune's: they raise ``UnsupportedOperation``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from dockyard.graph.query.conversions import type_name
from dockyard.graph.query.errors import QueryError, UnsupportedOperation

_DATE_FORMS = (
    (re.compile(r"(\d{4})-(\d{2})-(\d{2})"), "ymd", True),
    (re.compile(r"(\d{4})(\d{2})(\d{2})"), "ymd", False),
    (re.compile(r"(\d{4})-(\d{3})"), "yd", True),
    (re.compile(r"(\d{4})(\d{3})"), "yd", True),
    (re.compile(r"(\d{4})-(\d{2})"), "ym", False),
    (re.compile(r"(\d{4})(\d{2})"), "ym", False),
    (re.compile(r"(\d{4})"), "y", False),
)
_TIME_FORMS = (
    (re.compile(r"(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?"), True),
    (re.compile(r"(\d{2})(\d{2})(\d{2})(?:\.(\d{1,9}))?"), False),
    (re.compile(r"(\d{2}):(\d{2})()()"), False),
    (re.compile(r"(\d{2})(\d{2})()()"), False),
    (re.compile(r"(\d{2})()()()"), False),
)
_ZONE = re.compile(r"(.*?)(Z|[+-]\d{2}(?::?\d{2})?)?")
MIN_YEAR, MAX_YEAR = 1400, 9999

# openCypher temporal functions Neptune does not have.
UNSUPPORTED = frozenset({
    "localdatetime", "localtime", "time", "duration", "duration.between", "duration.inmonths",
    "duration.indays", "duration.inseconds", "datetime.fromepoch", "datetime.fromepochmillis",
    "datetime.truncate", "datetime.transaction", "datetime.statement", "datetime.realtime",
    "date.truncate", "date.transaction", "date.statement", "date.realtime", "localdatetime.truncate",
    "localtime.truncate", "time.truncate", "localdatetime.transaction", "localdatetime.statement",
    "localdatetime.realtime", "localtime.transaction", "localtime.statement", "localtime.realtime",
    "time.transaction", "time.statement", "time.realtime",
})  # fmt: skip


def _bad(text: str) -> QueryError:
    return QueryError(f"Invalid date/time format: '{text}'")


def _date(text: str, zoned: bool, whole: str) -> dt.date:
    for pattern, kind, zone_ok in _DATE_FORMS:
        m = pattern.fullmatch(text)
        if m is None:
            continue
        if zoned and not zone_ok:
            raise _bad(whole)
        year = int(m.group(1))
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise QueryError(f"Date out of range (1400-01-01..9999-12-31): '{whole}'")
        try:
            if kind == "yd":
                day = int(m.group(2))
                if not 1 <= day <= (366 if dt.date(year, 12, 31).timetuple().tm_yday == 366 else 365):
                    raise ValueError
                return dt.date(year, 1, 1) + dt.timedelta(days=day - 1)
            month = int(m.group(2)) if kind in ("ymd", "ym") else 1
            return dt.date(year, month, int(m.group(3)) if kind == "ymd" else 1)
        except ValueError as err:
            raise _bad(whole) from err
    raise _bad(whole)


def _time(text: str, zoned: bool, whole: str) -> dt.time:
    for pattern, zone_ok in _TIME_FORMS:
        m = pattern.fullmatch(text)
        if m is None:
            continue
        if zoned and not zone_ok:
            raise _bad(whole)
        hour, minute, second, fraction = m.groups()
        millis = int((fraction + "00")[:3]) if fraction else 0
        try:
            return dt.time(int(hour), int(minute or 0), int(second or 0), millis * 1000)
        except ValueError as err:
            raise _bad(whole) from err
    raise _bad(whole)


def _zone(text: str, whole: str) -> dt.timezone:
    if text == "Z":
        return dt.UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:] or 0)
    offset = dt.timedelta(hours=hours, minutes=minutes)
    if minutes > 59 or offset > dt.timedelta(hours=14):
        raise QueryError(f"Time zone offset out of range (-14:00..+14:00): '{whole}'")
    return dt.timezone(sign * offset)


def parse_datetime(text: str) -> dt.datetime:
    """One of Neptune's datetime strings as a UTC datetime of millisecond precision (a date alone is
    midnight UTC)."""
    date_part, sep, rest = text.partition("T")
    if not sep:
        return dt.datetime.combine(_date(text, False, text), dt.time(), dt.UTC)
    m = _ZONE.fullmatch(rest)
    assert m is not None
    body, zone_text = m.group(1), m.group(2)
    zoned = zone_text not in (None, "Z")
    day = _date(date_part, zoned, text)
    clock = _time(body, zoned, text)
    tz = _zone(zone_text, text) if zone_text else dt.UTC
    try:
        moment = dt.datetime.combine(day, clock, tz).astimezone(dt.UTC)
    except OverflowError:
        moment = dt.datetime.max.replace(tzinfo=dt.UTC)
    if not MIN_YEAR <= moment.year <= MAX_YEAR or moment == dt.datetime.max.replace(tzinfo=dt.UTC):
        raise QueryError(f"Date out of range (1400-01-01..9999-12-31): '{text}'")
    return moment


def parse_date(text: str) -> dt.date:
    return _date(text, False, text)


def now_millis() -> dt.datetime:
    now = dt.datetime.now(dt.UTC)
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


def datetime_of(value: Any) -> Any:
    """``datetime(x)``: a string read as above; a datetime as itself; a date at midnight UTC."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time(), dt.UTC)
    if isinstance(value, str):
        return parse_datetime(value)
    if isinstance(value, dict):
        raise UnsupportedOperation("datetime() of a map is not supported by Neptune; pass an ISO-8601 string")
    raise QueryError(f"Type mismatch: datetime() expects a string but was {type_name(value)}")


def date_of(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return parse_date(value)
    if isinstance(value, dict):
        raise UnsupportedOperation("date() of a map is not supported by Neptune; pass an ISO-8601 string")
    raise QueryError(f"Type mismatch: date() expects a string but was {type_name(value)}")


def epochmillis(value: Any) -> Any:
    if value is None:
        return None
    moment = datetime_of(value)
    return (moment - dt.datetime(1970, 1, 1, tzinfo=dt.UTC)) // dt.timedelta(milliseconds=1)


def _field(name: str) -> Callable[[Any], Any]:
    def get(value: Any) -> Any:
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            return getattr(value.astimezone(dt.UTC), name)
        if isinstance(value, dt.date):
            return getattr(value, name)
        raise QueryError(f"Type mismatch: {name}() expects a datetime or a date but was {type_name(value)}")

    get.__name__ = name
    return get


def statement_clock() -> dict[str, Callable[..., Any]]:
    """``datetime()``, ``date()`` and ``timestamp()`` over one instant, read at the first call of a query."""
    instant: list[dt.datetime] = []

    def now() -> dt.datetime:
        if not instant:
            instant.append(now_millis())
        return instant[0]

    def datetime_fn(*args: Any) -> Any:
        if len(args) > 1:
            raise QueryError("datetime() takes at most one argument")
        return now() if not args else datetime_of(args[0])

    def date_fn(*args: Any) -> Any:
        if len(args) > 1:
            raise QueryError("date() takes at most one argument")
        return now().date() if not args else date_of(args[0])

    def timestamp_fn() -> int:
        return epochmillis(now())

    return {"datetime": datetime_fn, "date": date_fn, "timestamp": timestamp_fn}


FUNCTIONS: dict[str, Callable[..., Any]] = {
    **statement_clock(),
    "epochmillis": epochmillis,
    "year": _field("year"),
    "month": _field("month"),
    "day": _field("day"),
}
