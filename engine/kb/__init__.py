"""The knowledge model: a KB directory loaded into one immutable KnowledgeBase (catalogs, vocabulary,
rules, the condition language and its operator table)."""
