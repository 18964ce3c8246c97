"""perfdx kb: show, init, check, test, schema and diff for knowledge-base editors."""
