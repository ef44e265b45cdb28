"""Fuzz targets for every format and archive reader: a hypothesis strategy of inputs (valid seeds
mutated at the byte and at the JSON/CSV-cell level, and inputs built from the format's own vocabulary)
and a call that may raise only the reader's documented error types. Anything else is a crash.

``bench/bench_fuzz.py`` runs each target (10^5 inputs, or what fits its time budget); the test slice
``tests/test_fuzz_readers.py`` runs a few dozen of each inside ``make test``.
"""

from __future__ import annotations

import atexit
import io
import json
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import strategies as st


@dataclass(frozen=True)
class Target:
    name: str
    inputs: st.SearchStrategy[Any]
    call: Callable[[Any], Any]
    documented: tuple[type[BaseException], ...]
    # well-formed inputs the reader accepts: the mutation run (bench/fuzz_mutations.py) starts half of
    # its inputs from these, so mutations reach past the header checks
    seeds: Callable[[], list[Any]] = list


# -- generic input shapes --------------------------------------------------------------------------

_json_scalars = st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats() | st.text(max_size=20)
_json = st.recursive(
    _json_scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=16,
)


def _mutate(seed: bytes, ops: list[tuple[str, int, int]]) -> bytes:
    data = bytearray(seed)
    for op, pos, value in ops:
        at = pos % (len(data) + 1)
        if op == "set" and data:
            data[at % len(data)] = value
        elif op == "insert":
            data[at:at] = bytes([value]) * (1 + value % 3)
        elif op == "delete":
            del data[at:at + 1 + value % 8]
        elif op == "truncate":
            del data[at:]
        elif op == "duplicate":
            data[at:at] = data[max(0, at - value):at]
    return bytes(data)


_ops = st.lists(
    st.tuples(st.sampled_from(["set", "insert", "delete", "truncate", "duplicate"]), st.integers(0, 1 << 20),
              st.integers(0, 255)),
    min_size=1, max_size=6,
)


def mutated(seeds: list[bytes]) -> st.SearchStrategy[bytes]:
    return st.builds(_mutate, st.sampled_from(seeds), _ops)


def _csv(header: list[str], rows: list[list[str]], sep: str = ",") -> bytes:
    return "\n".join(sep.join(r) for r in [header, *rows]).encode("utf-8", "surrogatepass")


_cell = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", '"', '""', '"a,b"', '"open', "1", "-1", "2.5", "1e400", "NaN", "true", "2019-01-01",
                     "a;b", "\\", "\r", "\n", "\x00", "\ufeff", "ann", "12345678901234567890"]),
)


def csv_files(columns: list[str]) -> st.SearchStrategy[bytes]:
    header = st.lists(st.sampled_from(columns) | st.text(max_size=10), min_size=0, max_size=7)
    return st.builds(
        lambda h, rows: _csv(h, rows), header, st.lists(st.lists(_cell, max_size=8), max_size=6)
    )


def _with_json_replaced(doc: Any, path: list[int], value: Any) -> Any:
    """``doc`` with the node ``path`` picks (indices into dict items / list items) replaced by ``value``."""
    if not path:
        return value
    if isinstance(doc, dict) and doc:
        keys = list(doc)
        key = keys[path[0] % len(keys)]
        return {**doc, key: _with_json_replaced(doc[key], path[1:], value)}
    if isinstance(doc, list) and doc:
        i = path[0] % len(doc)
        return [*doc[:i], _with_json_replaced(doc[i], path[1:], value), *doc[i + 1:]]
    return value


_json_edits = st.lists(st.tuples(st.lists(st.integers(0, 50), max_size=6), _json), min_size=1, max_size=3)


