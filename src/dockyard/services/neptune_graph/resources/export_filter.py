"""``exportFilter`` of StartExportTask: validation and the selection it describes.

Semantics (aws-formats §1.8 plus the decisions in ``docs/neptune-export.md``):

* ``exportFilter`` absent: every vertex and edge, every property, types inferred, all values.
* ``exportFilter`` ``{}``: nothing at all.
* Otherwise per side: ``vertexFilter`` / ``edgeFilter`` absent = everything of that side; ``{}`` =
  nothing of that side; a map = only the labels named, each with the properties named (or, when a
  label's ``properties`` is absent, all of its properties, inferred).
* ``_VERTEX_ALL_LABELS_`` / ``_EDGE_ALL_LABELS_``: one schema for every vertex / edge (labels
  ``;``-joined); such a key must be the only key of its map.
* A property: output name -> ``sourcePropertyName`` (default: the output name), ``outputType``
  (default: inferred; several stored types give ``Any``), ``multiValueHandling`` (default
  ``PICK_FIRST``; ``Float[]``/``Double[]`` imply ``TO_LIST``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

VERTEX_ALL_LABELS = "_VERTEX_ALL_LABELS_"
EDGE_ALL_LABELS = "_EDGE_ALL_LABELS_"
ARRAY_TYPES = {"Float[]": "Float", "Double[]": "Double"}
TYPE_ALIASES = {"Boolean": "Bool"}


class InvalidFilter(ValueError):
    """The filter cannot be used; the message is the ValidationException's."""


@dataclass(frozen=True)
class PropertyRule:
    """One exported property column."""

    output_name: str
    source_name: str
    output_type: str | None  # a ValueType value, "Any", or None (inferred)
    to_list: bool


@dataclass(frozen=True)
class LabelRule:
    """What to export of one label (or of all labels): ``properties`` None = every property, inferred,
    every value (the unfiltered export)."""

    properties: tuple[PropertyRule, ...] | None


@dataclass(frozen=True)
class SideSelection:
    """Vertices or edges: ``rules`` maps a label to its rule; ``all_labels`` = one schema for all
    elements (``rules`` then holds the single rule under the special key); ``everything`` = the
    unfiltered export of this side (one file set per label, label-less vertices included)."""

    rules: Mapping[str, LabelRule]
    all_labels: bool = False
    everything: bool = False

    @property
    def empty(self) -> bool:
        return not self.everything and not self.rules


EVERYTHING = SideSelection({}, everything=True)
NOTHING = SideSelection({})


@dataclass(frozen=True)
class ExportSelection:
    vertices: SideSelection
    edges: SideSelection


def _property(side: str, label: str, name: str, attrs: Mapping[str, Any]) -> PropertyRule:
    where = f"{side}.{label}.properties.{name}"
    raw_type = attrs.get("outputType")
    handling = attrs.get("multiValueHandling")
    output_type = TYPE_ALIASES.get(raw_type, raw_type) if raw_type is not None else None
    to_list = handling == "TO_LIST"
    if output_type in ARRAY_TYPES:
        if side == "edgeFilter":
            raise InvalidFilter(f"{where}: edge properties are single-valued; outputType {raw_type} is not allowed.")
        if handling == "PICK_FIRST":
            raise InvalidFilter(
                f"{where}: outputType {raw_type} is a list; multiValueHandling PICK_FIRST contradicts it."
            )
        output_type, to_list = ARRAY_TYPES[output_type], True
    if side == "edgeFilter":
        to_list = False  # an edge property has one value: TO_LIST and PICK_FIRST agree
    return PropertyRule(name, attrs.get("sourcePropertyName") or name, output_type, to_list)


def _side(side: str, raw: Mapping[str, Any] | None, special: str, other_special: str) -> SideSelection:
    if raw is None:
        return EVERYTHING
    if not raw:
        return NOTHING
    if other_special in raw:
        raise InvalidFilter(f"{side}: {other_special} can only be used in the "
                            f"{'edgeFilter' if side == 'vertexFilter' else 'vertexFilter'}.")
    if special in raw and len(raw) > 1:
        raise InvalidFilter(f"{side}: {special} exports every label with one schema; it cannot be combined with "
                            f"other labels ({', '.join(sorted(k for k in raw if k != special))}).")
    rules: dict[str, LabelRule] = {}
    for label, element in raw.items():
        props = (element or {}).get("properties")
        if props is None:
            rules[label] = LabelRule(None)
            continue
        rules[label] = LabelRule(tuple(_property(side, label, name, attrs or {}) for name, attrs in props.items()))
    return SideSelection(rules, all_labels=special in raw)


def parse_filter(raw: Mapping[str, Any] | None) -> ExportSelection:
    """The selection an ``exportFilter`` describes; raises :class:`InvalidFilter`."""
    if raw is None:
        return ExportSelection(EVERYTHING, EVERYTHING)
    if not raw:
        return ExportSelection(NOTHING, NOTHING)
    return ExportSelection(
        _side("vertexFilter", raw.get("vertexFilter"), VERTEX_ALL_LABELS, EDGE_ALL_LABELS),
        _side("edgeFilter", raw.get("edgeFilter"), EDGE_ALL_LABELS, VERTEX_ALL_LABELS),
    )
