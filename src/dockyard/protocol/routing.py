"""Route tables compiled from the botocore models: (method, path, query) -> operation + uri labels."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

from botocore.model import OperationModel, ServiceModel

_LABEL = re.compile(r"\{([^}]+)\}")


@dataclass(frozen=True)
class Route:
    service: str
    operation: OperationModel
    method: str
    regex: re.Pattern[str]
    labels: tuple[str, ...]
    required_query: tuple[tuple[str, str | None], ...]
    specificity: tuple[int, int, int]

    def match(self, method: str, path: str, query: dict[str, list[str]]) -> dict[str, str] | None:
        if method != self.method:
            return None
        m = self.regex.fullmatch(path)
        if m is None:
            return None
        for key, value in self.required_query:
            if key not in query or (value is not None and value not in query[key]):
                return None
        return {label: unquote(m.group(i + 1)) for i, label in enumerate(self.labels)}


def normalise_path(path: str) -> str:
    """Paths compare without a trailing slash (botocore keeps the model's, users may not)."""
    if len(path) > 1 and path.endswith("/"):
        return path.rstrip("/") or "/"
    return path


def _compile(service: str, op: OperationModel) -> Route:
    uri = op.http["requestUri"]
    path, _, query = uri.partition("?")
    path = normalise_path(path)
    labels: list[str] = []
    pattern = ""
    pos = 0
    literal_chars = 0
    greedy = 0
    for m in _LABEL.finditer(path):
        literal = path[pos : m.start()]
        literal_chars += len(literal)
        pattern += re.escape(literal)
        name = m.group(1)
        if name.endswith("+"):
            greedy += 1
            labels.append(name[:-1])
            pattern += "(.+)"
        else:
            labels.append(name)
            pattern += "([^/]+)"
        pos = m.end()
    literal_chars += len(path) - pos
    pattern += re.escape(path[pos:])
    required: list[tuple[str, str | None]] = []
    for part in filter(None, query.split("&")):
        k, eq, v = part.partition("=")
        required.append((k, v if eq else None))
    segments = path.count("/")
    return Route(
        service=service,
        operation=op,
        method=op.http["method"],
        regex=re.compile(pattern),
        labels=tuple(labels),
        required_query=tuple(required),
        specificity=(len(required), literal_chars - greedy * 1000, segments),
    )


class Router:
    """Finds the operations a request can be, most specific first."""

    def __init__(self, models: dict[str, ServiceModel]) -> None:
        routes = [
            _compile(name, model.operation_model(op_name))
            for name, model in models.items()
            for op_name in model.operation_names
        ]
        routes.sort(key=lambda r: r.specificity, reverse=True)
        self._by_method: dict[str, list[Route]] = {}
        for r in routes:
            self._by_method.setdefault(r.method, []).append(r)

    def candidates(
        self, method: str, path: str, query: dict[str, list[str]], services: frozenset[str] | None = None
    ) -> list[tuple[Route, dict[str, str]]]:
        """Every route that matches, most specific first (several only where two models share a route)."""
        path = normalise_path(path)
        found: list[tuple[Route, dict[str, str]]] = []
        best: tuple[int, int, int] | None = None
        for route in self._by_method.get(method, ()):
            if services is not None and route.service not in services:
                continue
            if best is not None and route.specificity < best:
                break
            labels = route.match(method, path, query)
            if labels is not None:
                found.append((route, labels))
                best = route.specificity
        return found
