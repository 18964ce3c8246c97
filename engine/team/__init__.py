"""Department runs: many cases at once on all cores, team-level patterns, fairness."""
