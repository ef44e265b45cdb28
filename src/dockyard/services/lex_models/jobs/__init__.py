"""Lex V1 jobs."""
