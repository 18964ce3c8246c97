"""A pool of worker processes with a time limit per input.

concurrent.futures cannot stop one task that hangs (durable_rules runs in C holding the GIL, so
no signal handler runs either): each worker here is a process of our own, killed by its id when
its input overruns the limit (a hang) and replaced; a worker that dies (a crash in the C
extension) costs only its current input, which counts as an internal error. Workers are started
with `spawn` (durable_rules starts timer threads, which fork does not copy safely) and replaced
every `recycle` inputs, since every mutated KB compiles a ruleset that durable_rules never frees.
"""

from __future__ import annotations

import multiprocessing as mp
import multiprocessing.connection as mpc
import resource
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .generators import FuzzInput
from .outcome import HANG, INTERNAL, Outcome

MEMORY_LIMIT = 4 << 30  # bytes of address space per worker: a blow-up fails, not the machine


@dataclass
class Done:
    input: FuzzInput
    outcome: Outcome
    seconds: float


def _serve(conn: Any, workdir: str) -> None:
    from .worker import run, setup  # imported here: only the workers load the engine

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    base = Path(workdir)
    setup(base)
    conn.send("ready")
    while True:
        inp = conn.recv()
        if inp is None:
            return
        folder = base / inp.name
        try:
            outcome = run(inp, folder)
        except MemoryError:
            outcome = Outcome(INTERNAL, f"more than {MEMORY_LIMIT >> 30} GB of memory")
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        conn.send(outcome)


class _Worker:
    def __init__(self, ctx: Any, workdir: Path) -> None:
        self.conn, child = ctx.Pipe()
        self.dir = tempfile.mkdtemp(prefix="w", dir=workdir)
        self.proc = ctx.Process(target=_serve, args=(child, self.dir), daemon=True)
        self.proc.start()
        child.close()
        self.ready = False
        self.task: FuzzInput | None = None
        self.started = 0.0
        self.served = 0

    def give(self, inp: FuzzInput) -> None:
        self.task, self.started = inp, time.monotonic()
        self.conn.send(inp)

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.proc.kill()  # this worker's own process, by its id
        else:
            try:
                self.conn.send(None)
            except OSError:
                self.proc.kill()
        self.proc.join(10)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join()
        self.conn.close()
        shutil.rmtree(self.dir, ignore_errors=True)


class _Run:
    """One run of the pool over a stream of inputs."""

    def __init__(self, inputs: Iterable[FuzzInput], tmp: Path, workers: int, timeout: float,
                 recycle: int, on_done: Callable[[Done], None] | None) -> None:
        self.ctx = mp.get_context("spawn")
        self.todo: Iterator[FuzzInput] = iter(inputs)
        self.tmp, self.timeout, self.recycle, self.on_done = tmp, timeout, recycle, on_done
        self.exhausted = False
        self.results: list[Done] = []
        self.pool = [self.worker() for _ in range(max(1, workers))]

    def worker(self) -> _Worker:
        return _Worker(self.ctx, self.tmp)

    def finish(self, w: _Worker, outcome: Outcome) -> None:
        assert w.task is not None
        done = Done(w.task, outcome, time.monotonic() - w.started)
        self.results.append(done)
        if self.on_done:
            self.on_done(done)
        w.task = None
        w.served += 1

    def feed(self, w: _Worker) -> None:
        if not self.exhausted:
            nxt = next(self.todo, None)
            if nxt is None:
                self.exhausted = True
            else:
                w.give(nxt)

    def replace(self, i: int, kill: bool) -> None:
        self.pool[i].stop(kill=kill)
        self.pool[i] = self.worker()

    def drive(self) -> None:
        """Keep every worker busy until the inputs run out; replace hung, dead and worn ones."""
        while True:
            for i, w in enumerate(self.pool):  # replace worn-out workers between inputs
                if w.ready and w.task is None and w.served >= self.recycle and not self.exhausted:
                    self.replace(i, kill=False)
            for w in self.pool:
                if w.ready and w.task is None:
                    self.feed(w)
            if self.exhausted and all(w.task is None for w in self.pool):
                return
            now = time.monotonic()
            waits = [w.started + self.timeout - now for w in self.pool if w.task is not None]
            ready = mpc.wait([w.conn for w in self.pool],
                             timeout=max(0.05, min(waits, default=1)))
            for i, w in enumerate(self.pool):
                if w.conn in ready:
                    try:
                        message = w.conn.recv()
                    except (EOFError, OSError):
                        w.proc.join(5)
                        if not w.ready:
                            raise RuntimeError("a fuzz worker failed to start (exit code "
                                               f"{w.proc.exitcode})") from None
                        if w.task is not None:
                            self.finish(w, Outcome(INTERNAL, "the worker process died (exit "
                                                             f"code {w.proc.exitcode})"))
                        self.replace(i, kill=True)
                        continue
                    if message == "ready":
                        w.ready = True
                    else:
                        self.finish(w, message)
                elif w.task is not None and time.monotonic() - w.started > self.timeout:
                    self.finish(w, Outcome(HANG, f"no answer within {self.timeout:g} s"))
                    self.replace(i, kill=True)

    def close(self) -> None:
        for w in self.pool:
            w.stop(kill=not w.ready or w.task is not None)


def run_all(inputs: Iterable[FuzzInput], *, workers: int = 2, timeout: float = 60.0,
            recycle: int = 150, on_done: Callable[[Done], None] | None = None) -> list[Done]:
    """Run every input; return each with its outcome, in the order they finished."""
    with tempfile.TemporaryDirectory(prefix="perfdx-fuzz-") as tmp:
        run = _Run(inputs, Path(tmp), workers, timeout, recycle, on_done)
        try:
            run.drive()
        finally:
            run.close()
    return run.results
