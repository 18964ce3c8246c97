"""perfdx audit: the decision-log commands and their renderers."""
