"""Reasoning: facts and enrichment, compiling rules to durable_rules, the guarded session, staged
inference, certainty, the reference evaluator and its cross-check, and the trace."""