def _surrogate_safe(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


# -- Neptune Analytics: CSV, openCypher CSV, Parquet, N-Triples ----------------------------------------

_GREMLIN_SEEDS = [
    b"~id,~label,name:String,age:Int,tags:String[],born:Date\n1,person,ann,30,a;b,2019-01-01\n2,person,\"b,ob\",41,,\n",
    b"~id,~from,~to,~label,since:Int,weight:Double\ne1,1,2,knows,2019,0.5\ne2,2,1,knows,,\n",
]
_OPENCYPHER_SEEDS = [
    b":ID,:LABEL,name:String,age:Int,scores:Double[]\n1,person,ann,30,1.5;2\n2,person;admin,bob,41,\n",
    b":START_ID,:END_ID,:TYPE,since:Int\n1,2,KNOWS,2019\n",
]
_NT_SEEDS = [
    b'<http://ex.org/a> <http://ex.org/p> "v"@en .\n'
    b'_:b1 <http://ex.org/q> "1"^^<http://www.w3.org/2001/XMLSchema#int> .\n'
    b"<http://ex.org/a> <http://ex.org/r> <http://ex.org/b> .\n# comment\n",
]
_NT_TERMS = ["<http://ex.org/a>", "<http://ex.org/p>", "_:b1", '"v"', '"v"@en', '"1"^^<http://www.w3.org/2001/XMLSchema#int>',
             '"\\u00e9"', "<>", "<a b>", '"unclosed', ".", "\\", "@en", "^^", "_:", "<http://ex.org/\\u0000>"]


def _parquet_seed_tables() -> st.SearchStrategy[bytes]:
    names = ["~id", "~label", "~from", "~to", "name:String", "age:Int", "w:Double", "b:Bool", "d:Date", "x",
             "tags:String[]"]
    values = st.one_of(st.none(), st.integers(-(2**63), 2**63 - 1), st.text(max_size=8), st.floats(), st.booleans())

    def table(cols: list[str], kind: int, rows: list[list[Any]]) -> bytes:
        import pyarrow as pa
        import pyarrow.parquet as pq

        arrays = {}
        for i, name in enumerate(dict.fromkeys(cols)):
            column = [r[i % len(r)] if r else None for r in rows]
            kinds = [pa.string(), pa.int64(), pa.float64(), pa.bool_()]
            try:
                arrays[name] = pa.array(column, type=kinds[(kind + i) % 4], from_pandas=True)
            except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError, TypeError, ValueError):
                arrays[name] = pa.array([None if v is None else str(v) for v in column], type=pa.string())
        out = io.BytesIO()
        pq.write_table(pa.table(arrays) if arrays else pa.table({"x": pa.array([], pa.string())}), out)
        return out.getvalue()

    built = st.builds(table, st.lists(st.sampled_from(names), max_size=6), st.integers(0, 3),
                      st.lists(st.lists(values, min_size=1, max_size=6), max_size=5))
    return built | st.builds(_mutate, built, _ops)


_SCRATCH: list[Path] = []


def _scratch_dir() -> Path:
    """One temporary folder per process, reused by every input (creating and removing a folder per
    input cost 3 ms, half of a Neptune reader's time per input), removed at exit."""
    if not _SCRATCH:
        _SCRATCH.append(Path(tempfile.mkdtemp(prefix="dockyard-fuzz-")))
        atexit.register(shutil.rmtree, _SCRATCH[0], True)
    return _SCRATCH[0]


def _neptune(fmt: str, suffix: str) -> Callable[[tuple[bytes, bool]], Any]:
    def call(arg: tuple[bytes, bool]) -> Any:
        from dockyard.graph import GraphStore
        from dockyard.services.neptune_graph.resources.import_pipeline import SourceFile, run_import

        data, fail_on_error = arg
        path = _scratch_dir() / f"data{suffix}"
        path.write_bytes(data)
        return run_import([SourceFile.from_path(path)], fmt, GraphStore.in_memory(), fail_on_error=fail_on_error)

    return call


def _neptune_errors() -> tuple[type[BaseException], ...]:
    from dockyard.services.neptune_graph.formats.errors import ImportFailed

    return (ImportFailed,)


# -- Lex V2 archives and test-set CSV ------------------------------------------------------------------

def _lexv2_seed_files() -> dict[str, bytes]:
    from dockyard.services.lexv2_models.formats import (
        BotDefinition,
        IntentDefinition,
        LocaleDefinition,
        SlotDefinition,
        SlotPriority,
        SlotTypeDefinition,
        bot_archive_files,
    )

    locale = LocaleDefinition("en_US", 0.4)
    locale.slot_types["Size"] = SlotTypeDefinition(
        "Size", slot_type_values=[{"sampleValue": {"value": "small"}}],
        value_selection_setting={"resolutionStrategy": "OriginalValue"})
    intent = IntentDefinition("Order", sample_utterances=[{"utterance": "a {PizzaSize} one"}],
                              slot_priorities=[SlotPriority(1, "PizzaSize")])
    prompt = {"messageGroups": [{"message": {"plainTextMessage": {"value": "Which?"}}}], "maxRetries": 2}
    intent.slots["PizzaSize"] = SlotDefinition("PizzaSize", "Size",
                                               {"slotConstraint": "Required", "promptSpecification": prompt})
    locale.intents["Order"] = intent
    bot = BotDefinition("FuzzBot", {"childDirected": False}, 300)
    bot.locales["en_US"] = locale
    return bot_archive_files(bot)


