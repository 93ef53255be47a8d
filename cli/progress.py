"""Progress of long commands on stderr: a rich bar in a terminal, a plain line every 5 s in a log.

stdout stays for results (a count, a token, a file name), so scripts can read it.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from types import TracebackType
from typing import Any, TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    MofNCompleteColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeRemainingColumn,
    TransferSpeedColumn,
)

LOG_EVERY = 5.0  # seconds between lines when stderr is a file


class Bar:
    """One task's progress. `unit="bytes"` shows sizes and speed, otherwise done/total and rate.

    Use as a context manager; `update(completed, total, note)` may be called from any pace.
    """

    def __init__(
        self,
        description: str,
        *,
        total: int | None = None,
        unit: str = "",
        out: TextIO | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.description, self.total, self.unit = description, total, unit
        self.out = out or sys.stderr
        self.clock = clock
        self.console = Console(file=self.out, highlight=False)
        self.completed, self.note = 0, ""
        self._rich: Progress | None = None
        self._task: Any = None
        self._started = clock()
        self._last_line: float | None = None

    def __enter__(self) -> Bar:
        if self.console.is_terminal:
            self._rich = Progress(*self._columns(), console=self.console, transient=False)
            self._task = self._rich.add_task(self.description, total=self.total, note="")
            self._rich.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._rich is not None:
            self._rich.stop()
        elif kind is None and self._last_line is not None:
            self._write_line()  # the final figures, once, for the log

    def _columns(self) -> list[Any]:
        text = TextColumn("{task.description}", markup=False)  # file names may hold [ ]
        note = TextColumn("{task.fields[note]}", markup=False)
        if self.unit == "bytes":
            return [text, BarColumn(), DownloadColumn(), TransferSpeedColumn(),
                    TimeRemainingColumn(), note]  # fmt: skip
        return [text, BarColumn(), MofNCompleteColumn(), TaskProgressColumn(),
                TimeRemainingColumn(), note]  # fmt: skip

    def update(self, completed: int, *, total: int | None = None, note: str | None = None) -> None:
        """Set the figures; the note stays as it was unless given."""
        self.completed = completed
        if note is not None:
            self.note = note
        if total is not None:
            self.total = total
        if self._rich is not None:
            self._rich.update(self._task, completed=completed, total=self.total, note=self.note)
            return
        now = self.clock()
        if self._last_line is None or now - self._last_line >= LOG_EVERY:
            self._write_line()

    def advance(self, amount: int, *, note: str | None = None) -> None:
        self.update(self.completed + amount, note=note)

    def line(self) -> str:
        """The plain-text form: description, done/total, percent, rate and time left."""
        done, total = self.completed, self.total
        elapsed = max(self.clock() - self._started, 1e-6)
        rate = done / elapsed
        left = f"{_clock((total - done) / rate)}" if total and rate > 0 else "-:--"
        if self.unit == "bytes":
            amount = f"{_size(done)}/{_size(total or 0)} {_size(int(rate))}/s"
        else:
            amount = f"{done}/{total if total is not None else '?'} {rate:.1f}/s"
        percent = f" {100 * done // total}%" if total else ""
        note = f" {self.note}" if self.note else ""
        return f"{self.description} {amount}{percent} ETA {left}{note}"

    def _write_line(self) -> None:
        self.out.write(self.line() + "\n")
        self.out.flush()
        self._last_line = self.clock()


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 60}:{seconds % 60:02d}"


def _size(count: float) -> str:
    for unit in ("B", "KB", "MB"):
        if count < 1024:
            return f"{count:.0f} B" if unit == "B" else f"{count:.1f} {unit}"
        count /= 1024
    return f"{count:.1f} GB"
