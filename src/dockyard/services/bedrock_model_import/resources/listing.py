"""The filters and the order of ListModelImportJobs and ListImportedModels."""

from __future__ import annotations

from typing import Any


def select(views: list[dict[str, Any]], p: dict[str, Any], name_field: str) -> list[dict[str, Any]]:
    """creationTimeAfter/Before (strict), statusEquals, nameContains, then sortBy (CreationTime, the models'
    one value) in sortOrder (Descending unless asked); equal times keep name order."""
    if p.get("creationTimeAfter"):
        views = [v for v in views if v["creationTime"] > p["creationTimeAfter"]]
    if p.get("creationTimeBefore"):
        views = [v for v in views if v["creationTime"] < p["creationTimeBefore"]]
    if p.get("statusEquals"):
        views = [v for v in views if v["status"] == p["statusEquals"]]
    if p.get("nameContains"):
        views = [v for v in views if p["nameContains"] in v[name_field]]
    descending = p.get("sortOrder", "Descending") == "Descending"
    return sorted(views, key=lambda v: (v["creationTime"], v[name_field]), reverse=descending)
