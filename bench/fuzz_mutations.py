"""Cheap mutation fuzzing of the reader targets in ``bench/fuzz_readers.py``.

Hypothesis costs 1.5-8 ms to draw one input, more than most readers take to read it, so the 10^5-input
run draws a seed corpus once per reader from the target's own hypothesis strategy (valid seeds, seeds
edited at the JSON/CSV-cell level, built tables and archives; fixed hypothesis seed, so the corpus is the
same on every run) and then derives every input from one corpus entry by a few random mutations: byte
flips and sets, inserted "interesting" tokens (quotes, separators, line ends, NUL, lone surrogates,
huge and non-finite numbers, zip signatures), deletions, truncations, duplicated or swapped ranges and
lines, splices with another entry, and, for zip archives, the same mutations applied to one member's
content (re-zipped, so the CRCs hold and the reader gets past the container), renamed, dropped or
duplicated members. Non-byte parts of an input (failOnError, a size, a region) are crossed over from
another corpus entry.

Input ``index`` of a run with ``seed`` is drawn from ``random.Random(f"{seed}:{index}")`` alone, so any
crash is reproduced by :func:`reproduce` (target name, seed, index) without replaying the run.
"""

from __future__ import annotations

import io
import random
import signal
import traceback
import warnings
import zipfile
from collections.abc import Callable
from typing import Any

from bench.fuzz_readers import Target, targets

CORPUS_SIZE = 300
MAX_INPUT_BYTES = 64 * 1024
HANG_SECONDS = 20.0

INTERESTING = [
    b'"', b'""', b'"a,b"', b",", b";", b"\n", b"\r", b"\r\n", b"\t", b" ", b"\x00", b"\xff", b"\xfe\xff",
    b"\xed\xa0\x80", b"\xef\xbb\xbf", b"\xc3", b"{", b"}", b"[", b"]", b":", b"\\", b"\\u0000", b"\\ud800",
    b"-1", b"0", b"-0", b"2147483648", b"9223372036854775808", b"99999999999999999999999", b"1e400",
    b"-1e400", b"NaN", b"Infinity", b"-Infinity", b"null", b"true", b"false", b"[]", b"{}", b'""', b"2019-13-45",
    b"PK\x03\x04", b"PK\x01\x02", b"PK\x05\x06", b"PAR1", b"~id", b"~label", b"~from", b"~to", b":ID", b":LABEL",
    b":START_ID", b":END_ID", b":TYPE", b"<", b">", b"<>", b"_:", b"_:b", b"@", b"@en", b"^^", b" .", b".", b"#",
    b"../", b"/", b"String[]", b":Int", b":Date", b"(single)",
]
_SEPARATORS = b',;:\t "{}[]\n\r<>'


class Hang(Exception):
    """Raised inside a reader that ran longer than HANG_SECONDS on one input."""