def _zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, body in files.items():
            zf.writestr(name, body)
    return out.getvalue()


def _lexv2_archives() -> st.SearchStrategy[bytes]:
    seed = _lexv2_seed_files()
    names = sorted(seed)

    def edited(edits: list[tuple[list[int], Any]], which: int, drop: bool, rename: str | None) -> bytes:
        files = dict(seed)
        name = names[which % len(names)]
        doc = json.loads(files[name])
        for path, value in edits:
            doc = _with_json_replaced(doc, path, value)
        files[name] = _surrogate_safe(json.dumps(doc))
        if drop:
            del files[names[(which + 1) % len(names)]]
        if rename is not None:
            files[rename] = files.pop(name)
        return _zip(files)

    renames = st.none() | st.sampled_from(["../evil.json", "/abs.json", "Manifest.json", "x/Bot.json", "a\\b"])
    json_level = st.builds(edited, _json_edits, st.integers(0, 100), st.booleans(), renames)
    return json_level | mutated([_zip(seed)]) | st.binary(max_size=300)


def _lexv2_call(data: bytes) -> Any:
    from dockyard.services.lexv2_models.formats.reader import read_archive

    return read_archive(data)


def _lexv2_errors() -> tuple[type[BaseException], ...]:
    from dockyard.services.lexv2_models.formats.errors import ArchiveError

    return (ArchiveError,)


def _test_set_call(data: bytes) -> Any:
    from dockyard.services.lexv2_models.formats.test_set_csv import read_test_set_csv

    return read_test_set_csv(data)


_TEST_SET_COLUMNS = ["Line #", "Conversation #", "Source", "Input", "Expected Output Intent", "Expected Output Slot 1",
                     "Expected Output Slot 2", "Input Context Tag", "Output Context Tag"]

# -- Lex V1 import file -----------------------------------------------------------------------------------


_LEXV1_BOT = {"name": "FuzzBot", "locale": "en-US", "childDirected": False, "version": "1",
           "intents": [{"name": "Order", "version": "1", "sampleUtterances": ["a {Size} one"],
                        "slots": [{"name": "Size", "slotConstraint": "Required", "slotType": "SizeType",
                                   "slotTypeVersion": "1", "priority": 1}],
                        "fulfillmentActivity": {"type": "ReturnIntent"}}],
           "slotTypes": [{"name": "SizeType", "version": "1", "enumerationValues": [{"value": "small"}]}],
           "clarificationPrompt": {"messages": [{"contentType": "PlainText", "content": "Again?"}], "maxAttempts": 2},
           "abortStatement": {"messages": [{"contentType": "PlainText", "content": "Bye"}]}}
_LEXV1_ENVELOPE = {"metadata": {"schemaVersion": "1.0", "importType": "LEX", "importFormat": "JSON"},
                   "resource": _LEXV1_BOT}


def _lexv1_payloads() -> st.SearchStrategy[bytes]:
    envelope = _LEXV1_ENVELOPE

    def edited(edits: list[tuple[list[int], Any]], name: str) -> bytes:
        doc: Any = envelope
        for path, value in edits:
            doc = _with_json_replaced(doc, path, value)
        return _zip({name: _surrogate_safe(json.dumps(doc))})

    return (st.builds(edited, _json_edits, st.sampled_from(["bot.json", "../x.json", "a/b.json", "c:\\x.json"]))
            | mutated([_zip({"bot.json": json.dumps(envelope).encode()})]) | st.binary(max_size=200))


def _lexv1_call(data: bytes) -> Any:
    from dockyard.services.lex_models.formats.envelope import read_payload
    from dockyard.services.lex_models.formats.resources import problems

    resource = read_payload(data)
    return [problems(resource, kind) for kind in ("BOT", "INTENT", "SLOT_TYPE")]


def _lexv1_errors() -> tuple[type[BaseException], ...]:
    from dockyard.services.lex_models.formats.envelope import FormatError

    return (FormatError,)


# -- Q in Connect quick-response CSV ---------------------------------------------------------------------

_QC_COLUMNS = ["Name", "Content", "ContentType", "Description", "ShortcutKey", "Language", "Channels",
               "RoutingProfiles", "Active", "Tags", "name", "CONTENT", " Name ", "Status"]


def _qconnect_call(data: bytes) -> Any:
    from dockyard.services.qconnect.formats.quick_response_csv import read

    return read(data)


def _qconnect_errors() -> tuple[type[BaseException], ...]:
    from dockyard.services.qconnect.formats.quick_response_csv import FileRefused

    return (FileRefused,)


