"""The TCK harness's parts: .feature reading, a setup-graph builder for CREATE scripts, value
comparison, and side effects.

A scenario's ``having executed`` CREATE script is turned into vertex and edge batches of a fresh
in-memory GraphStore where it can be (so the graph is the one the TCK means: ``CREATE ()`` makes a
node there, while under Neptune Analytics' rules it changes nothing); other setup scripts (MATCH,
MERGE, UNWIND, ...) run through the engine. Side effects are counted as the TCK defines them, by
comparing the graph before and after the query: node and relationship ids, label names in use,
and (element, key, value) property triples.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa

from dockyard.graph import EdgeBatch, GraphStore, PropertyColumn, ValueType, VertexBatch
from dockyard.graph.query import ast as A
from dockyard.graph.query import execute, parse
from dockyard.graph.query.errors import QueryError
from dockyard.graph.query.expressions import Evaluator, equals
from dockyard.graph.query.semantics import ProcedureSignature
from dockyard.graph.query.values import Node, Rel
from dockyard.graph.query.values import Path as GPath
from tests.graph.query.tck_values import CellReader


class Unsupported(Exception):
    """A scenario this harness cannot set up or compare (a gap, reported as such)."""


@dataclass
class Step:
    """One ``executing (control) query`` step and what follows it."""

    query: str
    control: bool = False
    expect: str | None = None  # "any order", "in order", "empty", "error", or None
    table: list[list[str]] = field(default_factory=list)
    side_effects: dict[str, int] | None = None  # None: not checked; {} : no side effects
    error: tuple[str, str, str] | None = None  # expected error: (type, phase, detail); detail "*": any
    unordered_lists: bool = False  # "(ignoring element order for lists)": lists in the rows compared as bags


@dataclass
class ProcedureSpec:
    """``there exists a procedure test.my.proc(in :: INTEGER?) :: (out :: STRING?):`` and its table."""

    name: str
    inputs: list[str]
    outputs: list[str]
    table: list[list[str]] = field(default_factory=list)
    input_types: list[str] = field(default_factory=list)  # ``INTEGER?``, ... (one per input)
    output_types: list[str] = field(default_factory=list)

    @property
    def signature(self) -> ProcedureSignature:
        return ProcedureSignature(tuple(zip(self.inputs, self.input_types, strict=True)),
                                  tuple(zip(self.outputs, self.output_types, strict=True)))  # fmt: skip


@dataclass
class Scenario:
    feature: str
    name: str
    setup: list[str] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    params: dict[str, str] = field(default_factory=dict)
    outline: bool = False
    named_graph: str | None = None  # ``Given the binary-tree-1 graph``: its script (``named_graph_script``) first
    procedures: list[ProcedureSpec] = field(default_factory=list)
    examples: list[list[list[str]]] = field(default_factory=list)  # an outline's Examples blocks (header first)

    @property
    def key(self) -> str:
        return f"{self.feature}: {self.name}"

    @property
    def query(self) -> str | None:
        return self.steps[0].query if self.steps else None

    @property
    def expect(self) -> str | None:
        return self.steps[-1].expect if self.steps else None


def read_features(root: Path) -> list[Scenario]:
    """Every scenario of the features under ``root``; an outline becomes one scenario per example row
    (``name #k``), its ``<placeholders>`` filled in."""
    out: list[Scenario] = []
    for path in sorted(root.rglob("*.feature")):
        for scenario in _read_feature(path, str(path.relative_to(root))):
            out += _expand(scenario) if scenario.outline and scenario.examples else [scenario]
    return out


def _expand(s: Scenario) -> list[Scenario]:
    out: list[Scenario] = []
    for block in s.examples:
        header, *rows = block
        for row in rows:
            values = dict(zip(header, row, strict=True))

            def fill(text: str, values: dict[str, str] = values) -> str:
                return re.sub(r"<([^<>]+)>", lambda m: values.get(m.group(1), m.group(0)), text)

            steps = [Step(fill(st.query), st.control, st.expect, [[fill(c) for c in r] for r in st.table],
                          None if st.side_effects is None else dict(st.side_effects), st.error, st.unordered_lists)
                     for st in s.steps]  # fmt: skip
            procedures = [ProcedureSpec(p.name, p.inputs, p.outputs, [[fill(c) for c in r] for r in p.table],
                                        p.input_types, p.output_types) for p in s.procedures]  # fmt: skip
            params = {k: fill(v) for k, v in s.params.items()}
            name = f"{s.name} #{len(out) + 1}"
            out.append(Scenario(s.feature, name, [fill(x) for x in s.setup], steps, params, False, s.named_graph,
                                procedures))  # fmt: skip
    return out


def _read_feature(path: Path, rel: str) -> list[Scenario]:
    lines = path.read_text(encoding="utf-8").splitlines()
    scenarios: list[Scenario] = []
    background = Scenario(rel, "Background")  # its setup scripts run before every scenario's own
    cur: Scenario | None = None
    i = 0
    pending: str | None = None
    while i < len(lines):
        raw = lines[i].strip()
        i += 1
        if raw.startswith("Background"):
            cur = background
            continue
        if raw.startswith("Scenario"):
            cur = Scenario(rel, raw.split(":", 1)[1].strip(), outline=raw.startswith("Scenario Outline"))
            cur.setup = list(background.setup)
            scenarios.append(cur)
            continue
        if cur is None:
            continue
        if raw == '"""':
            block: list[str] = []
            while lines[i].strip() != '"""':
                block.append(lines[i])
                i += 1
            i += 1
            text = "\n".join(block)
            if pending == "setup":
                cur.setup.append(text)
            elif pending in ("query", "control"):
                cur.steps.append(Step(text, control=pending == "control"))
            continue
        last = cur.steps[-1] if cur.steps else None
        if raw.startswith("|"):
            cells = [c.strip() for c in _split_row(raw)]
            if pending == "procedure":
                cur.procedures[-1].table.append(cells)
            elif pending == "examples":
                cur.examples[-1].append(cells)
            elif pending == "params":
                cur.params[cells[0]] = cells[1]
            elif pending == "table" and last is not None:
                last.table.append(cells)
            elif pending == "side" and last is not None and last.side_effects is not None:
                last.side_effects[cells[0]] = int(cells[1])
            continue
        step = re.sub(r"^(Given|And|When|Then|But)\s+", "", raw)
        named = re.fullmatch(r"the (\S+) graph", step)
        procedure = re.fullmatch(r"there exists a procedure ([\w.]+)\((.*?)\)\s*::\s*\((.*?)\)\s*:", step)
        if named:
            cur.named_graph = named.group(1)
        elif procedure:
            inputs, outputs = ([[x.strip() for x in p.split("::", 1)] for p in g.split(",") if p.strip()]
                               for g in procedure.groups()[1:])  # fmt: skip
            cur.procedures.append(ProcedureSpec(procedure.group(1), [n for n, _ in inputs], [n for n, _ in outputs],
                                                input_types=[t for _, t in inputs],
                                                output_types=[t for _, t in outputs]))  # fmt: skip
            pending = "procedure"
        elif step.startswith("having executed"):
            pending = "setup"
        elif step.startswith("executing query"):
            pending = "query"
        elif step.startswith("executing control query"):
            pending = "control"
        elif step.startswith("parameters are"):
            pending = "params"
        elif last is None:
            pending = None
        elif step.startswith("the result should be, in any order"):
            last.expect, pending = "any order", "table"
        elif step.startswith("the result should be, in order"):
            last.expect, pending = "in order", "table"
            last.unordered_lists = "ignoring element order for lists" in step
        elif step.startswith("the result should be (ignoring element order for lists)"):
            last.expect, pending, last.unordered_lists = "any order", "table", True
        elif step.startswith("the result should be empty"):
            last.expect = "empty"
        elif step.startswith("the result should be"):
            last.expect, pending = "other", None
        elif " should be raised" in step:
            last.expect = "error"
            found = re.search(r"(\w+) should be raised at (compile time|runtime|any time): (\w+|\*)", step)
            if found:
                last.error = (found.group(1), found.group(2), found.group(3))
        elif step.startswith("the side effects should be"):
            last.side_effects, pending = {}, "side"
        elif step.startswith("no side effects"):
            last.side_effects = {}
        elif step.startswith("Examples"):
            cur.examples.append([])
            pending = "examples"
    return scenarios


def _split_row(raw: str) -> list[str]:
    cells, cur, quote = [], "", None
    body = raw.strip()[1:-1] if raw.strip().endswith("|") else raw.strip()[1:]
    j = 0
    while j < len(body):
        ch = body[j]
        if ch == "\\" and j + 1 < len(body) and body[j + 1] in "|\\":  # Gherkin's cell escapes \| and \\
            cur += body[j + 1]
            j += 2
            continue
        if quote is None and ch in "'\"":
            quote = ch
        elif quote == ch:
            quote = None
        if ch == "|" and quote is None:
            cells.append(cur)
            cur = ""
        else:
            cur += ch
        j += 1
    cells.append(cur)
    return cells


def named_graph_script(root: Path, name: str) -> str | None:
    """The CREATE script of the TCK's named graph ``name`` where the TCK copy holds it, as the openCypher
    repository lays its graphs out (``graphs/<name>/<name>.cypher``); None where it does not."""
    path = root / "graphs" / name / f"{name}.cypher"
    return path.read_text(encoding="utf-8") if path.is_file() else None


# -- the setup builder -----------------------------------------------------------------------------
_TYPES = {bool: ValueType.BOOL, int: ValueType.LONG, float: ValueType.DOUBLE, str: ValueType.STRING}


def _evaluator() -> Evaluator:
    return Evaluator({}, lambda p, r: False, {})


def setup_graph(scripts: list[str]) -> GraphStore:
    """The scenario's starting graph: CREATE-only scripts as batches, others through the engine."""
    try:
        return build_graph(scripts)
    except (Unsupported, QueryError):  # QueryError: a script reads a variable (``{num: a.id}``)
        store = GraphStore.in_memory()
        for script in scripts:
            execute(store, script)
        return store


def graph_state(store: GraphStore) -> dict[str, set]:
    """What the TCK's side effects count: node ids, relationship ids, label names, property triples."""
    view = store.query_view()
    state: dict[str, set] = {"nodes": set(), "relationships": set(), "labels": set(), "properties": set()}
    for v in view.iter_vertices():
        state["nodes"].add(v.id)
        state["labels"].update(v.labels)
        for key, value in Node(v).properties().items():
            state["properties"].add(("n", v.id, key, repr(canonical(value))))
    for e in view.iter_edges():
        state["relationships"].add(e.id)
        for key, value in Rel(e).properties().items():
            state["properties"].add(("r", e.id, key, repr(canonical(value))))
    return state


def side_effects(before: dict[str, set], after: dict[str, set]) -> dict[str, int]:
    out = {}
    for kind in before:
        added, removed = len(after[kind] - before[kind]), len(before[kind] - after[kind])
        if added:
            out[f"+{kind}"] = added
        if removed:
            out[f"-{kind}"] = removed
    return out


def build_graph(scripts: list[str]) -> GraphStore:
    """Run CREATE-only scripts into a fresh store (anything else is Unsupported)."""
    vertices: dict[str, tuple[list[str], dict[str, Any]]] = {}
    edges: list[tuple[str, str, str, dict[str, Any]]] = []
    ev = _evaluator()
    counter = 0
    for script in scripts:
        tree = parse(script)
        if len(tree.parts) != 1:
            raise Unsupported("setup with UNION")
        names: dict[str, str] = {}
        for clause in tree.parts[0].clauses:
            if not isinstance(clause, A.Create):
                raise Unsupported(f"setup uses {type(clause).__name__}")
            for path in clause.patterns:
                ids: list[str] = []
                for np in path.nodes:
                    if np.var is not None and np.var in names:
                        if np.labels or np.props is not None:
                            raise Unsupported("re-declared node in setup")
                        ids.append(names[np.var])
                        continue
                    counter += 1
                    vid = f"v{counter}"
                    props = ev.eval(np.props, {}) if np.props is not None else {}
                    vertices[vid] = (list(np.labels), {k: v for k, v in props.items() if v is not None})
                    if np.var is not None:
                        names[np.var] = vid
                    ids.append(vid)
                for k, rel in enumerate(path.rels):
                    if (rel.var is not None and rel.var in names) or len(rel.types) != 1:
                        raise Unsupported("relationship re-use or without one type in setup")
                    props = ev.eval(rel.props, {}) if rel.props is not None else {}
                    a, b = ids[k], ids[k + 1]
                    if rel.direction == "in":
                        a, b = b, a
                    edges.append((a, b, rel.types[0], {p: v for p, v in props.items() if v is not None}))
    store = GraphStore.in_memory()
    with store.begin_load() as loader:
        if vertices:
            vids = list(vertices)
            columns = []
            keys = sorted({k for _, props in vertices.values() for k in props})
            for key in keys:
                columns += _columns(key, [vertices[v][1].get(key) for v in vids], vertex=True)
            loader.add_vertices(
                VertexBatch(pa.array(vids), pa.array([vertices[v][0] for v in vids], pa.list_(pa.string())), columns)
            )
        if edges:
            keys = sorted({k for *_, props in edges for k in props})
            columns = []
            for key in keys:
                columns += _columns(key, [e[3].get(key) for e in edges], vertex=False)
            loader.add_edges(
                EdgeBatch(
                    pa.array([e[0] for e in edges]), pa.array([e[1] for e in edges]), pa.array([e[2] for e in edges]),
                    columns, ids=pa.array([f"e{i}" for i in range(len(edges))]),
                )
            )  # fmt: skip
    return store


def _columns(key: str, values: list[Any], vertex: bool) -> list[PropertyColumn]:
    types = {_TYPES.get(type(v)) for v in values if v is not None}
    if None in types or any(isinstance(v, list | dict) for v in values):
        raise Unsupported("list or map property values in setup (Neptune stores scalars)")
    out = []
    for vtype in types:
        column = [v if v is not None and _TYPES[type(v)] is vtype else None for v in values]
        out.append(PropertyColumn(key, vtype, pa.array(column, vtype.arrow_type)))
    return out


def build_procedure(spec: ProcedureSpec) -> Any:
    """A procedure for the engine (``proc(view, *args)``) answering the rows of the spec's table whose
    input columns equal the arguments."""
    header, *body = spec.table or [[]]
    ev = _evaluator()
    rows = [
        {name: ev.eval(parse(f"RETURN {cell} AS x").parts[0].clauses[0].items[0].expr, {})
         for name, cell in zip(header, line, strict=True) if name}
        for line in body
    ]  # fmt: skip

    def proc(view: Any, *args: Any) -> Any:
        if len(args) != len(spec.inputs):
            raise QueryError(f"Invalid number of arguments to {spec.name}")
        for row in rows:
            if all(row[i] == a if row[i] is None or a is None else equals(row[i], a) is True
                   for i, a in zip(spec.inputs, args, strict=True)):  # fmt: skip
                yield {o: row[o] for o in spec.outputs}

    proc.inputs = spec.inputs  # type: ignore[attr-defined]
    proc.signature = spec.signature  # type: ignore[attr-defined]
    proc.void = not spec.outputs  # type: ignore[attr-defined]
    return proc


# -- comparing values ------------------------------------------------------------------------------
def canonical(value: Any) -> Any:
    """A comparable form of a result value (graph elements by labels/type and properties)."""
    if isinstance(value, Node):
        return ("node", tuple(sorted(value.vertex.labels)), canonical(value.properties()))
    if isinstance(value, Rel):
        return ("rel", value.edge.label, canonical(value.properties()))
    if isinstance(value, GPath):
        return ("path", tuple(canonical(v) for v in value.items))
    if isinstance(value, list):
        return ("list", tuple(canonical(v) for v in value))
    if isinstance(value, dict):
        return ("map", tuple(sorted((k, canonical(v)) for k, v in value.items())))
    if isinstance(value, float):
        return ("nan",) if math.isnan(value) else ("num", value + 0.0)  # -0.0 = 0.0 as the TCK compares
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, int):
        return ("num", value)
    if isinstance(value, dt.date):
        return temporal_text(value)
    return value


