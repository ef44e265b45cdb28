"""Lex V1 formats."""
