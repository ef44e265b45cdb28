"""Filters, sorting and pagination of the List* operations (``filters``, ``sortBy``, ``nextToken``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dockyard.service_kit import paginate
from dockyard.services.lexv2_models.errors import validation

Doc = dict[str, Any]


def _matches(doc: Doc, field: str, operator: str, value: str) -> bool:
    actual = doc.get(field)
    actual = "" if actual is None else str(actual)
    if operator == "EQ":
        return actual == value
    if operator == "NE":
        return actual != value
    return value.lower() in actual.lower()  # CO


def apply_filters(docs: list[Doc], filters: list[Doc] | None, fields: Mapping[str, str]) -> list[Doc]:
    """Keep the docs every filter accepts; ``fields`` maps a filter name to a doc member."""
    for flt in filters or []:
        name = flt["name"]
        if name not in fields:
            raise validation(f"Filter name {name} is not supported.")
        if len(flt["values"]) != 1:
            raise validation("A filter takes exactly one value.")
        docs = [d for d in docs if _matches(d, fields[name], flt["operator"], flt["values"][0])]
    return docs


def _sort_value(value: Any) -> Any:
    if isinstance(value, str):
        return (0, value.lower(), value)
    return (1, value, "")


def apply_sort(docs: list[Doc], sort_by: Doc | None, fields: Mapping[str, str], default: str) -> list[Doc]:
    """Sorted by ``sortBy`` (``fields`` maps an attribute to a doc member), else by ``default`` ascending."""
    attribute = (sort_by or {}).get("attribute")
    member = fields.get(attribute, default) if attribute else default
    descending = (sort_by or {}).get("order") == "Descending"
    return sorted(docs, key=lambda d: _sort_value(d.get(member)), reverse=descending)


def page(docs: list[Doc], params: Doc, default_max: int = 10) -> tuple[list[Doc], str | None]:
    """One page of ``docs`` per ``maxResults`` / ``nextToken`` (Lex's default page size is 10)."""
    return paginate(docs, params.get("maxResults"), params.get("nextToken"), default_max=default_max)
