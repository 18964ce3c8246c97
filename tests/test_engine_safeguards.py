"""Every sharp edge of durable_rules is unreachable: nothing lost, nothing swallowed, no cap."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from engine.api import analyse
from engine.case import load_case
from engine.errors import CrossCheckError, EngineError
from engine.kb.load import load_kb
from engine.reasoning import session as session_module
from engine.reasoning.crosscheck import cross_check
from engine.reasoning.inference import Fired
from engine.reasoning.session import engine
from tests.conftest import EXAMPLES, edit

SALES = str(EXAMPLES / "sales_rep_new_crm.yaml")
FINANCE = str(EXAMPLES / "finance_analyst_approvals.yaml")


def _causes(kb, path: str = SALES) -> list[tuple[str, str, float]]:
    d = analyse(load_case(path), kb).diagnosis
    return [(c.pattern, c.gap, c.certainty) for c in d.causes]


def test_an_exception_inside_a_rule_action_fails_the_diagnosis(kb, monkeypatch) -> None:
    real = session_module.record_firing

    def faulty(sink: list[Any], name: str, closure: Any) -> None:
        if name.startswith("SKILL-02#"):
            raise RuntimeError("boom")
        real(sink, name, closure)

    before = _causes(kb)
    monkeypatch.setattr(session_module, "record_firing", faulty)
    with pytest.raises(EngineError) as err:
        analyse(load_case(SALES), kb)
    assert str(err.value) == ("a rule action failed while asserting $stage-evidence: "
                              "RuntimeError: boom")
    monkeypatch.setattr(session_module, "record_firing", real)
    assert _causes(kb) == before  # the session was freed and the ruleset still works


def test_the_cli_reports_an_action_failure_without_a_traceback(run, monkeypatch) -> None:
    def faulty(sink: list[Any], name: str, closure: Any) -> None:
        raise ValueError("bad binding")

    monkeypatch.setattr(session_module, "record_firing", faulty)
    result = run("diagnose", SALES)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == ("perfdx: error: a rule action failed while asserting $stage-gaps: "
                             "ValueError: bad binding\n")


def test_a_state_carrying_an_exception_fails_the_call(kb, monkeypatch) -> None:
    host = engine()._host
    real = host.assert_fact

    def with_exception(name: str, fact: dict[str, Any], complete: Any = None) -> Any:
        state = real(name, fact)
        if fact["id"] == "$stage-causes":
            return dict(state, exception="exception caught division by zero, traceback [...]")
        return state

    monkeypatch.setattr(host, "assert_fact", with_exception)
    with pytest.raises(EngineError) as err:
        analyse(load_case(FINANCE), kb)
    assert str(err.value) == ("the rule engine reported an error while asserting $stage-causes: "
                              "exception caught division by zero, traceback [...]")


def test_a_fact_lost_by_the_engine_is_detected(kb, monkeypatch) -> None:
    host = engine()._host
    real = host.get_facts
    monkeypatch.setattr(host, "get_facts", lambda name, sid=None: [
        f for f in real(name, sid) if f["id"] != "rating-2"])
    with pytest.raises(EngineError) as err:
        analyse(load_case(SALES), kb)
    assert str(err.value) == "the rule engine lost 1 fact(s): rating-2"


def test_a_fact_of_an_unknown_type_is_refused_loudly(kb) -> None:
    with engine().session(kb) as s, pytest.raises(EngineError) as err:
        s.assert_fact({"id": "x-1", "t": "nonsense"})
    assert str(err.value) == "the rule engine dropped fact 'x-1' (no rule matches its type)"


def test_a_duplicate_fact_id_is_refused(kb) -> None:
    with engine().session(kb) as s:
        s.assert_fact({"id": "rating-1", "t": "rating", "source": "peer",
                       "dimension": "teamwork", "score": 3})
        with pytest.raises(EngineError) as err:
            s.assert_fact({"id": "rating-1", "t": "rating", "source": "peer",
                           "dimension": "teamwork", "score": 4})
    assert str(err.value) == "fact id 'rating-1' asserted twice in one session"


def test_sessions_are_freed_well_past_the_1024_cap(kb) -> None:
    loaded = load_case(FINANCE)
    expected = _causes(kb, FINANCE)
    for _ in range(1100):
        d = analyse(loaded, kb).diagnosis
    assert [(c.pattern, c.gap, c.certainty) for c in d.causes] == expected
    assert engine().compiled(kb)._live == set()


def test_compiled_rulesets_are_cached_by_kb_hash(kb, kb_copy) -> None:
    first = engine().compiled(kb)
    assert engine().compiled(load_kb(kb.root)) is first
    edit(kb_copy / "rules/gaps.yaml", "team_attainment: {at_least: 1.0}",
         "team_attainment: {at_least: 0.98}")
    other = load_kb(kb_copy)
    assert other.hash != kb.hash
    assert engine().compiled(other) is not first
    assert engine().compiled(other).name == "perfdx_" + other.hash[:32]


def test_the_same_kb_in_another_folder_is_the_same_ruleset(kb, kb_copy) -> None:
    assert load_kb(kb_copy).hash == kb.hash
    assert engine().compiled(load_kb(kb_copy)) is engine().compiled(kb)


def test_cross_check_catches_a_firing_the_engine_missed(kb) -> None:
    analysis = analyse(load_case(SALES), kb)
    fired = analysis.result.fired
    with pytest.raises(CrossCheckError) as err:
        cross_check(kb, analysis.result.working_memory, fired[1:])
    assert str(err.value).startswith("cross-check failed: 1 activation(s) the engine did not "
                                     "fire, e.g. GAP-01 (alternative 1) on metric=metric-1")


def test_cross_check_catches_a_firing_the_rules_do_not_allow(kb) -> None:
    analysis = analyse(load_case(SALES), kb)
    fired = analysis.result.fired
    bogus = Fired(kb.rule("PROC-01"), 0, {"gap": "gap-metric-1", "observation": "observation-1"})
    with pytest.raises(CrossCheckError) as err:
        cross_check(kb, analysis.result.working_memory, fired + [bogus])
    assert str(err.value) == (
        "cross-check failed: 1 the reference evaluator does not find, e.g. PROC-01 "
        "(alternative 1) on gap=gap-metric-1, observation=observation-1 (this is a bug in "
        "perfdx; please report it with the case)")


def test_cross_check_agrees_on_the_examples(kb) -> None:
    for path in sorted(EXAMPLES.glob("*.yaml")):
        # the count of activations compared; 0 is a real answer for a case without any gap
        assert analyse(load_case(str(path)), kb, cross_check=True).cross_checked is not None


def test_threads_share_the_engine_safely(kb) -> None:
    expected = {path: _causes(kb, path) for path in (SALES, FINANCE)}
    results: list[bool] = []

    def work(path: str) -> None:
        for _ in range(30):
            results.append(_causes(kb, path) == expected[path])

    threads = [threading.Thread(target=work, args=(p,)) for p in (SALES, FINANCE, SALES)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [True] * 90
