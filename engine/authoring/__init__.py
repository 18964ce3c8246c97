"""The HR editors' tools: kb check and its lints, scenario tests, coverage, diff, impact on cases,
JSON Schemas, kb init and kb show."""
