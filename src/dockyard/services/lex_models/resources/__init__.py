"""Lex V1 resources."""
