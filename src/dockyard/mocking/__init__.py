"""In-process Dockyard for tests: ``dockyard.mock()`` and the ``dockyard`` pytest fixture."""