def temporal_text(value: dt.date) -> str:
    """A date or datetime as the TCK writes temporal values in results: openCypher's string form (Java's
    ISO form: seconds left out when zero, the fraction in groups of three digits, ``Z`` for UTC)."""
    if not isinstance(value, dt.datetime):
        return value.isoformat()
    text = value.strftime("%Y-%m-%dT%H:%M")
    if value.second or value.microsecond:
        text += f":{value.second:02d}"
    if value.microsecond:
        micros = value.microsecond
        text += "." + (f"{micros // 1000:03d}" if micros % 1000 == 0 else f"{micros:06d}")
    offset = value.utcoffset()
    if offset is None:
        return text
    if not offset:
        return text + "Z"
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    return text + f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def without_list_order(value: Any) -> Any:
    """A canonical value with the elements of every list in it in one fixed order."""
    if isinstance(value, tuple) and value and value[0] == "list":
        return ("list", tuple(sorted((without_list_order(v) for v in value[1]), key=repr)))
    if isinstance(value, tuple):
        return tuple(without_list_order(v) for v in value)
    return value


def expected_value(cell: str) -> Any:
    """The canonical form of a TCK result cell."""
    text = cell.strip()
    if text == "NaN":
        return ("nan",)
    ev = _evaluator()
    return CellReader(text, lambda literal: canonical(_literal(ev, literal))).read()


def _literal(ev: Evaluator, text: str) -> Any:
    return ev.eval(parse(f"RETURN {text} AS x").parts[0].clauses[0].items[0].expr, {})
