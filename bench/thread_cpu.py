"""CPU time a process spends, by thread, while a block runs (Linux /proc; names via py-spy).

The server's threads share one interpreter: when one of them (the database writer, say)
uses most of the CPU, that thread is the ceiling whatever the others do. bench/side_by_side
prints this after each product run:

    server CPU 4.4 ms per update (0.97 of a core): group-commit 63%, MainThread 33%, …
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class ThreadCpu:
    seconds: float = 0.0  # wall time of the block
    by_thread: dict[str, float] = field(default_factory=dict)  # CPU seconds by thread name

    @property
    def total(self) -> float:
        return sum(self.by_thread.values())

    def line(self, updates: int) -> str:
        total = self.total
        if not total or not updates or not self.seconds:
            return "server CPU: not measured"
        shares = sorted(self.by_thread.items(), key=lambda item: -item[1])
        top = ", ".join(f"{name} {cpu / total:.0%}" for name, cpu in shares[:4] if cpu)
        return (
            f"server CPU {total / updates * 1000:.1f} ms per update "
            f"({total / self.seconds:.2f} of a core): {top}"
        )


def _ticks(pid: int) -> dict[int, int]:
    found = {}
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # the thread ended meanwhile
            continue
        found[int(task.name)] = int(fields[11]) + int(fields[12])  # utime + stime
    return found


def _names(pid: int) -> dict[int, str]:
    """Python thread names by OS thread id, from `py-spy dump` (empty if it cannot attach)."""
    spy = Path(sys.executable).with_name("py-spy")
    try:
        out = subprocess.run(
            [str(spy), "dump", "--pid", str(pid)], capture_output=True, text=True, timeout=30
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    return {
        int(m.group(1), 0): m.group(2)
        for m in re.finditer(r'^Thread (\S+) \([^)]*\): "([^"]*)"', out, re.M)
    }


@contextmanager
def thread_cpu(pid: int) -> Iterator[ThreadCpu]:
    result = ThreadCpu()
    start, began = _ticks(pid), time.monotonic()
    yield result
    end = _ticks(pid)
    result.seconds = time.monotonic() - began
    names = _names(pid)
    for tid, ticks in end.items():
        name = names.get(tid, "other threads")
        if name.startswith(("AnyIO worker", "asyncio_", "ThreadPoolExecutor")):
            name = "worker threads"
        used = (ticks - start.get(tid, 0)) / TICKS
        result.by_thread[name] = result.by_thread.get(name, 0.0) + used
