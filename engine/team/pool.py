"""Many diagnoses on all cores: a process pool, results in input order, crashes contained.

Workers are started with forkserver (spawn where there is none), never fork: durable_rules holds
C state and a forked copy of a process that has used it is not safe. Each worker loads the KB and
compiles its ruleset once, in its initializer. Cases go out in small chunks; results come back in
any order and are handed on in input order. When a worker dies (a crash in the rule engine's C
code), the pool is rebuilt and every case that was in flight is retried alone in a fresh
one-worker pool, so the case that kills its worker is the only one reported as failed.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any

from ..api import analyse
from ..case import parse_case
from ..errors import PerfdxError
from ..explain.analysis import Analysis
from ..kb.base import KnowledgeBase
from ..kb.load import load_kb
from ..plan.gaps import significant
from ..plan.policy import plan_policy
from ..reasoning.session import engine

# What a caller may run in the worker after each diagnosis (e.g. render it as HTML). It must be
# a module-level function, so the worker can import it by name.
PostHook = Callable[[Analysis, str], dict[str, Any]]


@dataclass(frozen=True)
class Job:
    index: int  # position in the input, from 0
    employee: str
    source: str
    data: dict[str, Any]


@dataclass
class Outcome:
    index: int
    employee: str
    source: str
    diagnosis_json: str | None = None
    plan_advised: bool = False
    extra: dict[str, Any] = field(default_factory=dict)
    error: str | None = None  # why this case has no diagnosis


def start_method() -> str:
    """forkserver where the platform has it, else spawn; never fork."""
    methods = multiprocessing.get_all_start_methods()
    return "forkserver" if "forkserver" in methods else "spawn"


# -- in the worker -----------------------------------------------------------------------------

_KB: KnowledgeBase | None = None
_KB_PROBLEM: str | None = None
_SETUP: dict[str, Any] = {}


def _init(kb_dir: str, kb_hash: str, cross_check: bool | None, lang: str,
          post: PostHook | None) -> None:
    global _KB, _KB_PROBLEM
    kb = load_kb(kb_dir)
    if kb.hash != kb_hash:
        _KB_PROBLEM = ("the knowledge base changed on disk while the batch ran "
                       f"({kb_hash[:12]} -> {kb.hash[:12]}); run it again")
        return
    engine().compiled(kb)  # the ruleset, compiled once for this worker
    _KB = kb
    _SETUP.update(cross_check=cross_check, lang=lang, post=post)


def diagnose_one(job: Job) -> Outcome:
    out = Outcome(job.index, job.employee, job.source)
    if _KB is None:
        out.error = _KB_PROBLEM or "the worker has no knowledge base"
        return out
    try:
        analysis = analyse(parse_case(job.data, job.source), _KB,
                           cross_check=_SETUP["cross_check"])
    except PerfdxError as err:
        out.error = str(err)
        return out
    d = analysis.diagnosis
    out.diagnosis_json = d.to_json()
    policy = plan_policy(_KB)
    out.plan_advised = any(significant(policy, g) for g in d.gaps)
    post = _SETUP.get("post")
    if post is not None:
        out.extra = post(analysis, _SETUP["lang"])
    return out


def _chunk(jobs: list[Job]) -> list[Outcome]:
    return [diagnose_one(j) for j in jobs]


# -- in the parent -----------------------------------------------------------------------------

@dataclass
class PoolStats:
    workers: int
    start_method: str
    worker_deaths: int = 0
    retried_alone: int = 0


class BatchPool:
    """Runs jobs on `workers` processes and yields their outcomes in input order."""

    def __init__(self, kb: KnowledgeBase, *, workers: int, cross_check: bool | None = None,
                 lang: str = "en", post: PostHook | None = None, chunk: int = 8) -> None:
        self.kb = kb
        self.workers = max(1, workers)
        self.chunk = max(1, chunk)
        self.ctx = multiprocessing.get_context(start_method())
        if self.ctx.get_start_method() == "forkserver":
            # the server imports perfdx once; each worker forked from it starts with the
            # modules loaded (no rule engine state exists in the server: nothing has run)
            self.ctx.set_forkserver_preload([__name__])
        self.initargs = (str(kb.root), kb.hash, cross_check, lang, post)
        self.stats = PoolStats(self.workers, self.ctx.get_start_method())

    def _executor(self, workers: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=workers, mp_context=self.ctx,
                                   initializer=_init, initargs=self.initargs)

    def run(self, jobs: Iterable[Job]) -> Iterator[Outcome]:
        source = iter(jobs)
        ready: dict[int, Outcome] = {}
        next_out = 0
        window = self.workers * 3
        executor = self._executor(self.workers)
        inflight: dict[Future[list[Outcome]], list[Job]] = {}
        exhausted = False
        try:
            while True:
                while not exhausted and len(inflight) < window:
                    batch = list(itertools.islice(source, self.chunk))
                    if not batch:
                        exhausted = True
                        break
                    inflight[executor.submit(_chunk, batch)] = batch
                if not inflight:
                    break
                done, _ = wait(list(inflight), return_when=FIRST_COMPLETED)
                broken = False
                for fut in done:
                    batch = inflight.pop(fut)
                    try:
                        for o in fut.result():
                            ready[o.index] = o
                    except BrokenProcessPool:
                        broken = True
                        inflight[fut] = batch  # retried below with the others in flight
                if broken:
                    self.stats.worker_deaths += 1
                    suspects = [j for b in inflight.values() for j in b]
                    inflight.clear()
                    executor.shutdown(wait=False, cancel_futures=True)
                    for o in self._alone(sorted(suspects, key=lambda j: j.index)):
                        ready[o.index] = o
                    executor = self._executor(self.workers)
                while next_out in ready:
                    yield ready.pop(next_out)
                    next_out += 1
            while next_out in ready:
                yield ready.pop(next_out)
                next_out += 1
        finally:
            executor.shutdown(wait=True, cancel_futures=True)

    def _alone(self, jobs: list[Job]) -> Iterator[Outcome]:
        """Each job by itself in a one-worker pool: a death now names its case."""
        solo = self._executor(1)
        try:
            for job in jobs:
                self.stats.retried_alone += 1
                try:
                    yield solo.submit(diagnose_one, job).result()
                except BrokenProcessPool:
                    self.stats.worker_deaths += 1
                    solo.shutdown(wait=False, cancel_futures=True)
                    solo = self._executor(1)
                    yield Outcome(job.index, job.employee, job.source,
                                  error="the worker process died while diagnosing this case "
                                        "(alone, after a retry): the rule engine crashed on it")
        finally:
            solo.shutdown(wait=True, cancel_futures=True)


def default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1
