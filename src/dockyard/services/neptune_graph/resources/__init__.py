"""Neptune Analytics resources: graphs, their stores and lifecycle, import and export tasks."""
