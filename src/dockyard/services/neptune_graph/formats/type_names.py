"""Type names of the load formats' column headers (case-insensitive) and their value types."""

from __future__ import annotations

from dockyard.graph import ValueType

ANY = "Any"

GREMLIN_TYPES: dict[str, ValueType | str] = {
    "bool": ValueType.BOOL,
    "boolean": ValueType.BOOL,
    "byte": ValueType.BYTE,
    "short": ValueType.SHORT,
    "int": ValueType.INT,
    "integer": ValueType.INT,
    "long": ValueType.LONG,
    "float": ValueType.FLOAT,
    "double": ValueType.DOUBLE,
    "string": ValueType.STRING,
    "date": ValueType.DATE,
    "datetime": ValueType.DATETIME,
    "any": ANY,
}

# openCypher: Char, Date, LocalDate, LocalDateTime, Duration and Point are loaded verbatim as strings.
OPENCYPHER_TYPES: dict[str, ValueType] = {
    "bool": ValueType.BOOL,
    "boolean": ValueType.BOOL,
    "byte": ValueType.BYTE,
    "short": ValueType.SHORT,
    "int": ValueType.INT,
    "long": ValueType.LONG,
    "float": ValueType.FLOAT,
    "double": ValueType.DOUBLE,
    "string": ValueType.STRING,
    "datetime": ValueType.DATETIME,
    "char": ValueType.STRING,
    "date": ValueType.STRING,
    "localdate": ValueType.STRING,
    "localdatetime": ValueType.STRING,
    "duration": ValueType.STRING,
    "point": ValueType.STRING,
}


def any_element_type(name: str) -> ValueType | None:
    """The type named inside an ``Any`` value's JSON (Gremlin spelling, case-insensitive)."""
    found = GREMLIN_TYPES.get(name.lower())
    return found if isinstance(found, ValueType) else None


def split_type_suffix(header: str) -> tuple[str, str | None]:
    """``name:Type`` -> (name, Type); ``\\:`` in the name is an escaped colon; no colon -> (name, None)."""
    i = len(header) - 1
    while i >= 0:
        if header[i] == ":" and (i == 0 or header[i - 1] != "\\"):
            return header[:i].replace("\\:", ":"), header[i + 1 :]
        i -= 1
    return header.replace("\\:", ":"), None
