"""Everything the botocore service model decides: routing, parsing, validation, serialisation, errors."""
