"""The rules and storage of Lex V2's resources, one concept per module."""
