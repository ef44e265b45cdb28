"""The generated graph every Neptune benchmark loads: Gremlin CSV vertices (5 typed properties) and
edges (2 properties), and N-Triples, written deterministically (seeded) to files."""

from __future__ import annotations

import random
from pathlib import Path

N_VERTICES = 100_000


def write_vertices(path: Path, n: int) -> None:
    rng = random.Random(1)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("~id,~label,name:String,age:Int,score:Double,active:Bool,joined:Date\n")
        lines = []
        for i in range(n):
            lines.append(
                f"v{i},Person,name {i % 5000},{rng.randint(0, 99)},{rng.random() * 100:.4f},"
                f"{'true' if i % 3 else 'false'},20{i % 24:02d}-0{1 + i % 9}-1{i % 9}\n"
            )
            if len(lines) >= 100_000:
                fh.writelines(lines)
                lines = []
        fh.writelines(lines)


def write_edges(path: Path, n_edges: int, n_vertices: int) -> None:
    rng = random.Random(2)
    labels = ("knows", "likes", "follows")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("~id,~from,~to,~label,weight:Double,since:Int\n")
        lines = []
        for i in range(n_edges):
            lines.append(
                f"e{i},v{rng.randrange(n_vertices)},v{rng.randrange(n_vertices)},{labels[i % 3]},"
                f"{rng.random():.5f},{1990 + i % 30}\n"
            )
            if len(lines) >= 200_000:
                fh.writelines(lines)
                lines = []
        fh.writelines(lines)


def write_csv_graph(directory: Path, n_vertices: int, n_edges: int) -> list[str]:
    """``vertices.csv`` and ``edges.csv`` in ``directory``; their paths, vertices first."""
    vertices, edges = directory / "vertices.csv", directory / "edges.csv"
    write_vertices(vertices, n_vertices)
    write_edges(edges, n_edges, n_vertices)
    return [str(vertices), str(edges)]


def write_ntriples(path: Path, n_triples: int) -> None:
    xsd = "http://www.w3.org/2001/XMLSchema#"
    with open(path, "w", encoding="utf-8") as fh:
        lines = []
        for i in range(n_triples):
            s = f"<http://example.org/p/{i // 10}>"
            kind = i % 10
            if kind == 0:
                lines.append(f"{s} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://example.org/Person> .\n")
            elif kind < 4:
                lines.append(f'{s} <http://example.org/age{kind}> "{i % 97}"^^<{xsd}integer> .\n')
            elif kind < 6:
                lines.append(f'{s} <http://example.org/name{kind}> "name {i % 7919}" .\n')
            else:
                lines.append(
                    f"{s} <http://example.org/knows> <http://example.org/p/{(i * 7919) % (n_triples // 10)}> .\n"
                )
            if len(lines) >= 200_000:
                fh.writelines(lines)
                lines = []
        fh.writelines(lines)
