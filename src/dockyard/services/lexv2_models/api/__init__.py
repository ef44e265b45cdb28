"""Lex V2 handlers, one module per resource family (the registry imports every module)."""
