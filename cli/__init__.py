"""perfdx command line: thin adapters over the engine."""
