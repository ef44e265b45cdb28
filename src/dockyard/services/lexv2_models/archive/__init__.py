"""Lex V2 import/export archives (LexJson zip, custom-vocabulary TSV, test-set CSV): a pure library.

No HTTP and no storage: bytes in, definition model out, and back. See ``docs/lexv2-archive.md``.
"""