def corpus(target: Target, size: int = CORPUS_SIZE, seed: int = 0) -> list[Any]:
    """``size`` inputs drawn from ``target.inputs`` with a fixed hypothesis seed (no shrinking)."""
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as hypothesis_seed

    values: list[Any] = []

    @hypothesis_seed(seed)
    @settings(max_examples=size, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(target.inputs)
    def collect(value: Any) -> None:
        values.append(value)

    collect()
    return values


def _span(rng: random.Random, n: int) -> tuple[int, int]:
    start = rng.randrange(n + 1)
    return start, min(n, start + 1 + int(rng.expovariate(1 / 8)))


def _token_edit(buf: bytearray, rng: random.Random) -> None:
    """Replace the cell/token around a random position (between two separators) by an interesting one."""
    if not buf:
        return
    at = rng.randrange(len(buf))
    start = at
    while start > 0 and buf[start - 1] not in _SEPARATORS:
        start -= 1
    end = at
    while end < len(buf) and buf[end] not in _SEPARATORS:
        end += 1
    buf[start:end] = rng.choice(INTERESTING)


def _line_edit(buf: bytearray, rng: random.Random) -> bytearray:
    lines = bytes(buf).split(b"\n")
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    choice = rng.randrange(4)
    if choice == 0:
        lines.insert(j, lines[i])
    elif choice == 1 and len(lines) > 1:
        del lines[i]
    elif choice == 2:
        lines[i], lines[j] = lines[j], lines[i]
    else:
        lines[i] = lines[i] + b"\r"
    return bytearray(b"\n".join(lines))


def mutate_bytes(data: bytes, pool: list[bytes], rng: random.Random) -> bytes:
    """``data`` after 1-5 random byte-, token- and line-level mutations (mostly one or two: a
    well-formed seed with one fault gets past the checks before it)."""
    if data[:4] == b"PK\x03\x04" and rng.random() < 0.6:
        rezipped = _mutate_zip(data, pool, rng)
        if rezipped is not None:
            return rezipped
    buf = bytearray(data)
    for _ in range(1 + min(4, int(rng.expovariate(1.0)))):
        op = rng.randrange(11)
        n = len(buf)
        if op == 0 and n:
            buf[rng.randrange(n)] ^= 1 << rng.randrange(8)
        elif op == 1 and n:
            buf[rng.randrange(n)] = rng.randrange(256)
        elif op == 2:
            at = rng.randrange(n + 1)
            buf[at:at] = rng.choice(INTERESTING)
        elif op == 3:
            start, end = _span(rng, n)
            del buf[start:end]
        elif op == 4:
            del buf[rng.randrange(n + 1):]
        elif op == 5:
            start, end = _span(rng, n)
            at = rng.randrange(n + 1)
            buf[at:at] = buf[start:end] * rng.randint(1, 4)
        elif op == 6:
            other = rng.choice(pool)
            a, b = rng.randrange(n + 1), rng.randrange(len(other) + 1)
            buf = buf[:a] + other[b:] if rng.random() < 0.5 else bytearray(other[:b]) + buf[a:]
        elif op == 7:
            _token_edit(buf, rng)
        elif op == 8:
            buf = _line_edit(buf, rng)
        elif op == 9:
            at = rng.randrange(n + 1)
            buf[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        elif op == 10 and n:
            # an ASCII digit run replaced by an extreme number
            at = rng.randrange(n)
            if 48 <= buf[at] <= 57:
                start = end = at
                while start > 0 and 48 <= buf[start - 1] <= 57:
                    start -= 1
                while end < n and 48 <= buf[end] <= 57:
                    end += 1
                buf[start:end] = rng.choice([b"-1", b"0", b"4294967296", b"9223372036854775808", b"1e400", b"NaN"])
    return bytes(buf[:MAX_INPUT_BYTES])


def _mutate_zip(data: bytes, pool: list[bytes], rng: random.Random) -> bytes | None:
    """A zip rebuilt from ``data``'s members with one member's content mutated (or a member renamed,
    dropped or duplicated); None when ``data`` does not open as a zip."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            members = [(info.filename, zf.read(info)) for info in zf.infolist()[:16]]
    except Exception:  # any unreadable zip falls back to byte mutations
        return None
    if not members:
        return None
    i = rng.randrange(len(members))
    name, body = members[i]
    op = rng.randrange(10)
    if op < 7:
        inner_pool = [body] + [m[1] for m in members]
        members[i] = (name, mutate_bytes(body, inner_pool, rng))
    elif op == 7:
        members[i] = (rng.choice(["../evil.json", "/abs.json", "Manifest.json", "a/../../b.json", "x\\y.json",
                                  name.upper(), name + "/", "", name * 2]), body)
    elif op == 8:
        del members[i]
    else:
        members.append((name, body))
    out = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(out, "w") as zf:
        warnings.simplefilter("ignore")  # duplicated member names are one of the mutations
        for member, content in members:
            zf.writestr(zipfile.ZipInfo(member or "_"), content)
    return out.getvalue()


def mutate_value(value: Any, entries: list[Any], pool: list[bytes], rng: random.Random) -> Any:
    """``value`` (bytes, or a tuple whose first part is bytes) mutated; other tuple parts crossed over."""
    if isinstance(value, bytes):
        return mutate_bytes(value, pool, rng)
    parts = list(value)
    parts[0] = mutate_bytes(parts[0], pool, rng)
    for k in range(1, len(parts)):
        if rng.random() < 0.3:
            parts[k] = rng.choice(entries)[k]
    return tuple(parts)


class Campaign:
    """One reader's corpus and a way to derive input ``index`` of run ``seed`` from it."""

    def __init__(self, target: Target, seed: int = 0, size: int = CORPUS_SIZE) -> None:
        self.target = target
        self.seed = seed
        self.valid = target.seeds()
        self.entries = self.valid + corpus(target, size, seed)
        self.pool = [v if isinstance(v, bytes) else v[0] for v in self.entries]

    def input(self, index: int) -> Any:
        rng = random.Random(f"{self.seed}:{index}")
        # half the inputs start from a well-formed seed, so mutations reach past the header checks
        starts = self.valid if self.valid and rng.random() < 0.5 else self.entries
        base = starts[rng.randrange(len(starts))]
        # every 16th input is a corpus entry unchanged
        return base if index % 16 == 0 else mutate_value(base, self.entries, self.pool, rng)

    def run(self, start: int, stop: int, crashes: list[dict[str, Any]],
            keep_going: Callable[[], bool] = lambda: True) -> tuple[int, int]:
        """Inputs ``start``..``stop-1`` through the reader (until ``keep_going()`` is false, checked
        every 64 inputs); returns how many ran and how many of those the reader refused with a
        documented error. Exceptions outside the documented types are recorded in ``crashes``."""
        def on_alarm(_signum: int, _frame: Any) -> None:
            raise Hang(f"no answer within {HANG_SECONDS} s")

        previous = signal.signal(signal.SIGALRM, on_alarm)
        ran = refused = 0
        try:
            for index in range(start, stop):
                if (index - start) % 64 == 0 and not keep_going():
                    break
                value = self.input(index)
                signal.setitimer(signal.ITIMER_REAL, HANG_SECONDS)
                try:
                    self.target.call(value)
                except self.target.documented:
                    refused += 1
                except Exception:  # anything else is what the fuzz looks for
                    crashes.append({"reader": self.target.name, "seed": self.seed, "index": index,
                                    "input": repr(value)[:1500], "error": traceback.format_exc()[-1500:]})
                finally:
                    signal.setitimer(signal.ITIMER_REAL, 0)
                ran += 1
        finally:
            signal.signal(signal.SIGALRM, previous)
        return ran, refused


def reproduce(name: str, seed: int, index: int) -> Any:
    """The input ``index`` of the run with ``seed`` for reader ``name`` (call the target on it to replay)."""
    target = next(t for t in targets() if t.name == name)
    return Campaign(target, seed).input(index)
