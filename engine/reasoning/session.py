"""The only place that talks to durable_rules, and the guard rail around its sharp edges.

What this module makes unreachable (see durable_rules_notes.md):
- lost facts: every fact type has a catch-all rule, facts are only asserted from outside actions
  (where durable raises instead of dropping), and the final working memory is compared with
  everything asserted;
- a batch with a duplicate: ids are checked before a stage's facts are asserted in one call, and
  a batch durable_rules refuses fails the diagnosis, naming the first fact it did not keep;
- swallowed exceptions: an action that fails, or a state carrying `exception`, fails the call;
- duplicate identity: every fact carries an explicit, stable `id`, unique within its session;
- the 1,024-session cap: one session per case, always deleted, never more than one alive;
- re-registration: compiled rulesets are cached by KB content hash, registered once;
- background threads: the Host's timer threads are never started, so actions only ever run
  inside our own calls, in order;
- threads: one lock around every use of the host.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, NoReturn

from ..errors import EngineError, UnsupportedPython
from ..kb.base import KnowledgeBase
from ..kb.rules import Rule
from .compile import GATE_TYPE, ID_COPY, KEEP_PREFIX, gate_fact, rule_alias, ruleset_definition
from .engine_limits import refusal
from .numbers import engine_copy

_DURABLE: Any = None


REBUILD_313 = ("CPPFLAGS='-DPyEval_CallObject(c,a)=PyObject_CallObject(c,a)' "
               "pip install --no-cache-dir --force-reinstall durable-rules==2.0.28")


def durable_fix_hint(error: str) -> str:
    """The exact command that fixes a durable_rules that does not load."""
    if "PyEval_CallObject" in error or sys.version_info >= (3, 13):
        # durable-rules 2.0.28 calls PyEval_CallObject, removed from Python 3.13's C API
        return f"rebuild it for this Python: {REBUILD_313}"
    return "reinstall it: pip install --no-cache-dir --force-reinstall durable-rules==2.0.28"


def _durable() -> Any:
    """Import durable_rules (once), or say plainly why it cannot run here."""
    global _DURABLE
    if _DURABLE is not None:
        return _DURABLE
    if sys.version_info >= (3, 14):
        raise UnsupportedPython(
            f"perfdx needs Python 3.10 to 3.13: its rule engine durable_rules 2.0.28 is not known "
            f"to run on Python {sys.version_info.major}.{sys.version_info.minor}",
            hint="create the virtual environment with python3.13 to python3.10")
    try:
        import durable.engine as durable_engine
    except ImportError as err:
        raise UnsupportedPython(f"the rule engine durable_rules cannot be loaded: {err}",
                                hint=durable_fix_hint(str(err))) from err
    # durable_rules logs action errors itself; perfdx raises them instead, so keep it quiet.
    logging.getLogger("durable").addHandler(logging.NullHandler())
    logging.getLogger("durable").propagate = False
    _DURABLE = durable_engine
    return durable_engine


MAX_RULES = 4000  # durable_rules holds at most 4,096 rules per ruleset


def _quiet_host() -> Any:
    """A durable Host without its dispatcher and timer threads (perfdx uses no events or
    timers), so every action runs inside our own calls, in order."""
    durable_engine = _durable()

    class QuietHost(durable_engine.Host):  # type: ignore[misc, name-defined]
        def _run(self) -> None:
            return None

    return QuietHost()


Binding = dict[str, str]  # alias -> fact id
Firing = tuple[str, Binding]  # (durable rule name "RULE#branch", binding)


def record_firing(sink: list[Firing], name: str, closure: Any) -> None:
    """What every rule action does: note which facts matched. Nothing else runs in an action."""
    message = getattr(closure, "_m", None) or {}
    binding = {rule_alias(alias): fact["id"] for alias, fact in message.items()
               if alias.startswith("a_")}
    sink.append((name, binding))


class CompiledRuleset:
    """A KB's rules registered in durable_rules under a name derived from its content hash."""

    def __init__(self, host: Any, kb: KnowledgeBase) -> None:
        self.name = "perfdx_" + kb.hash[:32]
        self.kb_hash = kb.hash
        self._host = host
        self._kb = kb
        self._sink: list[Firing] = []
        self._failure: BaseException | None = None
        self._next_sid = 0
        self._live: set[str] = set()
        definition = ruleset_definition(kb, self._action, self._keep)
        self.kept_types = frozenset(name[len(KEEP_PREFIX):] for name in definition
                                    if name.startswith(KEEP_PREFIX))
        if len(definition) > MAX_RULES:
            raise EngineError(f"the knowledge base compiles to {len(definition)} engine rules; "
                              f"durable_rules holds at most {MAX_RULES}",
                              hint="split rules with many `any` alternatives")
        try:
            host.register_rulesets({self.name: definition})
        except Exception as err:  # durable reports only an error code, with no location
            raise refusal(kb, err, self._registers) from err

    def _registers(self, rules: Sequence[Rule], name: str) -> bool:
        """Does durable_rules take these of the KB's rules (under a name of their own)?"""
        definition = ruleset_definition(self._kb, self._action, self._keep, only=rules)
        try:
            self._host.register_rulesets({name: definition})
        except Exception:
            return False
        return True

    def _action(self, name: str) -> Callable[[Any], None]:
        def act(closure: Any) -> None:
            try:
                record_firing(self._sink, name, closure)
            except BaseException as err:  # durable would swallow it; keep it to raise later
                self._failure = err
                raise
        return act

    @staticmethod
    def _keep(closure: Any) -> None:
        return None

    def new_session(self) -> Session:
        if self._live:
            raise EngineError("a previous inference session was not closed")
        self._next_sid += 1
        sid = str(self._next_sid)
        self._live.add(sid)
        self._sink = []
        self._failure = None
        return Session(self, sid)