# -- Bedrock: safetensors header, config.json, tokenizer ----------------------------------------------------

_DTYPES = ["F32", "F16", "BF16", "I8", "U8", "F64", "BOOL", "X", ""]


def _safetensors_inputs() -> st.SearchStrategy[tuple[bytes, int]]:
    tensor = st.fixed_dictionaries({
        "dtype": st.sampled_from(_DTYPES) | _json,
        "shape": st.lists(st.integers(-2, 2**40), max_size=4) | _json,
        "data_offsets": st.lists(st.integers(-2, 2**40), max_size=3) | _json,
    })
    header = st.dictionaries(st.text(max_size=10), tensor | _json, max_size=4).map(
        lambda d: _surrogate_safe(json.dumps(d))
    )
    return st.tuples(header | st.binary(max_size=100), st.integers(-1, 2**42))


def _safetensors_call(arg: tuple[bytes, int]) -> Any:
    from dockyard.services.bedrock_model_import.formats.safetensors_header import (
        HeaderError,
        header_length,
        parse_header,
    )

    raw, size = arg
    try:
        header_length(len(raw).to_bytes(8, "little") if size % 2 else raw[:8].ljust(8, b"\0")[:8], size)
    except HeaderError:
        pass
    return parse_header(raw, size)


def _safetensors_errors() -> tuple[type[BaseException], ...]:
    from dockyard.services.bedrock_model_import.formats.safetensors_header import HeaderError

    return (HeaderError,)


_CONFIG_KEYS = ["model_type", "architectures", "hidden_size", "num_hidden_layers", "num_attention_heads",
                "vocab_size", "torch_dtype", "max_position_embeddings", "num_key_value_heads", "text_config",
                "rope_scaling", "intermediate_size"]


_CONFIG_SEED = {"model_type": "llama", "architectures": ["LlamaForCausalLM"], "hidden_size": 64,
                "num_hidden_layers": 2, "num_attention_heads": 4, "vocab_size": 128, "torch_dtype": "bfloat16",
                "max_position_embeddings": 128}


def _configs() -> st.SearchStrategy[tuple[bytes, str]]:
    seed = _CONFIG_SEED

    def edited(edits: list[tuple[list[int], Any]], extra: dict[str, Any]) -> bytes:
        doc: Any = {**seed, **extra}
        for path, value in edits:
            doc = _with_json_replaced(doc, path, value)
        return _surrogate_safe(json.dumps(doc))

    docs = st.builds(edited, _json_edits, st.dictionaries(st.sampled_from(_CONFIG_KEYS), _json, max_size=3))
    return st.tuples(docs | mutated([json.dumps(seed).encode()]) | st.binary(max_size=80),
                     st.sampled_from(["us-east-1", "us-west-2", "eu-central-1", "ap-south-1"]))


def _config_call(arg: tuple[bytes, str]) -> Any:
    from dockyard.services.bedrock_model_import.formats.model_config import read_config
    from dockyard.services.bedrock_model_import.formats.tokenizer_files import TokenizerError, tokenizer_json_size

    data, region = arg
    try:
        tokenizer_json_size(data)
    except TokenizerError:
        pass
    return read_config(data, region)


def _config_errors() -> tuple[type[BaseException], ...]:
    from dockyard.services.bedrock_model_import.formats.model_config import ConfigError

    return (ConfigError,)


# -- the table ------------------------------------------------------------------------------------------------


def _valid_parquet() -> list[bytes]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    tables = [
        pa.table({"~id": ["1", "2", "3"], "~label": ["person", "person", "city"], "name:String": ["ann", None, "x"],
                  "age:Int": pa.array([30, 41, None], pa.int64()), "w:Double": [0.5, 1.0, None],
                  "b:Bool": [True, False, None]}),
        pa.table({"~id": ["e1", "e2"], "~from": ["1", "2"], "~to": ["2", "1"], "~label": ["knows", "knows"],
                  "since:Int": pa.array([2019, None], pa.int32())}),
    ]
    out = []
    for table in tables:
        buf = io.BytesIO()
        pq.write_table(table, buf)
        out.append(buf.getvalue())
    return out


_TEST_SET_SEED = (b"Line #,Conversation #,Source,Input,Expected Output Intent,Expected Output Slot 1\r\n"
                  b"1,-,User,I want a large pizza,OrderPizza,PizzaSize = large\r\n"
                  b"2,c1,User,hello,Greeting,\r\n"
                  b"3,c1,Agent,How can I help?,,\r\n"
                  b"4,c1,User,a small one please,OrderPizza,PizzaSize = small\r\n")
