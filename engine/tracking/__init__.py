"""Follow-through on a plan: check-ins, plan changes, monthly reviews, closing and evaluation.

Every tracking record is a record of the decision log (engine/audit), chained like the plan
it follows and linked to it by `subject` (the plan's record id), so `audit verify`, `export`
and `purge` cover it with the same rules. Modules: `history` (a plan and its tracking records
as read from the log), `checkin` (validating and appending a check-in), `progress` (goals
against milestones, training against schedule, check-ins missed), `words` (en/zh).
"""
