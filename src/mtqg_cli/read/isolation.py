"""Inputs read in worker processes, so that a native reader's crash, abort or panic costs its file alone.

python-calamine is Rust: a file it cannot allocate for aborts the whole process (SIGABRT), and a
damaged .xls can panic in its parsers. Every file of a run is therefore read in a worker process
started once per run and replaced only when one dies; the file it was reading gets its own
"damaged" error and the others are still checked.
"""

from __future__ import annotations

import faulthandler
import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from multiprocessing.reduction import ForkingPickler
from typing import Any

from mtqg_cli.model.errors import InputError

Task = tuple[Callable[..., Any], tuple[Any, ...]]


class WorkerDied(Exception):
    """The worker reading a task ended without an answer (a crash, an abort, a kill)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _serve(conn: Connection, quiet: bool) -> None:
    """A worker's loop: run each task received, send back its result or the error it raised."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops the run, and its workers
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if quiet:  # a native reader's abort prints its backtrace there: the file's error says enough
        faulthandler.disable()
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 2)
        os.close(null)
    while True:
        try:
            func, args = conn.recv()
        except (EOFError, OSError):
            return
        try:
            answer: Any = func(*args)
        except Exception as exc:  # an error the task did not turn into a result: sent back
            answer = exc
        try:
            conn.send_bytes(_pickled(answer))
        except Exception as exc:  # an answer that cannot be pickled
            conn.send(RuntimeError(f"{type(exc).__name__}: {exc}"[:300]))


def _pickled(answer: Any) -> bytes:
    """An answer as the bytes sent back (`Connection.recv` unpickles them): its pydantic models,
    a batch's reports, pickled compactly (compact.py); pydantic is never imported for it, a
    worker that has not loaded pydantic has no model to send."""
    if "pydantic" not in sys.modules:
        return bytes(ForkingPickler.dumps(answer))
    from mtqg_cli.read.compact import dumps

    return dumps(answer)


def death_reason(exitcode: int | None) -> str:
    """How a worker ended, for the message: the signal's name (SIGABRT…) or the exit code."""
    if exitcode is not None and exitcode < 0:
        try:
            return signal.Signals(-exitcode).name
        except ValueError:
            return f"signal {-exitcode}"
    return f"exit code {exitcode}"


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    task: int | None = None
    queue: deque[int] = field(default_factory=deque)
    """The indexes of the tasks sent to it and not answered yet, in the order sent."""


class WorkerPool:
    """Worker processes started once; one task at a time each; a dead one is replaced."""

    def __init__(self, size: int, start_method: str | None = None, *, quiet: bool = True) -> None:
        self.context: BaseContext = multiprocessing.get_context(start_method)
        self.size = max(1, size)
        self.quiet = quiet
        self.workers: list[_Worker] = []
        self.submitted: deque[_Worker] = deque()

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _start(self) -> _Worker:
        parent, child = self.context.Pipe()
        process = self.context.Process(target=_serve, args=(child, self.quiet), daemon=True)  # type: ignore[attr-defined]
        process.start()
        child.close()
        worker = _Worker(process, parent)
        self.workers.append(worker)
        return worker

    def run(self, tasks: list[Task], ahead: int = 1) -> Iterator[tuple[int, Any]]:
        """Yield (index, result) as tasks finish; a task's result is a WorkerDied when its worker
        died, or the exception it raised. Each worker is sent up to `ahead` tasks at once, so that
        it starts the next without waiting for this process to take its answer; a worker that
        dies costs its current task alone (the ones queued behind it go to another)."""
        waiting = deque(range(len(tasks)))
        busy: dict[object, _Worker] = {}
        while waiting or busy:
            while len(self.workers) < min(self.size, len(waiting) + len(busy)):
                self._start()  # at the start, and in place of a worker that died
            for worker in list(self.workers):
                if worker.task is not None and not worker.queue:
                    continue  # busy with a task `submit` sent
                while len(worker.queue) < ahead and waiting:
                    if not self._send(worker, waiting[0], tasks[waiting[0]]):
                        break  # it died: its queue's first answer says so, or it is replaced
                    waiting.popleft()
                    busy[worker.conn] = worker
            for ready in wait([w.conn for w in busy.values()]):
                worker = busy[ready]
                index = worker.queue.popleft()
                answer = self._answer(worker)
                if isinstance(answer, WorkerDied):  # the tasks behind it never started
                    waiting.extendleft(reversed(worker.queue))
                    worker.queue.clear()
                worker.task = worker.queue[0] if worker.queue else None
                if worker.task is None:
                    del busy[ready]
                yield index, answer

    def _send(self, worker: _Worker, index: int, task: Task) -> bool:
        """Send a task to a worker; False when it has died (one with nothing queued is
        replaced at once: no answer will tell)."""
        try:
            worker.conn.send(task)
        except OSError:  # a broken pipe: it ended after its last answer
            if not worker.queue:
                worker.process.join(5)
                self._replace(worker)
            return False
        worker.queue.append(index)
        worker.task = worker.queue[0]
        return True

    def _answer(self, worker: _Worker) -> Any:
        try:
            answer = worker.conn.recv()
        except (EOFError, OSError):
            worker.process.join(5)
            reason = death_reason(worker.process.exitcode)
            self._replace(worker)
            return WorkerDied(reason)
        return answer

    def _replace(self, worker: _Worker) -> None:
        worker.conn.close()
        self.workers.remove(worker)

    def close(self) -> None:
        """Stop every worker (a busy one is killed) and wait for it."""
        for worker in self.workers:
            worker.conn.close()
            if worker.task is not None or worker.process.is_alive():
                worker.process.kill()
        for worker in self.workers:
            worker.process.join()
        self.workers.clear()

    def call(self, func: Callable[..., Any], *args: Any, path: str = "") -> Any:
        """`func(*args)` run in a worker; its death is an InputError on `path`, its exception
        raised here."""
        for _index, result in self.run([(func, args)]):
            return _returned(result, path)
        raise AssertionError("unreachable")  # pragma: no cover

    def submit(self, func: Callable[..., Any], *args: Any) -> None:
        """Start `func(*args)` in an idle worker and return at once (`collect` gets its answer):
        the caller goes on with its own work meanwhile."""
        worker = next((w for w in self.workers if w.task is None), None) or self._start()
        worker.task = -1
        worker.conn.send((func, args))
        self.submitted.append(worker)

    def collect(self, path: str = "") -> Any:
        """The answer of the oldest task `submit` started, as `call` gives it."""
        worker = self.submitted.popleft()
        answer = self._answer(worker)
        worker.task = None
        return _returned(answer, path)


def _returned(result: Any, path: str) -> Any:
    """A task's answer as its caller gets it: a dead worker is an InputError, an error raised."""
    if isinstance(result, WorkerDied):
        raise InputError("reader_crashed", path=path, reason=result.reason)
    if isinstance(result, BaseException):
        raise result
    return result


def call_isolated(func: Callable[..., Any], *args: Any, path: str = "") -> Any:
    """`func(*args)` run in a worker process of its own; a crash of the worker is an InputError
    on `path`."""
    with WorkerPool(1) as pool:
        return pool.call(func, *args, path=path)
