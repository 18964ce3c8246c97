"""Explanation: the Diagnosis and its assembly, HOW and WHY-NOT, missing evidence, and wording."""
