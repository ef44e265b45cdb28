"""The tokenizer of a tiny model: byte-level BPE (tokenizer.json), optionally a SentencePiece tokenizer.model.

Built with the ``tokenizers`` and ``sentencepiece`` libraries, so the files are what those libraries
(and transformers) load. 256 byte tokens plus the family's special tokens.
"""

from __future__ import annotations

import io
import json

BYTE_TOKENS = 256
# family -> (special tokens, bos, eos, chat template)
LLAMA3_TEMPLATE = (
    "{{ bos_token }}{% for m in messages %}<|start_header_id|>{{ m['role'] }}<|end_header_id|>\n\n"
    "{{ m['content'] | trim }}<|eot_id|>{% endfor %}"
    "{% if add_generation_prompt %}<|start_header_id|>assistant<|end_header_id|>\n\n{% endif %}"
)
INST_TEMPLATE = (
    "{{ bos_token }}{% for m in messages %}{% if m['role'] == 'user' %}[INST] {{ m['content'] }} [/INST]"
    "{% else %}{{ m['content'] }}{{ eos_token }}{% endif %}{% endfor %}"
)
CHATML_TEMPLATE = (
    "{% for m in messages %}<|im_start|>{{ m['role'] }}\n{{ m['content'] }}<|im_end|>\n{% endfor %}"
    "{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)
HARMONY_TEMPLATE = (
    "{% for m in messages %}<|start|>{{ m['role'] }}<|message|>{{ m['content'] }}<|end|>{% endfor %}"
    "{% if add_generation_prompt %}<|start|>assistant{% endif %}"
)
PLAIN_TEMPLATE = "{% for m in messages %}{{ m['role'] }}: {{ m['content'] }}\n{% endfor %}"
LLAMA3 = (("<|begin_of_text|>", "<|end_of_text|>", "<|start_header_id|>", "<|end_header_id|>", "<|eot_id|>"),
          "<|begin_of_text|>", "<|eot_id|>", LLAMA3_TEMPLATE)
MISTRAL = (("<unk>", "<s>", "</s>", "[INST]", "[/INST]"), "<s>", "</s>", INST_TEMPLATE)
QWEN = (("<|endoftext|>", "<|im_start|>", "<|im_end|>"), None, "<|im_end|>", CHATML_TEMPLATE)
FAMILIES = {
    "llama": LLAMA3,
    "mllama": ((*LLAMA3[0], "<|image|>"), *LLAMA3[1:]),
    "mistral": MISTRAL,
    "mixtral": MISTRAL,
    "t5": (("<pad>", "</s>", "<unk>"), None, "</s>", PLAIN_TEMPLATE),
    "gpt_bigcode": (("<|endoftext|>",), "<|endoftext|>", "<|endoftext|>", PLAIN_TEMPLATE),
    "qwen2": QWEN,
    "qwen2_vl": ((*QWEN[0], "<|vision_start|>", "<|vision_end|>", "<|image_pad|>"), *QWEN[1:]),
    "qwen2_5_vl": ((*QWEN[0], "<|vision_start|>", "<|vision_end|>", "<|image_pad|>"), *QWEN[1:]),
    "qwen3": QWEN,
    "qwen3_moe": QWEN,
    "gpt_oss": (("<|startoftext|>", "<|endoftext|>", "<|start|>", "<|end|>", "<|message|>", "<|return|>"),
                "<|startoftext|>", "<|return|>", HARMONY_TEMPLATE),
}


def tokenizer_size(model_type: str) -> int:
    return BYTE_TOKENS + len(FAMILIES[model_type][0])


def tokenizer_json(model_type: str) -> bytes:
    """A byte-level BPE tokenizer (no merges: every byte is a token) with the family's special tokens."""
    from tokenizers import AddedToken, Tokenizer, decoders, models, pre_tokenizers

    alphabet = sorted(pre_tokenizers.ByteLevel.alphabet())
    tokenizer = Tokenizer(models.BPE(vocab={c: i for i, c in enumerate(alphabet)}, merges=[]))
    tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tokenizer.decoder = decoders.ByteLevel()
    tokenizer.add_special_tokens([AddedToken(t, special=True, normalized=False) for t in FAMILIES[model_type][0]])
    return tokenizer.to_str(pretty=True).encode()


def tokenizer_config(model_type: str, with_template: bool = True) -> bytes:
    specials, bos, eos, template = FAMILIES[model_type]
    doc: dict[str, object] = {
        "tokenizer_class": "PreTrainedTokenizerFast", "bos_token": bos, "eos_token": eos,
        "model_max_length": 4096, "clean_up_tokenization_spaces": False,
    }
    if "<unk>" in specials:
        doc["unk_token"] = "<unk>"
    if "<pad>" in specials:
        doc["pad_token"] = "<pad>"
    if with_template:
        doc["chat_template"] = template
    return json.dumps(doc, indent=2).encode()


def sentencepiece_model(vocab_size: int = 64) -> bytes:
    """A SentencePiece BPE tokenizer.model trained on a few sentences (deterministic)."""
    import sentencepiece

    corpus = ["the quick brown fox jumps over the lazy dog", "a tiny model for testing model import pipelines",
              "hello world, this is dockyard speaking"] * 8
    out = io.BytesIO()
    sentencepiece.SentencePieceTrainer.train(
        sentence_iterator=iter(corpus), model_writer=out, vocab_size=vocab_size, model_type="bpe",
        normalization_rule_name="identity", hard_vocab_limit=False, minloglevel=2, num_threads=1,
    )
    return out.getvalue()
