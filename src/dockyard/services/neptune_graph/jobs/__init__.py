"""Neptune Analytics job kinds, one module per kind (imported by the registry)."""