_QC_SEED = (b"Name,Content,ContentType,Description,ShortcutKey,Language,Channels,RoutingProfiles,Active,Tags\r\n"
            b"Greeting,\"Hello, how can I help?\",plain,Opening line,hi,en_US,Chat;Email,,true,team=support\r\n"
            b"Refund,**Refunds** take 5 days,markdown,,refund,,Chat,,no,a=b;c=d\r\n")


def _valid_safetensors() -> list[tuple[bytes, int]]:
    out = []
    for header in ({"w": {"dtype": "F16", "shape": [2, 2], "data_offsets": [0, 8]},
                    "__metadata__": {"format": "pt"}},
                   {"a": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]},
                    "b": {"dtype": "BF16", "shape": [3], "data_offsets": [4, 10]}}):
        raw = json.dumps(header).encode()
        size = 8 + len(raw) + max(v["data_offsets"][1] for v in header.values() if "data_offsets" in v)
        out.append((raw, size))
    return out


def targets() -> list[Target]:
    def neptune(name: str, fmt: str, suffix: str, inputs: st.SearchStrategy[bytes],
                seeds: Callable[[], list[bytes]]) -> Target:
        return Target(name, st.tuples(inputs, st.booleans()), _neptune(fmt, suffix), _neptune_errors(),
                      lambda: [(seed, flag) for seed in seeds() for flag in (True, False)])

    gremlin_cols = ["~id", "~label", "~from", "~to", "name:String", "age:Int", "w:Double", "tags:String[]",
                    "d:Date", "b:Bool", "x:Byte", "y", "n:Long(single)", "s:String[]"]
    cypher_cols = [":ID", ":LABEL", ":START_ID", ":END_ID", ":TYPE", "id:ID(Person)", "name:String", "age:Int",
                   "s:String[]", "f:Float", "d:DateTime", "p:Point", ":IGNORE"]
    nt_lines = st.lists(st.lists(st.sampled_from(_NT_TERMS) | st.text(max_size=6), max_size=5).map(" ".join),
                        max_size=6).map(lambda lines: _surrogate_safe("\n".join(lines)))
    return [
        neptune("neptune_csv", "CSV", ".csv", mutated(_GREMLIN_SEEDS) | csv_files(gremlin_cols),
                lambda: list(_GREMLIN_SEEDS)),
        neptune("neptune_opencypher", "OPEN_CYPHER", ".csv", mutated(_OPENCYPHER_SEEDS) | csv_files(cypher_cols),
                lambda: list(_OPENCYPHER_SEEDS)),
        neptune("neptune_parquet", "PARQUET", ".parquet", _parquet_seed_tables(), _valid_parquet),
        neptune("neptune_ntriples", "NTRIPLES", ".nt", mutated(_NT_SEEDS) | nt_lines, lambda: list(_NT_SEEDS)),
        Target("lexv2_archive", _lexv2_archives(), _lexv2_call, _lexv2_errors(),
               lambda: [_zip(_lexv2_seed_files())]),
        Target("lexv2_test_set_csv", csv_files(_TEST_SET_COLUMNS), _test_set_call, _lexv2_errors(),
               lambda: [_TEST_SET_SEED]),
        Target("lexv1_import", _lexv1_payloads(), _lexv1_call, _lexv1_errors(),
               lambda: [_zip({"bot.json": json.dumps(_LEXV1_ENVELOPE).encode()})]),
        Target("qconnect_csv", csv_files(_QC_COLUMNS) | st.binary(max_size=200), _qconnect_call, _qconnect_errors(),
               lambda: [_QC_SEED]),
        Target("bedrock_safetensors_header", _safetensors_inputs(), _safetensors_call, _safetensors_errors(),
               _valid_safetensors),
        Target("bedrock_config", _configs(), _config_call, _config_errors(),
               lambda: [(json.dumps(_CONFIG_SEED).encode(), region) for region in ("us-east-1", "eu-central-1")]),
    ]


def run_target(target: Target, count: int, crashes: list[dict[str, Any]]) -> None:
    """``count`` inputs through ``target``; every exception outside its documented types is recorded."""
    import traceback

    from hypothesis import HealthCheck, given, settings

    @settings(max_examples=count, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(target.inputs)
    def check(value: Any) -> None:
        try:
            target.call(value)
        except target.documented:
            pass
        except Exception:
            crashes.append({"reader": target.name, "input": repr(value)[:1500],
                            "error": traceback.format_exc()[-1500:]})

    check()


