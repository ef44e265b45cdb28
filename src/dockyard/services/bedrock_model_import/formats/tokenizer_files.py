"""Tokenizer files and the chat template: do they load, does the vocabulary fit the config."""

from __future__ import annotations

import json
from typing import Any

import jinja2
import jinja2.sandbox


class TokenizerError(ValueError):
    """The tokenizer or chat template does not load; the message says why and what to do."""


def tokenizer_vocab_size(data: bytes) -> int:
    """The vocabulary size of a tokenizer.json (model vocab plus added tokens)."""
    try:
        doc = json.loads(data.decode("utf-8"))
        vocab = doc["model"]["vocab"]
        added = {t["id"] for t in doc.get("added_tokens") or []}
    except (UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise TokenizerError(
            f"tokenizer.json does not load ({exc!r}). Save the tokenizer with save_pretrained()."
        ) from exc
    ids = set(vocab.values()) if isinstance(vocab, dict) else set(range(len(vocab)))
    return len(ids | added)


def chat_template(files: dict[str, bytes]) -> str | None:
    """The chat template: chat_template.jinja, then chat_template.json, then tokenizer_config.json's."""
    if "chat_template.jinja" in files:
        return files["chat_template.jinja"].decode("utf-8", "replace")
    for name in ("chat_template.json", "tokenizer_config.json"):
        if name in files:
            try:
                doc: Any = json.loads(files[name].decode("utf-8"))
            except (UnicodeDecodeError, ValueError) as exc:
                raise TokenizerError(f"{name} is not valid JSON ({exc}). Fix the file.") from exc
            template = doc.get("chat_template") if isinstance(doc, dict) else None
            if isinstance(template, list):  # named templates: [{"name", "template"}]
                template = next((t.get("template") for t in template if isinstance(t, dict)), None)
            if isinstance(template, str):
                return template
    return None


def compile_template(template: str, source: str) -> None:
    try:
        jinja2.sandbox.ImmutableSandboxedEnvironment().from_string(template)
    except jinja2.TemplateSyntaxError as exc:
        raise TokenizerError(
            f"The chat template in {source} does not compile: {exc.message} (line {exc.lineno}). "
            "Fix the Jinja2 template or remove it."
        ) from exc
