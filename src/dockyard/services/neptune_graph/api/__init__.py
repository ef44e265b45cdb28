"""Neptune Analytics operations, one module per resource family (imported by the registry)."""
