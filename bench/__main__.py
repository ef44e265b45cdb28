"""``python -m bench [NAME ...]``: run the benchmarks, write bench/results/*.json, quote them in README.md.

Each ``bench/bench_<name>.py`` has a ``main()`` that writes ``bench/results/<name>.json``. The README
section between ``<!-- bench:start -->`` and ``<!-- bench:end -->`` is rebuilt from every result file.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import sys
from pathlib import Path

import bench

ROOT = Path(__file__).resolve().parent
README = ROOT.parent / "README.md"


def _flatten(doc: object, prefix: str = "") -> list[tuple[str, object]]:
    if isinstance(doc, dict):
        out: list[tuple[str, object]] = []
        for k, v in doc.items():
            out += _flatten(v, f"{prefix}.{k}" if prefix else str(k))
        return out
    return [(prefix, doc)]


def render() -> str:
    parts = []
    for path in sorted((ROOT / "results").glob("*.json")):
        rows = _flatten(json.loads(path.read_text()))
        parts.append(f"**{path.stem}** (`bench/results/{path.name}`)\n\n| measure | value |\n|---|---|")
        parts += [f"| {k} | {v} |" for k, v in rows if not isinstance(v, list)]
        parts.append("")
    return "\n".join(parts)


def update_readme() -> None:
    text = README.read_text()
    start, end = "<!-- bench:start -->", "<!-- bench:end -->"
    head, _, rest = text.partition(start)
    _, _, tail = rest.partition(end)
    README.write_text(f"{head}{start}\n{render()}\n{end}{tail}")


def main(names: list[str]) -> None:
    available = sorted(m.name[len("bench_"):] for m in pkgutil.iter_modules(bench.__path__)
                       if m.name.startswith("bench_"))
    for name in names or available:
        print(f"== bench {name}", flush=True)
        importlib.import_module(f"bench.bench_{name}").main()
    update_readme()


if __name__ == "__main__":
    main(sys.argv[1:])
