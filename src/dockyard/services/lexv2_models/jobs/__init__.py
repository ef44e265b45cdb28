"""Lex V2 job kinds, one module per kind, declared with ``SPEC.job_kind`` (the registry imports every module)."""
