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
    regex: re.Pattern[str]  # trailing slash not significant
    exact_regex: re.Pattern[str]  # trailing slash as the model writes it
    labels: tuple[str, ...]
    required_query: tuple[tuple[str, str | None], ...]
    specificity: tuple[int, int, int]

    def match(
        self, method: str, path: str, query: dict[str, list[str]], exact: bool = False
    ) -> dict[str, str] | None:
        """The uri labels if the request is this route; ``exact`` compares the trailing slash too."""
        if method != self.method:
            return None
        m = self.exact_regex.fullmatch(path) if exact else self.regex.fullmatch(normalise_path(path))
        if m is None:
            return None
        for key, value in self.required_query:
            if key not in query or (value is not None and value not in query[key]):
                return None
        return {label: unquote(m.group(i + 1)) for i, label in enumerate(self.labels)}


def normalise_path(path: str) -> str:
    """A path without its trailing slash (for requests that do not write it as the model does)."""
    if len(path) > 1 and path.endswith("/"):
        return path[:-1]
    return path


def _template_regex(path: str) -> tuple[str, list[str], int, int]:
    """(regex, label names, literal characters, greedy labels) of a requestUri path template."""
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
            pattern += "([^/]*)"  # an empty label matches, so it is refused, never routed elsewhere
        pos = m.end()
    literal_chars += len(path) - pos
    pattern += re.escape(path[pos:])
    return pattern, labels, literal_chars, greedy


def _compile(service: str, op: OperationModel) -> Route:
    raw_path, _, query = op.http["requestUri"].partition("?")
    exact_pattern = _template_regex(raw_path)[0]
    path = normalise_path(raw_path)
    pattern, labels, literal_chars, greedy = _template_regex(path)
    required: list[tuple[str, str | None]] = []
    for part in filter(None, query.split("&")):
        k, eq, v = part.partition("=")
        required.append((k, v if eq else None))
    return Route(
        service=service,
        operation=op,
        method=op.http["method"],
        regex=re.compile(pattern),
        exact_regex=re.compile(exact_pattern),
        labels=tuple(labels),
        required_query=tuple(required),
        specificity=(len(required), literal_chars - greedy * 1000, path.count("/")),
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
        self._of_services: dict[tuple[str, frozenset[str] | None], list[Route]] = {}

    def _routes(self, method: str, services: frozenset[str] | None) -> list[Route]:
        """The routes of ``method`` (of ``services`` only, when given), most specific first; memoised
        (a handful of service sets exist: one per signing name)."""
        found = self._of_services.get((method, services))
        if found is None:
            found = [r for r in self._by_method.get(method, ()) if services is None or r.service in services]
            self._of_services[(method, services)] = found
        return found

    def candidates(
        self, method: str, path: str, query: dict[str, list[str]], services: frozenset[str] | None = None
    ) -> list[tuple[Route, dict[str, str]]]:
        """Every route that matches, most specific first (several only where two models share a
        route). Routes whose trailing slash matches too win (Lex V1 ``/imports/{id}`` and V2
        ``/imports/{id}/`` differ by it alone); when none does, the slash is not significant."""
        # a route whose labels are all non-empty wins; an empty label matches last, so it is refused
        # as a validation error instead of landing on another operation (``GET /graphs//``)
        for allow_empty, exact in ((False, True), (True, True), (False, False), (True, False)):
            found: list[tuple[Route, dict[str, str]]] = []
            best: tuple[int, int, int] | None = None
            for route in self._routes(method, services):
                if best is not None and route.specificity < best:
                    break
                labels = route.match(method, path, query, exact)
                if labels is not None and (allow_empty or all(labels.values())):
                    found.append((route, labels))
                    best = route.specificity
            if found:
                return found
        return []
