"""How facts, values and conditions read in English and Chinese.

The operator table supplies the verbs ("is not below"); this module supplies the nouns: what a
field of a fact is called ("digital tools rating (supervisor)") and how a value reads ("yes",
"Sales growth", "0.41").
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..i18n import Lang, has_ui, ui
from ..kb.base import KnowledgeBase
from ..kb.conditions import AnyOf, Expr, Pattern, Ref, Test
from ..kb.operators import ABSENT, OPERATORS
from ..kb.vocabulary import FACT_TYPES

Fact = Mapping[str, Any]

_CATALOGS = {"kpi": "kpis", "pattern": "patterns", "dimension": "dimensions",
             "observation": "observations", "area": "areas", "intervention": "interventions"}


def label(kb: KnowledgeBase, catalog: str, entry_id: str, lang: Lang) -> str:
    """The name of a catalog entry in `lang` (its id when the KB does not know it)."""
    section = getattr(kb, _CATALOGS.get(catalog, catalog), {})
    entry = section.get(entry_id)
    if entry is None:
        return str(entry_id)
    text = getattr(entry, "name", None) or getattr(entry, "label", None)
    return text.get(lang) if text is not None else str(entry_id)


def number(x: float) -> str:
    return f"{x:g}" if abs(x) >= 0.001 or x == 0 else f"{x:.2e}"


def value(kb: KnowledgeBase, fact_type: str, field: str, v: Any, lang: Lang,
          fact: Fact | None = None) -> str:
    """A field value as words."""
    if v is ABSENT:
        return ui("unknown", lang)
    if isinstance(v, bool):
        return ui("yes" if v else "no", lang)
    if isinstance(v, (int, float)):
        return number(v)
    if isinstance(v, (list, tuple)):
        sep = "、" if lang == "zh" else ", "
        return sep.join(value(kb, fact_type, field, x, lang, fact) for x in v) or "-"
    fdef = FACT_TYPES.get(fact_type)
    kind = fdef.fields[field].kind if fdef and field in fdef.fields else "text"
    if ":" in kind:
        return label(kb, kind.split(":", 1)[1], str(v), lang)
    if fact_type == "observation" and field == "value" and fact is not None:
        return str(v)
    if has_ui(str(v)):
        return ui(str(v), lang)
    return str(v)


def fact_name(kb: KnowledgeBase, fact: Fact, lang: Lang) -> str:
    """A short name for a fact: "Sales growth result", "digital tools rating (supervisor)"."""
    t = fact.get("t")
    if t == "metric":
        name = label(kb, "kpi", fact["kpi"], lang)
        return f"{name} result" if lang == "en" else f"{name}结果"
    if t == "gap":
        about = label(kb, "kpi", fact["kpi"], lang) if "kpi" in fact else label(
            kb, "area", fact.get("area", ""), lang)
        return f"{about} gap" if lang == "en" else f"{about}差距"
    if t == "rating":
        dim = label(kb, "dimension", fact["dimension"], lang)
        src = fact.get("source", "")
        return f"{dim} rating ({src})" if lang == "en" else f"{dim}评分({_source_zh(src)})"
    if t == "observation":
        return label(kb, "observation", fact["name"], lang)
    if t in ("evidence", "cause"):
        name = label(kb, "pattern", fact["pattern"], lang)
        kind = FACT_TYPES[t].label.get(lang)
        return f"{name} {kind}" if lang == "en" else f"{name}{kind}"
    if t == "concern":
        about = label(kb, "kpi", fact["kpi"], lang) if "kpi" in fact else label(
            kb, "area", fact.get("area", ""), lang)
        return f"concern about {about}" if lang == "en" else f"关于{about}的问题"
    ft = FACT_TYPES.get(str(t))
    return ft.label.get(lang) if ft else str(t)


def _source_zh(source: str) -> str:
    return {"supervisor": "上级", "peer": "同事", "subordinate": "下属", "customer": "客户",
            "self": "自评"}.get(source, source)


def subject(kb: KnowledgeBase, pattern: Pattern, field: str, fact: Fact | None,
            lang: Lang) -> str:
    """What a test is about: "digital tools rating (supervisor)", "Sales growth attainment"."""
    ft = FACT_TYPES[pattern.fact]
    flabel = ft.fields[field].label.get(lang) if field in ft.fields else field
    if pattern.fact == "observation":
        if field == "value":
            name = fact.get("name") if fact else _pinned(pattern)
            if not name:
                return flabel
            text = label(kb, "observation", str(name), lang)
            return f"'{text}'" if lang == "en" else f"“{text}”"
        return flabel
    if fact is None:
        return f"{ft.label.get(lang)} {flabel}" if lang == "en" else f"{ft.label.get(lang)}{flabel}"
    if pattern.fact == "rating" and field == "score":
        return fact_name(kb, fact, lang)
    if pattern.fact == "metric":
        name = label(kb, "kpi", fact["kpi"], lang)
        return f"{name} {flabel}" if lang == "en" else f"{name}{flabel}"
    if pattern.fact == "employee":
        return flabel
    owner = fact_name(kb, fact, lang)
    return f"{flabel} of the {owner}" if lang == "en" else f"{owner}的{flabel}"


def _pinned(pattern: Pattern) -> str | None:
    for t in pattern.tests:
        if isinstance(t, Test) and t.field == "name" and t.op == "is":
            return str(t.value)
    return None


def test_words(kb: KnowledgeBase, pattern: Pattern, test: Test, fact: Fact | None,
               binding: Mapping[str, Fact], lang: Lang, held: bool) -> str:
    """One test worded, e.g. "digital tools rating (supervisor) 3.4 is not below 3"."""
    op = OPERATORS[test.op]
    actual = ABSENT if fact is None else fact.get(test.field, ABSENT)
    parts = {
        "subject": subject(kb, pattern, test.field, fact, lang),
        "actual": value(kb, pattern.fact, test.field, actual, lang, fact),
    }
    if isinstance(test.value, Ref):
        other = binding.get(test.value.alias)
        parts["value"] = (fact_name(kb, other, lang) + " " + test.value.field) if other \
            else str(test.value)
        other_value = ABSENT if other is None else other.get(test.value.field, ABSENT)
        parts["other"] = value(kb, str(other.get("t")) if other else "", test.value.field,
                               other_value, lang)
    elif isinstance(test.value, tuple):
        sep = "、" if lang == "zh" else ", "
        parts["value"] = sep.join(value(kb, pattern.fact, test.field, v, lang, fact)
                                  for v in test.value)
    else:
        parts["value"] = value(kb, pattern.fact, test.field, test.value, lang, fact)
    return op.wording(lang, held, **parts)


def expr_words(kb: KnowledgeBase, pattern: Pattern, expr: Expr, fact: Fact | None,
               binding: Mapping[str, Fact], lang: Lang, held: bool) -> str:
    if isinstance(expr, Test):
        return test_words(kb, pattern, expr, fact, binding, lang, held)
    assert isinstance(expr, AnyOf)
    joiner = " 或 " if lang == "zh" else " or "
    options = []
    for option in expr.options:
        options.append(" & ".join(expr_words(kb, pattern, e, fact, binding, lang, True)
                                  for e in option))
    text = joiner.join(options)
    if held:
        return text
    return f"none of: {text}" if lang == "en" else f"以下均不成立:{text}"
