"""`perfdx batch`: department runs from HR exports."""
