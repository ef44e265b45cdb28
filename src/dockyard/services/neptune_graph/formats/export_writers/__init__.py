"""Writers of Neptune Analytics export files: CSV (Gremlin load format) and Parquet, one file set per label."""
