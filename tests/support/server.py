"""A real `sangkien serve` process on a free port, which a test may kill -9 and restart."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def write_config(path: Path, sections: dict[str, dict[str, Any]]) -> Path:
    """Write a TOML config from plain dicts (strings, bools, ints, lists of strings)."""
    lines: list[str] = []
    for section, values in sections.items():
        lines.append(f"[{section}]")
        for key, value in values.items():
            lines.append(f"{key} = {_toml(value)}")
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    escaped = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


class ServerProcess:
    """Runs the product exactly as an operator would, in its own process."""

    def __init__(self, config: Path, *, port: int | None = None, log_path: Path | None = None):
        self.config = config
        self.port = port or free_port()
        self.log_path = log_path or config.with_suffix(".log")
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 120.0) -> ServerProcess:
        # 120 s: a machine running several test sessions at once may take well over 30 s.
        log = self.log_path.open("ab")
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        env.pop("SANGKIEN_CONFIG", None)
        # The code under test, not the venv's editable install (which may be another worktree).
        env.setdefault("PYTHONPATH", str(ROOT))
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "cli",
                "--config",
                str(self.config),
                "serve",
                "--port",
                str(self.port),
            ],
            cwd=self.config.parent,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self._wait_ready(timeout)
        return self

    def _wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.proc is not None
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited early:\n{self.log()}")
            try:
                if httpx.get(f"{self.url}/readyz", timeout=1.0).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        self.kill()  # a `with` block never entered would otherwise leave it running
        raise RuntimeError(f"server not ready after {timeout}s:\n{self.log()}")

    def kill(self) -> None:
        """kill -9: no shutdown hook runs, exactly like a power cut."""
        if self.proc is not None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)
            self.proc = None

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()
            self.proc = None

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:] if self.log_path.exists() else ""

    def __enter__(self) -> ServerProcess:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
