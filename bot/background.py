"""A daemon thread that keeps something up to date until it is stopped.

The life cycle shared by the services that work in the background of a replica (the
similarity index, the desk's marks): start() returns at once and starts the thread once,
stop() asks it to end and waits a little. The body watches `stopping` and waits on it
between rounds, so a stop never waits out a whole interval.
"""

from __future__ import annotations

import threading
from collections.abc import Callable


class BackgroundThread:
    def __init__(self, name: str, body: Callable[[], None]) -> None:
        self.name = name
        self._body = body
        self.stopping = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._body, name=self.name, daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self.stopping.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
