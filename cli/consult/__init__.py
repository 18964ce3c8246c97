"""`perfdx consult`: a MYCIN-style consultation."""
