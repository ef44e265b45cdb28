"""How N-Triples literal datatypes map to property value types (documented decision).

xsd:integer and its unbounded/long derivations -> Long; xsd:int -> Int; xsd:short -> Short;
xsd:byte -> Byte; unsigned types -> the next wider signed type; xsd:double and xsd:decimal ->
Double; xsd:float -> Float; xsd:boolean -> Bool (``true``/``1``); xsd:dateTime(Stamp) -> Datetime;
xsd:date -> Date; everything else (xsd:string, language-tagged strings, other datatypes) -> String
holding the lexical form. An ill-typed literal (``"abc"^^xsd:integer``) is kept as a String rather
than rejected.
"""

from __future__ import annotations

from dockyard.graph import ValueType

XSD = "http://www.w3.org/2001/XMLSchema#"

XSD_TYPES: dict[str, ValueType] = {
    XSD + "integer": ValueType.LONG,
    XSD + "long": ValueType.LONG,
    XSD + "nonNegativeInteger": ValueType.LONG,
    XSD + "nonPositiveInteger": ValueType.LONG,
    XSD + "positiveInteger": ValueType.LONG,
    XSD + "negativeInteger": ValueType.LONG,
    XSD + "unsignedLong": ValueType.LONG,
    XSD + "unsignedInt": ValueType.LONG,
    XSD + "int": ValueType.INT,
    XSD + "unsignedShort": ValueType.INT,
    XSD + "short": ValueType.SHORT,
    XSD + "unsignedByte": ValueType.SHORT,
    XSD + "byte": ValueType.BYTE,
    XSD + "double": ValueType.DOUBLE,
    XSD + "decimal": ValueType.DOUBLE,
    XSD + "float": ValueType.FLOAT,
    XSD + "boolean": ValueType.BOOL,
    XSD + "dateTime": ValueType.DATETIME,
    XSD + "dateTimeStamp": ValueType.DATETIME,
    XSD + "date": ValueType.DATE,
}


def value_type_of(datatype_iri: str) -> ValueType:
    """The value type a literal of this datatype is stored as."""
    return XSD_TYPES.get(datatype_iri, ValueType.STRING)
