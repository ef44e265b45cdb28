"""A slice of the reader fuzz run (``python -m bench fuzz`` runs 10^5 a reader, or its time budget):
no input makes a format or archive reader raise anything but its documented error types. Also the
crashes that run found, each pinned by its input."""

from __future__ import annotations

import importlib.util
import io
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT


def _fuzz_readers():
    if "bench.fuzz_readers" in sys.modules:
        return sys.modules["bench.fuzz_readers"]
    spec = importlib.util.spec_from_file_location("bench.fuzz_readers", REPO_ROOT / "bench" / "fuzz_readers.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench.fuzz_readers"] = module
    spec.loader.exec_module(module)
    return module


def _fuzz_mutations():
    _fuzz_readers()  # bench.fuzz_mutations imports its targets from there
    if "bench.fuzz_mutations" in sys.modules:
        return sys.modules["bench.fuzz_mutations"]
    spec = importlib.util.spec_from_file_location("bench.fuzz_mutations", REPO_ROOT / "bench" / "fuzz_mutations.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench.fuzz_mutations"] = module
    spec.loader.exec_module(module)
    return module


NAMES = [t.name for t in _fuzz_readers().targets()]


@pytest.mark.parametrize("name", NAMES)
def test_a_slice_of_random_inputs_never_crashes_the_reader(name: str) -> None:
    fuzz = _fuzz_readers()
    target = next(t for t in fuzz.targets() if t.name == name)
    crashes: list[dict] = []
    fuzz.run_target(target, 15, crashes)
    assert crashes == []


@pytest.mark.parametrize("name", NAMES)
def test_a_slice_of_mutated_inputs_never_crashes_the_reader(name: str) -> None:
    # the 10^5-input bench run derives its inputs this way (bench/fuzz_mutations.py)
    fuzz = _fuzz_mutations()
    campaign = fuzz.Campaign(next(t for t in _fuzz_readers().targets() if t.name == name), seed=7, size=20)
    crashes: list[dict] = []
    ran, refused = campaign.run(0, 150, crashes)
    assert (ran, crashes) == (150, [])
    assert refused < ran  # some mutated inputs get through the reader: the fuzz is not stuck at its door


@pytest.mark.parametrize("name", NAMES)
def test_the_well_formed_seeds_are_accepted(name: str) -> None:
    # half of the mutated inputs start from these: a seed the reader refused would keep the fuzz shallow
    target = next(t for t in _fuzz_readers().targets() if t.name == name)
    assert target.seeds()
    for seed in target.seeds():
        target.call(seed)


def test_a_mutated_input_is_reproduced_from_its_seed_and_index() -> None:
    fuzz = _fuzz_mutations()
    target = next(t for t in _fuzz_readers().targets() if t.name == "qconnect_csv")
    first, again, other = (fuzz.Campaign(target, seed=s, size=20) for s in (3, 3, 4))
    assert [first.input(i) for i in range(50)] == [again.input(i) for i in range(50)]
    assert [first.input(i) for i in range(50)] != [other.input(i) for i in range(50)]
    assert first.input(41) == first.input(41)


def test_a_crash_is_recorded_with_seed_and_index_and_documented_errors_are_not() -> None:
    fuzz = _fuzz_mutations()
    readers = _fuzz_readers()
    real = next(t for t in readers.targets() if t.name == "qconnect_csv")

    def call(data: bytes) -> None:
        if b"," not in data:
            raise KeyError("planted")
        real.call(data)

    target = readers.Target("planted", real.inputs, call, real.documented, real.seeds)
    campaign = fuzz.Campaign(target, seed=5, size=20)
    crashes: list[dict] = []
    ran, refused = campaign.run(0, 300, crashes)
    assert ran == 300 and crashes and refused
    for crash in crashes:
        assert crash["seed"] == 5 and "KeyError" in crash["error"]
        assert b"," not in campaign.input(crash["index"])


def test_every_reader_is_fuzzed() -> None:
    assert set(NAMES) == {
        "neptune_csv", "neptune_opencypher", "neptune_parquet", "neptune_ntriples", "lexv2_archive",
        "lexv2_test_set_csv", "lexv1_import", "qconnect_csv", "bedrock_safetensors_header", "bedrock_config",
    }