class Session:
    """Working memory for one case. Use through `Engine.session()`, which always frees it."""

    def __init__(self, ruleset: CompiledRuleset, sid: str) -> None:
        self._rs = ruleset
        self.sid = sid
        self.asserted: dict[str, dict[str, Any]] = {}

    def _check(self, state: Any, context: str) -> None:
        failure = self._rs._failure
        if failure is not None:
            raise EngineError(f"a rule action failed while {context}: "
                              f"{type(failure).__name__}: {failure}") from failure
        if isinstance(state, dict) and state.get("exception"):
            detail = str(state["exception"]).splitlines()[0][:300]
            raise EngineError(f"the rule engine reported an error while {context}: {detail}")

    def _raise_refused(self, fid: str, err: Exception) -> NoReturn:
        """The EngineError for a fact durable_rules did not take."""
        durable_engine = _durable()
        if isinstance(err, durable_engine.MessageNotHandledException):
            raise EngineError(f"the rule engine dropped fact {fid!r} (no rule matches its "
                              "type)") from None
        if isinstance(err, durable_engine.MessageObservedException):
            raise EngineError(f"the rule engine took fact {fid!r} for a duplicate") from None
        if isinstance(err, EngineError):
            raise err
        self._check(None, f"asserting {fid}")
        if "error code: 303" in str(err):  # ERR_MAX_STACK_SIZE: a 64-entry evaluation stack
            raise EngineError(
                f"the rule engine ran out of room while asserting {fid!r}: too many "
                "different conditions on one kind of fact match it at once",
                hint="run 'perfdx kb check' (warning W208) and merge similar rules") from err
        raise EngineError(f"the rule engine failed while asserting {fid!r}: {err}") from err

    def _payload(self, fact: dict[str, Any]) -> dict[str, Any]:
        """What durable_rules receives for a fact: its engine copy, in this session."""
        payload = engine_copy(fact)
        payload["sid"] = self.sid
        payload[ID_COPY] = fact["id"]
        return payload

    def assert_fact(self, fact: dict[str, Any]) -> None:
        fid = fact["id"]
        if fid in self.asserted:
            raise EngineError(f"fact id {fid!r} asserted twice in one session")
        payload = self._payload(fact)
        try:
            state = self._rs._host.assert_fact(self._rs.name, payload)
        except Exception as err:
            self._raise_refused(fid, err)
        self.asserted[fid] = payload
        self._check(state, f"asserting {fid}")

    def assert_facts(self, facts: Sequence[dict[str, Any]]) -> None:
        """Assert a stage's facts in one call to durable_rules (its rules run on the gate that
        follows them). Ids are checked first: durable_rules would store the rest of a batch
        that holds a duplicate."""
        if not facts:
            return
        if len(facts) == 1:
            self.assert_fact(facts[0])
            return
        payloads = []
        ids: set[str] = set()
        for fact in facts:
            fid = fact["id"]
            if fid in self.asserted or fid in ids:
                raise EngineError(f"fact id {fid!r} asserted twice in one session")
            ids.add(fid)
            payloads.append(self._payload(fact))
        context = f"asserting {payloads[0]['id']} .. {payloads[-1]['id']}"
        try:
            state = self._rs._host.assert_facts(self._rs.name, payloads)
        except Exception as err:
            # durable_rules stops at the fact it cannot take: name it as a lone assert would
            held = self._held_ids()
            culprit = next((p for p in payloads if p["id"] not in held), payloads[-1])
            self._raise_refused(culprit["id"], err)
        for payload in payloads:
            self.asserted[payload[ID_COPY]] = payload
        self._check(state, context)

    def _held_ids(self) -> set[Any]:
        try:
            return {f.get("id") for f in self._rs._host.get_facts(self._rs.name, self.sid)}
        except Exception:
            return set()

    def run_stage(self, stage: str) -> list[Firing]:
        """Open the stage gate; every rule of the stage fires for every match, then returns."""
        self._rs._sink = []
        self.assert_fact(gate_fact(stage, self.sid))
        fired = self._rs._sink
        self._rs._sink = []
        return fired

    def working_memory(self) -> list[dict[str, Any]]:
        """The facts durable_rules holds, checked against everything asserted (nothing lost)."""
        try:
            facts = self._rs._host.get_facts(self._rs.name, self.sid)
        except Exception as err:
            raise EngineError(f"could not read working memory back: {err}") from err
        held = {f.get("id"): f for f in facts}
        lost = sorted(set(self.asserted) - set(held))
        if lost:
            raise EngineError(f"the rule engine lost {len(lost)} fact(s): {', '.join(lost[:5])}")
        extra = sorted(str(i) for i in set(held) - set(self.asserted))
        if extra:
            raise EngineError(f"working memory holds facts never asserted: {', '.join(extra[:5])}")
        return [held[fid] for fid in self.asserted if held[fid].get("t") != GATE_TYPE]

    def close(self) -> None:
        try:
            self._rs._host.delete_state(self._rs.name, self.sid)
        except Exception as err:
            # 309: no state to free (a first batch refused before durable_rules saw a fact)
            if "error code: 309" not in str(err):
                raise
        finally:
            self._rs._live.discard(self.sid)


class Engine:
    """One durable_rules host per process, with compiled rulesets cached by KB hash."""

    def __init__(self) -> None:
        self._host = _quiet_host()
        self._compiled: dict[str, CompiledRuleset] = {}
        self.lock = threading.RLock()

    def compiled(self, kb: KnowledgeBase) -> CompiledRuleset:
        found = self._compiled.get(kb.hash)
        if found is None:
            found = self._compiled[kb.hash] = CompiledRuleset(self._host, kb)
        return found

    @contextmanager
    def session(self, kb: KnowledgeBase) -> Iterator[Session]:
        with self.lock:
            session = self.compiled(kb).new_session()
            try:
                yield session
            finally:
                session.close()


_ENGINE: Engine | None = None


def engine() -> Engine:
    global _ENGINE
    if _ENGINE is None:
        _ENGINE = Engine()
    return _ENGINE


def is_internal(rule_name: str) -> bool:
    return rule_name.startswith(KEEP_PREFIX)
