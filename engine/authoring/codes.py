"""Problem codes reported by the knowledge-base loader and `perfdx kb check`.

Each code is documented for editors in the KB README (a test keeps the two in step).
"""

from __future__ import annotations

CODES: dict[str, str] = {
    # errors: the KB cannot be used until they are fixed
    "E100": "YAML syntax error, or a construct perfdx refuses (tags, aliases, duplicate keys)",
    "E101": "a key or value does not fit the file's schema (unknown key, wrong type, missing key)",
    "E102": "two entries share one id",
    "E110": "an unknown name: pattern, KPI, intervention, observation, rating dimension, area, "
            "competency or course",
    "E111": "an unknown fact type in a rule condition",
    "E112": "an unknown field of a fact",
    "E113": "a value that does not fit its field (a number compared with text, a choice that "
            "does not exist)",
    "E114": "an unknown operator in a condition",
    "E115": "a group attribute (fairness statistics only) named in a rule",
    "E120": "a join that perfdx cannot run: unknown name, a comparison between two facts, a "
            "cycle, or a `not` joined to a fact of its own type",
    "E121": "`not` over a fact of the rule's own stage or a later one",
    "E122": "a fact type the rule's stage cannot see yet",
    "E123": "a conclusion (`then`) that does not fit the rule's stage",
    "E124": "a rule too large for the engine (too many alternatives)",
    "E125": "no rule of the `gaps` stage: no gap could ever be found",
    "E126": "a number the rule engine cannot read in a condition (below 0.0001 or above 1e15 "
            "in size, infinite, or not a number)",
    "E127": "rules the rule engine cannot compile: one of durable_rules' fixed limits (e.g. at "
            "most 256 rule conditions sharing one test of a fact)",
    "E130": "a condition that can never hold (a value outside the field's range, or "
            "contradictory limits)",
    "E131": "a duplicated rule: same conditions and conclusion as another",
    "E132": "a rule that recommends an intervention where one of its declared "
            "contraindications always holds",
    "E140": "a scenario test that cannot run: its case file is missing, or does not fit the "
            "knowledge base",
    # warnings: the KB runs, but something is probably wrong
    "W200": "a label or text missing in English or Chinese",
    "W201": "a rule without rationale or source",
    "W202": "a rule shadowed by another with the same conclusion and weaker conditions",
    "W203": "a pattern no rule concludes",
    "W204": "an intervention or course that no rule recommends",
    "W205": "a conclusion nothing consumes",
    "W206": "conclusions that feed each other in a loop",
    "W207": "an observation no rule asks about",
    "W208": "more conditions on one kind of fact than the rule engine can follow at once",
}


def describe(code: str) -> str:
    return CODES[code]
