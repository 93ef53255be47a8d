"""The fake Telegram Bot API (tests/fakes) in a process of its own, for bench/side_by_side.py.

In the crowd's process the fake and 200 simulated people shared one interpreter: on a
2-core machine that process, not the server measured, was the first to run out of CPU. Here
the fake has its own. It reports every call it answers on stdout, one line each:

    C <tab> method <tab> chat_id <tab> callback_query_id <tab> time.monotonic() <tab> status

(CLOCK_MONOTONIC is one clock for every process on the machine, so the crowd compares these
times with its own.) It reads commands on stdin and answers each with one `R` line:
`reset`, `limits on|off`, `counts` (calls per method since the last reset, as JSON).

    .venv/bin/python -m bench.fake_process      # prints "R <tab> url <tab> token" first
"""

from __future__ import annotations

import json
import sys
import threading
from collections import Counter
from typing import TextIO

from tests.fakes.telegram_api import FakeTelegram
from tests.fakes.telegram_state import Call


class _Reporter:
    """Writes call lines from the fake's thread and command answers from the main thread."""

    def __init__(self, out: TextIO) -> None:
        self._out = out
        self._lock = threading.Lock()
        self.counts: Counter[str] = Counter()

    def line(self, *fields: object) -> None:
        text = "\t".join(str(f) for f in fields) + "\n"
        with self._lock:
            self._out.write(text)
            self._out.flush()

    def call(self, call: Call) -> None:
        self.counts[call.method] += 1
        params = call.params
        chat = params.get("chat_id", "")
        query = params.get("callback_query_id", "")
        self.line("C", call.method, chat, query, repr(call.time), call.status)


def main() -> None:
    reporter = _Reporter(sys.stdout)
    with FakeTelegram() as fake:
        fake.rate_limit(enabled=False)
        fake.on_call(reporter.call)
        reporter.line("R", fake.url, fake.token)
        for command in sys.stdin:
            words = command.split()
            if not words or words[0] == "quit":
                break
            if words[0] == "reset":
                fake.reset()  # the listener stays: reset() keeps it
                fake.rate_limit(enabled=False)
                reporter.counts.clear()
                reporter.line("R", "ok")
            elif words[0] == "limits":
                fake.rate_limit(enabled=words[1:] == ["on"])
                reporter.line("R", "ok")
            elif words[0] == "counts":
                reporter.line("R", json.dumps(dict(reporter.counts)))
            else:
                reporter.line("R", f"unknown command {words[0]}")


if __name__ == "__main__":
    main()
