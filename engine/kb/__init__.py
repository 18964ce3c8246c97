"""The knowledge base: catalogs and rules loaded from a KB directory."""
