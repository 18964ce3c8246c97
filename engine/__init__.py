"""perfdx engine: everything that thinks. Never imports click."""

__version__ = "0.1.0"
