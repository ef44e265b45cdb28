"""One folder per AWS service; each exposes ``SPEC`` (a ServiceSpec) from its package."""
