"""Lex V1 api."""
