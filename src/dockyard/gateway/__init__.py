"""Which service, account and region a request is for, and the dispatch to its handler."""
