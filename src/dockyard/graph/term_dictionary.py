"""The term dictionary: every vertex id, label, property key and String value is interned once.

Terms live in one ``large_string`` Arrow array; a term's code is its position. Codes of existing
terms never change, new terms are appended. ``dictionaryEntryCount`` is the array's length: the
number of distinct strings interned in the roles above (edge ids are not terms; see the docs).
"""

from __future__ import annotations

from collections.abc import Sequence

import pyarrow as pa
import pyarrow.compute as pc


def empty_terms() -> pa.Array:
    """An empty term dictionary."""
    return pa.array([], pa.large_string())


def _as_large_string(values: pa.Array | pa.ChunkedArray) -> pa.Array:
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks() if values.num_chunks != 1 else values.chunk(0)
    if values.type != pa.large_string():
        values = values.cast(pa.large_string())
    return values


def intern(terms: pa.Array, pieces: Sequence[pa.Array]) -> tuple[pa.Array, list[pa.Array]]:
    """Intern every string of ``pieces`` into ``terms``.

    Returns the extended dictionary (``terms`` first, unchanged, then the new terms in first-seen
    order) and, per piece, an int64 array of codes (null where the piece holds a null). Each piece is
    dictionary-encoded on its own first, so a repetitive column costs only its distinct values in the
    global hash pass.
    """
    if not pieces:
        return terms, []
    locals_ = [pc.dictionary_encode(_as_large_string(piece)) for piece in pieces]
    combined = pa.concat_arrays([_as_large_string(terms), *(enc.dictionary for enc in locals_)])
    glob = pc.dictionary_encode(combined)
    global_codes = glob.indices.cast(pa.int64())
    out: list[pa.Array] = []
    offset = len(terms)
    for enc in locals_:
        mapping = global_codes.slice(offset, len(enc.dictionary))
        offset += len(enc.dictionary)
        out.append(mapping.take(enc.indices))
    return _as_large_string(glob.dictionary), out


def lookup_codes(terms: pa.Array, values: pa.Array) -> pa.Array:
    """int64 codes of ``values`` in ``terms`` (null where absent), without extending the dictionary."""
    return pc.index_in(_as_large_string(values), value_set=terms).cast(pa.int64())
