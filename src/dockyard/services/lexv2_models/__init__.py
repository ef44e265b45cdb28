"""Amazon Lex V2 model building (`lexv2-models`)."""
