"""Readers of the four Neptune Analytics import formats (CSV, OPEN_CYPHER, PARQUET, NTRIPLES).

Each reader streams one source file into a :class:`~dockyard.graph.BulkLoader` through an
:class:`ImportContext`, which applies failOnError and records errors with file and line.
"""
