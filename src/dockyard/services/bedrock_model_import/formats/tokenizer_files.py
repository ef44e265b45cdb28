"""Tokenizer files and the chat template: do they load, does the vocabulary fit the config.

``tokenizer.json`` is loaded with Hugging Face's ``tokenizers`` library and ``tokenizer.model`` with
``sentencepiece`` (the libraries transformers itself uses); both are imported on first use.
"""

from __future__ import annotations

import json
from typing import Any

import jinja2
import jinja2.sandbox

TEMPLATE_FILES = ("chat_template.jinja", "chat_template.json", "tokenizer_config.json")
ADVICE = "Save the tokenizer with save_pretrained() and upload the files it writes."


class TokenizerError(ValueError):
    """The tokenizer or chat template does not load; the message says why and what to do."""


def tokenizer_json_size(data: bytes) -> int:
    """How many token ids a tokenizer.json uses (its largest id + 1, added tokens included)."""
    from tokenizers import Tokenizer

    try:
        tokenizer = Tokenizer.from_str(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise TokenizerError(f"tokenizer.json is not UTF-8 text ({exc}). {ADVICE}") from exc
    except Exception as exc:  # the library raises a bare Exception carrying serde's message
        raise TokenizerError(f"tokenizer.json does not load with the tokenizers library: {exc}. {ADVICE}") from exc
    except BaseException as exc:  # a Rust panic in the library arrives as pyo3's PanicException, a BaseException
        if type(exc).__name__ != "PanicException":
            raise
        raise TokenizerError(f"tokenizer.json makes the tokenizers library fail ({exc}). {ADVICE}") from exc
    return max(tokenizer.get_vocab(with_added_tokens=True).values(), default=-1) + 1


def sentencepiece_size(data: bytes) -> int:
    """How many pieces a SentencePiece tokenizer.model holds."""
    import sentencepiece

    processor = sentencepiece.SentencePieceProcessor()
    try:
        processor.LoadFromSerializedProto(data)
    except (RuntimeError, OSError, ValueError) as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise TokenizerError(f"tokenizer.model does not load with sentencepiece ({reason[:200]}). {ADVICE}") from exc
    return int(processor.GetPieceSize())


def check_vocabulary(size: int, vocab_size: int, source: str) -> None:
    if size > vocab_size:
        raise TokenizerError(f"The tokenizer ({source}) uses {size} token ids, more than the vocab_size {vocab_size} "
                             "of config.json. Use the tokenizer saved with the model.")


def chat_template(files: dict[str, bytes]) -> tuple[str, str] | None:
    """(template, file): chat_template.jinja, then chat_template.json, then tokenizer_config.json's."""
    if "chat_template.jinja" in files:
        try:
            return files["chat_template.jinja"].decode("utf-8"), "chat_template.jinja"
        except UnicodeDecodeError as exc:
            raise TokenizerError(f"chat_template.jinja is not UTF-8 text ({exc}). Fix the file.") from exc
    for name in TEMPLATE_FILES[1:]:
        if name in files:
            template = _template_field(files[name], name)
            if template is not None:
                return template, name
    return None


def _template_field(data: bytes, name: str) -> str | None:
    try:
        doc: Any = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise TokenizerError(f"{name} is not valid JSON ({exc}). Fix the file.") from exc
    template = doc.get("chat_template") if isinstance(doc, dict) else None
    if isinstance(template, list):  # named templates: [{"name": "default", "template": "..."}, ...]
        named = {t.get("name"): t.get("template") for t in template if isinstance(t, dict)}
        template = named.get("default", next(iter(named.values()), None))
    if template is not None and not isinstance(template, str):
        raise TokenizerError(f"The chat_template in {name} is not a string. Fix the file.")
    return template


def compile_template(template: str, source: str) -> None:
    try:
        jinja2.sandbox.ImmutableSandboxedEnvironment().from_string(template)
    except jinja2.TemplateSyntaxError as exc:
        raise TokenizerError(
            f"The chat template in {source} does not compile: {exc.message} (line {exc.lineno}). "
            "Fix the Jinja2 template or remove it."
        ) from exc
    except (RecursionError, MemoryError) as exc:
        raise TokenizerError(f"The chat template in {source} does not compile (it nests too deeply). "
                             "Fix the Jinja2 template or remove it.") from exc