def _zip_with_bytes_cut() -> bytes:
    """A zip whose first entry lost bytes: the central directory's offsets now point before the file."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("Manifest.json", b'{"metadata": {}}' + b" " * 100)
        zf.writestr("bot.json", b"{}")
    data = out.getvalue()
    return data[:60] + data[80:]


def test_neptune_csv_unclosed_quote_after_a_lone_cr_costs_one_record(tmp_path: Path) -> None:
    # found by the fuzz: the repair split lines on LF only while the quote finder splits on CR too, so
    # it cut the wrong line and recursed until RecursionError
    from dockyard.graph import GraphStore
    from dockyard.services.neptune_graph.resources.import_pipeline import SourceFile, run_import

    path = tmp_path / "v.csv"
    path.write_bytes(b'~id,~label,name:String\r1,person,"ann\n2,person,bob\n')
    store = GraphStore.in_memory()
    result = run_import([SourceFile.from_path(path)], "CSV", store, fail_on_error=False)
    assert result.errorCount == 1 and "line 2" in result.errorDetails
    assert store.view().get_vertex("2") is not None


def test_lexv2_archive_with_offsets_before_the_file_is_refused() -> None:
    from dockyard.services.lexv2_models.formats.errors import ArchiveError
    from dockyard.services.lexv2_models.formats.reader import read_archive

    with pytest.raises(ArchiveError):
        read_archive(_zip_with_bytes_cut())


def test_lexv1_payload_with_offsets_before_the_file_is_refused() -> None:
    from dockyard.services.lex_models.formats.envelope import FormatError, read_payload

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("bot.json", b'{"metadata": {}, "resource": {}}' + b" " * 100)
    data = out.getvalue()
    with pytest.raises(FormatError):
        read_payload(data[:50] + data[70:])


def _zip_with_a_nameless_entry() -> bytes:
    import struct

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("a", b"{}")
    data = bytearray(out.getvalue())
    central = data.find(b"PK\x01\x02")
    struct.pack_into("<H", data, central + 28, 0)  # file name length 0, and the name byte removed
    del data[central + 46]
    end = data.find(b"PK\x05\x06")
    struct.pack_into("<I", data, end + 12, struct.unpack_from("<I", data, end + 12)[0] - 1)
    return bytes(data)


def _zip_of_an_unknown_version() -> bytes:
    data = bytearray(_zip_with_a_nameless_entry())
    data[data.find(b"PK\x01\x02") + 6] = 197  # "version needed to extract" 19.7: zipfile raises NotImplementedError
    return bytes(data)


@pytest.mark.parametrize("data", [_zip_with_a_nameless_entry(), _zip_of_an_unknown_version()],
                         ids=["nameless-entry", "unknown-zip-version"])
def test_zip_readers_refuse_nameless_entries_and_unknown_versions(data: bytes) -> None:
    from dockyard.services.lex_models.formats.envelope import FormatError, read_payload
    from dockyard.services.lexv2_models.formats.errors import ArchiveError
    from dockyard.services.lexv2_models.formats.reader import read_archive

    with pytest.raises(ArchiveError):
        read_archive(data)
    with pytest.raises(FormatError):
        read_payload(data)


@pytest.mark.parametrize("shape, offsets", [("[Infinity]", "[0, 2]"), ("[1]", "[0, -Infinity]")])
def test_safetensors_header_with_infinite_numbers_is_refused(shape: str, offsets: str) -> None:
    # found by the fuzz: int(float("inf")) raised OverflowError out of the header reader
    from dockyard.services.bedrock_model_import.formats.safetensors_header import HeaderError, parse_header

    raw = f'{{"w": {{"dtype": "F16", "shape": {shape}, "data_offsets": {offsets}}}}}'.encode()
    with pytest.raises(HeaderError):
        parse_header(raw, 8 + len(raw) + 2)


@pytest.mark.parametrize("resource, kind", [
    ({"name": "Bot", "locale": "en-US", "intents": [], "slotTypes": 1.5}, "BOT"),
    ({"name": "Intent", "sampleUtterances": [], "slotTypes": 7}, "INTENT"),
    ({"name": "Sizes", "enumerationValues": [{"value": "small", "synonyms": 3}]}, "SLOT_TYPE"),
])
def test_lexv1_resource_checks_report_non_lists(resource: dict, kind: str) -> None:
    # found by the fuzz: a slotTypes (or synonyms) that is not a list raised TypeError
    from dockyard.services.lex_models.formats.resources import problems

    assert any("is not a list" in p for p in problems(resource, kind))
