"""`perfdx track ...`: following a plan through (check-ins, status)."""
